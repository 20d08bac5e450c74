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

/** A trimmed, non-empty string of at most `max` characters, with messages a person can act on. */
export function requiredText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

/** JSON.parse that names the file and says what to do when the syntax is wrong. */
export function parseJsonFile(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(`${name}: is not valid JSON (${(error as Error).message}). Fix the syntax and try again.`);
  }
}
