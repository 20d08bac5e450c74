import { z } from 'zod';
import { DataError } from './core/errors.ts';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id: 17 to 20 digits');

/** Each variable with the fix to print when it is missing or malformed. */
const HINTS: Record<string, string> = {
  DISCORD_TOKEN: 'the bot token from the Discord developer portal (Bot > Reset Token)',
  DISCORD_CLIENT_ID: "the application id from the developer portal's General Information page",
  DISCORD_GUILD_ID: "a server id (right-click the server with Developer Mode on > Copy Server ID), or leave it empty to register commands globally",
  DISCORD_API_BASE: 'a URL such as http://127.0.0.1:8080/api, or leave it empty for the real Discord',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  LOG_FORMAT: 'json (one JSON object a line, for log collectors) or pretty (readable lines), or leave it empty: pretty on a terminal, json otherwise',
  DATA_DIR: 'the folder holding facts.json and article.txt (default: data)',
  MODERATOR_ROLE_IDS: 'a comma-separated list of role ids, or leave it empty',
  ASK_LIMIT: 'how many questions one member may ask per 30 seconds (default 5; 0 turns the limit off)',
  DUPLICATE_ANSWER_WINDOW_S: 'seconds during which the same answer is not posted publicly twice in a channel (default 60; 0 turns it off)',
  HEALTH_HOST: 'the address /healthz and /metrics listen on: 127.0.0.1 (default) or 0.0.0.0 for every interface',
  HEALTH_PORT: 'a port number for /healthz and /metrics (1-65535), or leave it empty to serve neither',
  QUIZ_REVEAL_PAUSE_MS: 'milliseconds between a revealed answer and the next quiz question, 0 to 10000 (default 3000)',
};

/** Empty strings in .env mean "not set". */
const unset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const required = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema);

const configSchema = z.object({
  DISCORD_TOKEN: required(
    z
      .string({ error: 'is missing' })
      .trim()
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three parts separated by dots)'),
  ),
  DISCORD_CLIENT_ID: required(z.string({ error: 'is missing' }).pipe(snowflake)),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform((v) => v ?? 'info'),
  LOG_FORMAT: optional(z.enum(['json', 'pretty'])),
  DATA_DIR: optional(z.string().min(1)).transform((v) => v ?? 'data'),
  MODERATOR_ROLE_IDS: optional(z.string())
    .transform((v) => (v ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''))
    .pipe(z.array(snowflake)),
  ASK_LIMIT: optional(z.coerce.number().int().min(0).max(1000)).transform((v) => v ?? 5),
  DUPLICATE_ANSWER_WINDOW_S: optional(z.coerce.number().int().min(0).max(3600)).transform((v) => v ?? 60),
  HEALTH_HOST: optional(z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], { error: 'must be an IP address such as 127.0.0.1 or 0.0.0.0' })).transform((v) => v ?? '127.0.0.1'),
  HEALTH_PORT: optional(z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65_535)),
  // A quiz talks through its start interaction's webhook, which lasts 15 minutes: 15 rounds of 45 s plus pauses must fit.
  QUIZ_REVEAL_PAUSE_MS: optional(z.coerce.number().int().min(0).max(10_000)).transform((v) => v ?? 3000),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Read the configuration from the environment; a bad value stops with its name and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseEnv(configSchema, env);
}

/** Only what `npm run invite` needs, so it works before the token is set. */
export function loadInviteConfig(env: NodeJS.ProcessEnv = process.env): Pick<Config, 'DISCORD_CLIENT_ID'> {
  return parseEnv(configSchema.pick({ DISCORD_CLIENT_ID: true }), env);
}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): Readonly<z.infer<T>> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return Object.freeze(parsed.data);
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'config');
    return `  - ${name} ${issue.message}. Set it in .env (copy .env.example): ${HINTS[name] ?? ''}`;
  });
  throw new DataError(`Configuration problem (environment / .env):\n${lines.join('\n')}`);
}
