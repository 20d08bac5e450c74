import { describe, expect, it } from 'vitest';
import { loadConfig, loadInviteConfig } from '../../src/config.ts';

const valid = {
  DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.abcdefghijklmnopqrstuvwxyz0123456789AB',
  DISCORD_CLIENT_ID: '123456789012345678',
};

describe('loadConfig', () => {
  it('GIVEN the required variables THEN defaults fill the optional ones', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ LOG_LEVEL: 'info', DATA_DIR: 'data', MODERATOR_ROLE_IDS: [] });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('GIVEN empty optional values as in a fresh .env THEN they count as unset', () => {
    const config = loadConfig({ ...valid, DISCORD_GUILD_ID: '', DISCORD_API_BASE: '', LOG_LEVEL: '', MODERATOR_ROLE_IDS: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_BASE).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
  });

  it.each([
    [{ DISCORD_TOKEN: undefined }, /DISCORD_TOKEN is missing\. Set it in \.env/],
    [{ DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '  ' }, /DISCORD_TOKEN is missing[\s\S]*DISCORD_CLIENT_ID is missing/],
    [{ DISCORD_TOKEN: 'not a token' }, /DISCORD_TOKEN does not look like a bot token/],
    [{ DISCORD_CLIENT_ID: 'abc' }, /DISCORD_CLIENT_ID must be a Discord id/],
    [{ DISCORD_GUILD_ID: '12' }, /DISCORD_GUILD_ID must be a Discord id.*Copy Server ID/],
    [{ DISCORD_API_BASE: 'ftp://x' }, /DISCORD_API_BASE must be an http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL .*one of fatal, error/],
    [{ LOG_FORMAT: 'fancy' }, /LOG_FORMAT .*Set it in \.env.*json .*or pretty/],
    [{ MODERATOR_ROLE_IDS: '123456789012345678, nope' }, /MODERATOR_ROLE_IDS .*must be a Discord id/],
  ])('GIVEN %o THEN startup stops naming the variable and the fix', (override, message) => {
    expect(() => loadConfig({ ...valid, ...override })).toThrow(message);
  });

  it('GIVEN LOG_FORMAT unset, pretty or json THEN the choice is kept (unset: decided by whether the output is a terminal)', () => {
    expect(loadConfig(valid).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ ...valid, LOG_FORMAT: '' }).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ ...valid, LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(loadConfig({ ...valid, LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
  });

  it('GIVEN only DISCORD_CLIENT_ID THEN the invite link config loads without a token', () => {
    expect(loadInviteConfig({ DISCORD_CLIENT_ID: valid.DISCORD_CLIENT_ID })).toEqual({ DISCORD_CLIENT_ID: valid.DISCORD_CLIENT_ID });
    expect(() => loadInviteConfig({})).toThrow(/DISCORD_CLIENT_ID is missing/);
  });

  it('GIVEN a bad token THEN the error never contains the token', () => {
    const secret = 'secret-token-value-that-is-wrong';
    let message = '';
    try {
      loadConfig({ ...valid, DISCORD_TOKEN: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).not.toContain(secret);
  });
});
