import { Client, DiscordAPIError, type REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors.ts';
import { explainRegistrationRefusal, explainStartupError } from '../../../src/discord/setupErrors.ts';

const CLIENT_ID = '123456789012345678';
const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'GET', `https://discord.com/api/v10/applications/${CLIENT_ID}/commands`, {});
/** A REST whose "which application is this token?" answers `tokenApplication`, or fails. */
const restKnowing = (tokenApplication: string | Error) =>
  ({ get: async () => (tokenApplication instanceof Error ? Promise.reject(tokenApplication) : { id: tokenApplication }) }) as unknown as REST;
const networkFailure = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('first-run startup errors', () => {
  it('GIVEN discord.js says the token is invalid THEN the sentence says to reset it, without the token', async () => {
    // discord.js's own TokenInvalid error, as login throws it after Discord answers 401.
    const invalid = await new Client({ intents: [] }).login('').catch((error: unknown) => error);
    const sentence = explainStartupError(invalid, undefined);
    expect(sentence).toMatch(/^Discord rejected DISCORD_TOKEN .*Reset Token\) into \.env\.$/);
  });

  it.each([
    ['ENOTFOUND', undefined, /^Discord could not be reached at discord\.com \(ENOTFOUND\): check the internet connection/],
    ['EAI_AGAIN', undefined, /\(EAI_AGAIN\)/],
    ['ECONNREFUSED', 'http://127.0.0.1:9/api', /at http:\/\/127\.0\.0\.1:9\/api \(ECONNREFUSED\): check that it is running or leave DISCORD_API_BASE empty/],
  ])('GIVEN a network failure %s THEN the sentence names where and what to check', (code, api, sentence) => {
    expect(explainStartupError(networkFailure(code), api)).toMatch(sentence);
  });

  it('GIVEN Discord never answered (the request timed out) THEN it is a network failure too', () => {
    const timeout = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(explainStartupError(timeout, undefined)).toContain('(no answer in time)');
  });

  it('GIVEN an error that is no first-run mistake THEN it is left to be reported as a bug', () => {
    expect(explainStartupError(new Error('something else'), undefined)).toBeUndefined();
  });
});

describe('command registration refused', () => {
  it('GIVEN Unknown Application while the token belongs to no readable application THEN the sentence points at the Application ID', async () => {
    const error = await explainRegistrationRefusal(restKnowing(new Error('offline')), { applicationId: CLIENT_ID }, apiError(404, 10002, 'Unknown Application'));
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/^Discord refused the commands of DISCORD_CLIENT_ID 123456789012345678 \(Unknown Application\): set DISCORD_CLIENT_ID to the Application ID/);
  });

  it('GIVEN Missing Access and another application behind the token THEN it says which id to set', async () => {
    const error = await explainRegistrationRefusal(restKnowing('999999999999999999'), { applicationId: CLIENT_ID, guildId: '1300000000000000100' }, apiError(403, 50001, 'Missing Access'));
    expect((error as Error).message).toContain('set DISCORD_CLIENT_ID=999999999999999999 in .env');
  });

  it('GIVEN Missing Access on a server registration with the right client id THEN it says the bot has not joined and gives the invite', async () => {
    const error = await explainRegistrationRefusal(restKnowing(CLIENT_ID), { applicationId: CLIENT_ID, guildId: '1300000000000000100' }, apiError(403, 50001, 'Missing Access'));
    expect((error as Error).message).toMatch(/^The bot has not joined the server DISCORD_GUILD_ID=1300000000000000100 .*client_id=123456789012345678/);
  });

  it('GIVEN any other failure THEN it is passed on unchanged', async () => {
    const other = apiError(500, 0, 'Internal Server Error');
    expect(await explainRegistrationRefusal(restKnowing(CLIENT_ID), { applicationId: CLIENT_ID }, other)).toBe(other);
  });
});
