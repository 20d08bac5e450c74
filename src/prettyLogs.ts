import { Writable } from 'node:stream';

/** Fields every line has, or that the line already shows in its own place. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'app', 'msg', 'err']);
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/**
 * pino's JSON line as a person reads it on a terminal: `09:44:38 INFO  ready user=factbot commands=unchanged`,
 * an error's stack indented below. It formats what pino wrote, so redaction has already happened.
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const level = (LEVEL_NAMES[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const line = [time, level, String(entry.msg ?? ''), ...fields].filter((part) => part !== '').join(' ');
  return line + formatError(entry.err);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function formatError(err: unknown): string {
  if (err === null || typeof err !== 'object') return '';
  const { stack, message } = err as { stack?: unknown; message?: unknown };
  const text = typeof stack === 'string' ? stack : String(message ?? '');
  return `\n${text.replace(/^/gm, '    ')}`;
}

/** A pino destination that writes readable lines to `out` instead of JSON. */
export function prettyDestination(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line !== '') out.write(`${formatLogLine(line)}\n`);
      }
      done();
    },
  });
}
