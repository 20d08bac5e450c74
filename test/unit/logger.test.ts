import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logDestination } from '../../src/logger.ts';
import { formatLogLine, prettyDestination } from '../../src/prettyLogs.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logs', () => {
  it('GIVEN a Discord error whose URL holds an interaction token THEN the log keeps the route but not the token', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('Unknown interaction'), {
      url: 'http://127.0.0.1/api/v10/interactions/1300000000000000001/aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu/callback',
      requestBody: { json: { type: 4 } },
    });
    logger.error({ err: error }, 'answer could not be delivered');
    expect(lines[0]).toContain('/interactions/1300000000000000001/[redacted]/callback');
    expect(lines[0]).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu');
    expect(lines[0]).not.toContain('requestBody');
  });

  it('GIVEN a webhook URL in a message THEN its token is redacted too', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('POST /webhooks/1300000000000000001/secret-webhook-token failed') }, 'x');
    expect(lines[0]).not.toContain('secret-webhook-token');
  });

  it('GIVEN a config object with the bot token THEN it is redacted', () => {
    const { lines, logger } = capture();
    logger.info({ config: { DISCORD_TOKEN: 'abc.def.ghi' } }, 'x');
    expect(lines[0]).not.toContain('abc.def.ghi');
  });
});

/** A stand-in for process.stdout: a terminal or not, collecting what is written. */
function output(isTTY: boolean) {
  const lines: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  ) as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe('log format', () => {
  it.each([
    [undefined, false, 'json'],
    [undefined, true, 'pretty'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('GIVEN LOG_FORMAT=%s and a terminal=%s THEN the logs are %s', (format, isTTY, expected) => {
    const out = output(isTTY);
    const destination = logDestination(format, out.stream);
    createLogger('info', destination ?? out.stream).info({ commands: 'unchanged' }, 'ready');
    const line = out.lines.join('');
    if (expected === 'json') expect(JSON.parse(line)).toMatchObject({ msg: 'ready', commands: 'unchanged' });
    else expect(line).toMatch(/^\d\d:\d\d:\d\d INFO {2}ready commands=unchanged\n$/);
  });

  it('GIVEN a readable line THEN it shows the level, the message and the fields, quoting only values with spaces', () => {
    const json = JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 1), pid: 1, hostname: 'h', app: 'factbot', msg: 'gateway reconnecting', shard: 0, note: 'two words', url: 'https://x.test/?a=1' });
    const line = formatLogLine(json);
    expect(line).toMatch(/^\d\d:\d\d:\d\d WARN {2}gateway reconnecting shard=0 note="two words" url=https:\/\/x\.test\/\?a=1$/);
    expect(line).not.toContain('hostname');
  });

  it('GIVEN an error in a readable line THEN its stack follows, indented', () => {
    const line = formatLogLine(JSON.stringify({ level: 50, time: 0, msg: 'client error', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (y.ts:1:1)' } }));
    expect(line.split('\n')).toEqual([expect.stringMatching(/ERROR client error$/), '    Error: boom', '        at x (y.ts:1:1)']);
  });

  it('GIVEN readable lines THEN the bot token is redacted as in JSON', () => {
    const out = output(true);
    createLogger('info', prettyDestination(out.stream)).info({ config: { DISCORD_TOKEN: 'abc.def.ghi' } }, 'x');
    expect(out.lines.join('')).not.toContain('abc.def.ghi');
  });
});
