import { pino, stdSerializers, type Logger } from 'pino';
import { prettyDestination } from './prettyLogs.ts';

/** Interaction and webhook tokens sit in Discord URLs; anyone holding one can post as the bot for 15 minutes. */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[\w.-]+/g;

export function redactUrlTokens(text: string): string {
  return text.replace(URL_TOKEN, '$1[redacted]');
}

/** Errors are logged with their stack, but any Discord URL in them loses its token. */
function serializeError(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') serialized[key] = redactUrlTokens(value);
  }
  delete serialized.requestBody;
  return serialized;
}

/** Structured JSON logs on stdout; anything that looks like a secret is redacted wherever it appears. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'factbot' },
      serializers: { err: serializeError },
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'authorization', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** JSON for machines and log collectors; readable lines on a terminal, unless LOG_FORMAT chooses. */
export function logDestination(format: 'json' | 'pretty' | undefined, out: NodeJS.WriteStream): pino.DestinationStream | undefined {
  const pretty = format === 'pretty' || (format === undefined && out.isTTY);
  return pretty ? prettyDestination(out) : undefined;
}
