/** Something the person can fix (bad input, unknown id, not allowed): shown to them as is. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A config or data file that cannot be used; the message names the file, the field and the fix. */
export class DataError extends Error {
  override readonly name = 'DataError';
}
