import { describe, expect, it } from 'vitest';
import { isDiscordFileUrl } from '../../../src/discord/factadmin/transfer.ts';

const DISCORD_API = 'https://discord.com/api';
const FAKE_API = 'http://127.0.0.1:8080/api';

describe('which attachment URLs an import downloads', () => {
  it.each([
    ['Discord’s CDN', 'https://cdn.discordapp.com/attachments/1/2/facts.json?ex=1&is=2&hm=3', DISCORD_API],
    ['Discord’s media proxy', 'https://media.discordapp.net/attachments/1/2/facts.json', DISCORD_API],
    ['the configured API host (the fake Discord)', 'http://127.0.0.1:8080/attachments/0/1/facts.json', FAKE_API],
  ])('GIVEN a file on %s THEN it is downloaded', (_where, url, api) => {
    expect(isDiscordFileUrl(url, api)).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example/facts.json', DISCORD_API],
    ['a look-alike of the CDN', 'https://cdn.discordapp.com.evil.example/facts.json', DISCORD_API],
    ['the CDN over plain http', 'http://cdn.discordapp.com/attachments/1/2/facts.json', DISCORD_API],
    ['the CDN on another port', 'https://cdn.discordapp.com:8443/attachments/1/2/facts.json', DISCORD_API],
    ['the CDN as a user name before another host', 'https://cdn.discordapp.com@127.0.0.1/facts.json', DISCORD_API],
    ['credentials on the CDN', 'https://user:pass@cdn.discordapp.com/attachments/1/2/facts.json', DISCORD_API],
    ['the API host on another port', 'http://127.0.0.1:9090/attachments/0/1/facts.json', FAKE_API],
    ['the API host under another name', 'http://localhost:8080/attachments/0/1/facts.json', FAKE_API],
    ['a local file', 'file:///etc/passwd', FAKE_API],
    ['no URL at all', 'not a url', FAKE_API],
  ])('GIVEN a file on %s THEN it is refused', (_where, url, api) => {
    expect(isDiscordFileUrl(url, api)).toBe(false);
  });
});
