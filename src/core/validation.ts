import { z } from 'zod';
import { DataError } from './errors.ts';

/** "facts[3].source.quote" from zod's path array. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/** One line per problem: "field: message". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
}

/** Control and invisible format characters (NUL, escapes, zero-width spaces, BOM), but not line breaks or tabs. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}]/gu;

/**
 * A string with invisible characters removed, trimmed, non-empty, with at least one letter or
 * digit, of at most `max` characters; messages a person can act on.
 */
export function requiredText(max: number) {
  return z
    .string()
    .transform((value) => value.replace(INVISIBLE, '').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .regex(/[\p{L}\p{N}]/u, 'must contain words, not only symbols or emoji'),
    );
}

/** JSON.parse that names the file and says what to do when the syntax is wrong. */
export function parseJsonFile(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(`${name}: is not valid JSON (${(error as Error).message}). Fix the syntax and try again.`);
  }
}

/** Validate parsed data against a schema; a problem stops with the file, the field and the fix. */
export function parseData<T extends z.ZodType>(schema: T, json: unknown, name: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((line) => `  - ${line}`);
    const shown = lines.slice(0, MAX_LISTED_PROBLEMS);
    if (lines.length > shown.length) shown.push(`  ... and ${lines.length - shown.length} more`);
    throw new DataError(`${name}: ${lines.length} problem(s); fix each field named below:\n${shown.join('\n')}`);
  }
  return parsed.data;
}

/** A broken generated file can have thousands of problems; the first few say what is wrong. */
const MAX_LISTED_PROBLEMS = 20;
