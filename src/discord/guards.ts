import { UserError } from '../core/errors.ts';

/** Turns a rate limiter's wait into the member-facing "slow down" message. */
export function slowDown(waitMs: number, doing: string): void {
  if (waitMs <= 0) return;
  throw new UserError(`Slow down a little: you are ${doing} too fast. Try again in ${Math.ceil(waitMs / 1000)} s.`);
}
