import { commandDefinitions } from '../../commands/index.ts';
import { loadConfig } from '../config.ts';
import { createRest, syncCommands } from '../discord/syncCommands.ts';
import { runCli } from './runCli.ts';

runCli('usage: npm run deploy   (reads DISCORD_TOKEN, DISCORD_CLIENT_ID, DISCORD_GUILD_ID, DISCORD_API_BASE from .env)', async () => {
  const config = loadConfig();
  const rest = createRest(config.DISCORD_TOKEN, config.DISCORD_API_BASE);
  const outcome = await syncCommands(
    rest,
    { applicationId: config.DISCORD_CLIENT_ID, guildId: config.DISCORD_GUILD_ID },
    commandDefinitions,
  );
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'globally';
  console.log(outcome === 'updated' ? `Commands registered ${where}.` : `Commands ${where} already up to date; nothing sent.`);
});
