import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { inviteUrl } from '../../../src/discord/invite.ts';

describe('invite link', () => {
  it('GIVEN a client id THEN the link adds the bot with its slash commands and only the permissions a quiz post needs', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.href.startsWith('https://discord.com/oauth2/authorize?')).toBe(true);
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(['bot', 'applications.commands']);
    const granted = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(granted.toArray().sort()).toEqual(['EmbedLinks', 'SendMessages', 'ViewChannel']);
    expect(granted.has(PermissionFlagsBits.Administrator)).toBe(false);
  });
});
