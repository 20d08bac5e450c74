/**
 * The fake Discord as a standalone server, to try the bot without Discord:
 *   npm run fake-discord            (prints the .env values to use)
 *   npm start                       (in another terminal, with those values in .env)
 * Then type commands here as a member would (see DRIVER_USAGE), e.g.  ask question=who hosts the talks
 */
import { createInterface } from 'node:readline';
import { startFakeDiscord } from './fakeDiscord.ts';
import { DRIVER_MODERATOR_ROLE_ID, DRIVER_USAGE, TerminalDriver } from './terminalDriver.ts';

const port = Number(process.env.FAKE_DISCORD_PORT ?? 8555);
const fake = await startFakeDiscord({ port, heartbeatIntervalMs: 5000, interactionDeadlineMs: 3000 });
console.log(`Fake Discord listening on 127.0.0.1:${port === 0 ? new URL(fake.apiBase).port : port}. Put these in .env:

DISCORD_TOKEN=${fake.token}
DISCORD_CLIENT_ID=${fake.applicationId}
DISCORD_GUILD_ID=${fake.guildIds[0]}
DISCORD_API_BASE=${fake.apiBase}
MODERATOR_ROLE_IDS=${DRIVER_MODERATOR_ROLE_ID}

Then run \`npm start\` in another terminal and type here once it has connected.
${DRIVER_USAGE}
`);

const driver = new TerminalDriver(fake, (text) => console.log(text));
const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
driver.watch();

/** Leave at once: the bot sees its connection drop, as when Discord goes away. */
function quit(): never {
  driver.stop();
  process.exit(0);
}

lines.setPrompt(driver.prompt);
lines.prompt();
for await (const line of lines) {
  if ((await driver.handle(line)) === 'quit') quit();
  lines.setPrompt(driver.prompt);
  lines.prompt();
}
quit();
