/**
 * Primitives for validating bot-sent payloads the way Discord does, producing errors in Discord's
 * format: `{ code: 50035, message: 'Invalid Form Body', errors: { field: { _errors: [...] } } }`.
 */

export type Path = ReadonlyArray<string | number>;

export interface FieldError {
  code: string;
  message: string;
}

/** The nested `errors` object Discord sends with code 50035. */
export interface ErrorTree {
  _errors?: FieldError[];
  [key: string]: ErrorTree | FieldError[] | undefined;
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: ErrorTree;
  [key: string]: unknown;
}

export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: Path, code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) {
      const k = String(key);
      let next = node[k];
      if (next === undefined || Array.isArray(next)) {
        next = {};
        node[k] = next;
      }
      node = next;
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  body(): DiscordErrorBody {
    return { code: 50035, message: 'Invalid Form Body', errors: this.tree };
  }

  /** Flattened "a.b[CODE]: message" lines, like discord.js prints them. */
  lines(): string[] {
    const out: string[] = [];
    const walk = (node: ErrorTree, prefix: string): void => {
      for (const [key, value] of Object.entries(node)) {
        if (value === undefined) continue;
        if (key === '_errors' && Array.isArray(value)) {
          for (const e of value) out.push(`${prefix || '(root)'}[${e.code}]: ${e.message}`);
        } else if (!Array.isArray(value)) {
          walk(value, prefix ? `${prefix}.${key}` : key);
        }
      }
    };
    walk(this.tree, '');
    return out;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Discord counts string lengths in Unicode code points. */
export function len(value: string): number {
  return [...value].length;
}

// ---------------------------------------------------------------------------------------------
// Generic field checks

export function checkString(
  errs: FormErrors,
  path: Path,
  value: unknown,
  opts: { min?: number; max: number; required?: boolean; nullable?: boolean },
): string | undefined {
  if (value === undefined || (value === null && opts.nullable !== false)) {
    if (opts.required) errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    errs.add(path, 'BASE_TYPE_STRING', `Could not interpret "${JSON.stringify(value)}" as string.`);
    return undefined;
  }
  const n = len(value);
  const min = opts.min ?? 0;
  if (n > opts.max || n < min) {
    if (min > 0) {
      errs.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${opts.max} in length.`);
    } else {
      errs.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
    }
  }
  return value;
}

export function checkArray(
  errs: FormErrors,
  path: Path,
  value: unknown,
  opts: { min?: number; max: number; required?: boolean },
): unknown[] | undefined {
  if (value === undefined || value === null) {
    if (opts.required) errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return undefined;
  }
  if (!Array.isArray(value)) {
    errs.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
    return undefined;
  }
  const min = opts.min ?? 0;
  if (value.length > opts.max || value.length < min) {
    if (min > 0) {
      errs.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${opts.max} in length.`);
    } else {
      errs.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
    }
  }
  return value;
}

export function checkInt(
  errs: FormErrors,
  path: Path,
  value: unknown,
  opts: { min?: number; max?: number; required?: boolean } = {},
): number | undefined {
  if (value === undefined || value === null) {
    if (opts.required) errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errs.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    return undefined;
  }
  if (opts.min !== undefined && value < opts.min) {
    errs.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${opts.min}.`);
  }
  if (opts.max !== undefined && value > opts.max) {
    errs.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${opts.max}.`);
  }
  return value;
}

export function checkBool(errs: FormErrors, path: Path, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'boolean') {
    errs.add(path, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
}

export function checkUrl(errs: FormErrors, path: Path, value: unknown, schemes: string[]): void {
  const s = checkString(errs, path, value, { max: 2048 });
  if (s === undefined) return;
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (!m || !schemes.includes((m[1] ?? '').toLowerCase())) {
    errs.add(
      path,
      'URL_TYPE_INVALID_SCHEME',
      `Scheme "${m?.[1] ?? ''}" is not supported. Scheme must be one of (${schemes.map((x) => `'${x}'`).join(', ')}).`,
    );
  }
}

export type ValidationResult = { ok: true } | { ok: false; status: number; body: DiscordErrorBody; lines: string[] };

export function fail(errs: FormErrors): ValidationResult {
  return { ok: false, status: 400, body: errs.body(), lines: errs.lines() };
}

export function done(errs: FormErrors): ValidationResult {
  return errs.empty ? { ok: true } : fail(errs);
}
