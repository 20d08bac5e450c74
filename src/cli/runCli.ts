import { config as loadDotenv } from 'dotenv';
import { DataError, UserError } from '../core/errors.ts';

/**
 * Run a CLI body: user and data mistakes print their message and exit 1;
 * anything else is a bug and prints its stack.
 */
export function runCli(usage: string, body: (args: string[]) => void | Promise<void>): void {
  // The same .env as npm start, so DATA_DIR and the rest point where the bot's do.
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return;
  }
  Promise.resolve()
    .then(() => body(args))
    .catch((error: unknown) => {
      if (error instanceof UserError || error instanceof DataError) console.error(error.message);
      else console.error(error);
      process.exitCode = 1;
    });
}
