import { loadInviteConfig } from '../config.ts';
import { inviteUrl } from '../discord/invite.ts';
import { runCli } from './runCli.ts';

runCli('usage: npm run invite   (prints the link that adds the bot to a server; reads DISCORD_CLIENT_ID from .env)', () => {
  const { DISCORD_CLIENT_ID } = loadInviteConfig();
  console.log(inviteUrl(DISCORD_CLIENT_ID));
});
