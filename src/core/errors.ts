/** Something the person can fix (bad input, unknown id, not allowed): shown to them as is. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A config or data file that cannot be used; the message names the file, the field and the fix. */
export class DataError extends Error {
  override readonly name = 'DataError';
}

/**
 * A save the disk refused (full, read-only, failing): nothing was changed. A UserError, so the member
 * is told plainly what happened; `code` is SQLite's (SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR_…).
 */
export class StorageError extends UserError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
