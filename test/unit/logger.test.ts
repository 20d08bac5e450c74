import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

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
