/**
 * The fake Discord as a standalone server, to try the bot without Discord:
 *   npm run fake-discord            (prints the .env values to use)
 *   npm start                       (in another terminal, with those values in .env)
 * Then type commands here, e.g.  ask question=how many ppl fled karabach   or   meeting
 */
import { createInterface } from 'node:readline';
import { autocomplete, slash, startFakeDiscord } from './fakeDiscord.ts';

const port = Number(process.env.FAKE_DISCORD_PORT ?? 8555);
const fake = await startFakeDiscord({ port, heartbeatIntervalMs: 5000, interactionDeadlineMs: 3000 });
console.log(`Fake Discord listening on 127.0.0.1:${port}. Put these in .env:

DISCORD_TOKEN=${fake.token}
DISCORD_CLIENT_ID=${fake.applicationId}
DISCORD_GUILD_ID=${fake.guildIds[0]}
DISCORD_API_BASE=${fake.apiBase}

Then run \`npm start\` and type a command here: "ask question=who hosts the talks", "timeline topic=nobel",
"complete ask question=abu dh" (autocomplete), "commands", or "quit".`);

/** "ask question=who hosts private=true" -> ['ask', { question: 'who hosts', private: true }] */
function parse(line: string): [string, Record<string, string | boolean>] {
  const [name = '', ...rest] = line.trim().split(/\s+(?=\S+=)/);
  const options: Record<string, string | boolean> = {};
  for (const part of rest) {
    const [key = '', ...value] = part.split('=');
    const text = value.join('=');
    options[key] = text === 'true' ? true : text === 'false' ? false : text;
  }
  return [name.trim(), options];
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === 'quit') break;
  if (line.trim() === 'commands') {
    console.log(fake.commands(fake.guildIds[0]).map((c) => `/${c.name}`).join(' '));
    continue;
  }
  try {
    const completing = line.startsWith('complete ');
    const [name, options] = parse(completing ? line.slice('complete '.length) : line);
    const [focusedName, focusedValue] = Object.entries(options)[0] ?? ['question', ''];
    const payload = completing ? autocomplete(name, { name: focusedName, value: String(focusedValue) }) : slash(name, options);
    const response = await fake.interact(payload).response();
    console.log(JSON.stringify(response.data, null, 2));
  } catch (error) {
    console.log(`No answer: ${(error as Error).message}`);
  }
}
await fake.close();
