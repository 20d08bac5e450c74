/** Application command limits (names, descriptions, options, choices, counts), validated the way Discord does. */
import { checkArray, checkBool, checkInt, checkString, fail, FormErrors, isRecord, len } from './discordValidation.ts';
import type { Path, ValidationResult } from './discordValidation.ts';
import { validateChoice } from './discordLimits.ts';
// ---------------------------------------------------------------------------------------------
// Application commands

/** Discord's documented CHAT_INPUT name regex. */
export const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export const COMMAND_LIMITS = { chatInput: 100, user: 15, message: 15, options: 25, choices: 25, totalChars: 4000 } as const;

function checkChatInputName(errs: FormErrors, path: Path, value: unknown): string | undefined {
  const name = checkString(errs, path, value, { min: 1, max: 32, required: true });
  if (name === undefined) return undefined;
  if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
    errs.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  return name;
}

function checkLocalizations(errs: FormErrors, path: Path, value: unknown, kind: 'name' | 'description' | 'ctxname'): number {
  if (value === undefined || value === null) return 0;
  if (!isRecord(value)) {
    errs.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let longest = 0;
  for (const [locale, v] of Object.entries(value)) {
    if (kind === 'name') checkChatInputName(errs, [...path, locale], v);
    else if (kind === 'ctxname') checkString(errs, [...path, locale], v, { min: 1, max: 32, required: true });
    else checkString(errs, [...path, locale], v, { min: 1, max: 100, required: true });
    if (typeof v === 'string') longest = Math.max(longest, len(v));
  }
  return longest;
}

const SUB = 1;
const GROUP = 2;

function validateOption(errs: FormErrors, path: Path, o: unknown, level: 'top' | 'sub' | 'group'): number {
  if (!isRecord(o)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Must be an object.');
    return 0;
  }
  let chars = 0;
  const type = checkInt(errs, [...path, 'type'], o.type, { min: 1, max: 11, required: true });
  const name = checkChatInputName(errs, [...path, 'name'], o.name);
  const desc = checkString(errs, [...path, 'description'], o.description, { min: 1, max: 100, required: true });
  chars += Math.max(len(name ?? ''), checkLocalizations(errs, [...path, 'name_localizations'], o.name_localizations, 'name'));
  chars += Math.max(
    len(desc ?? ''),
    checkLocalizations(errs, [...path, 'description_localizations'], o.description_localizations, 'description'),
  );
  checkBool(errs, [...path, 'required'], o.required);
  checkBool(errs, [...path, 'autocomplete'], o.autocomplete);
  if (type === undefined) return chars;

  if (type === SUB || type === GROUP) {
    if (level === 'sub' || (level === 'group' && type === GROUP)) {
      errs.add([...path, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
    }
    if (o.required !== undefined && o.required !== false) {
      errs.add([...path, 'required'], 'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID', 'Sub-command options cannot be required');
    }
    const children = checkArray(errs, [...path, 'options'], o.options, {
      min: type === GROUP ? 1 : 0,
      max: COMMAND_LIMITS.options,
      required: type === GROUP,
    });
    if (children) chars += validateOptionList(errs, [...path, 'options'], children, type === GROUP ? 'group' : 'sub');
    return chars;
  }

  if (level === 'group') {
    errs.add([...path, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command groups may only contain sub-commands');
  }
  if (o.options !== undefined) {
    errs.add([...path, 'options'], 'APPLICATION_COMMAND_OPTION_OPTIONS_INVALID', 'Only sub-commands and groups may have options');
  }
  const choiceable = type === 3 || type === 4 || type === 10;
  const choices = checkArray(errs, [...path, 'choices'], o.choices, { max: COMMAND_LIMITS.choices });
  if (choices && choices.length > 0) {
    if (!choiceable) {
      errs.add([...path, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Choices are only allowed on string, integer and number options');
    }
    if (o.autocomplete === true) {
      errs.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE', 'Autocomplete and choices are mutually exclusive');
    }
    choices.forEach((c, i) => {
      validateChoice(errs, [...path, 'choices', i], c, type);
      if (isRecord(c)) {
        chars += len(typeof c.name === 'string' ? c.name : '') + len(typeof c.value === 'string' ? c.value : String(c.value));
      }
    });
  }
  if (o.autocomplete === true && !choiceable) {
    errs.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete is only allowed on string, integer and number options');
  }
  if (type === 3) {
    const min = checkInt(errs, [...path, 'min_length'], o.min_length, { min: 0, max: 6000 });
    const max = checkInt(errs, [...path, 'max_length'], o.max_length, { min: 1, max: 6000 });
    if (min !== undefined && max !== undefined && min > max) {
      errs.add([...path, 'min_length'], 'APPLICATION_COMMAND_OPTION_MIN_MAX_INVALID', 'min_length must be less than or equal to max_length');
    }
  }
  if (type === 4 || type === 10) {
    for (const k of ['min_value', 'max_value'] as const) {
      const v = o[k];
      if (v !== undefined && v !== null && typeof v !== 'number') {
        errs.add([...path, k], 'NUMBER_TYPE_COERCE', `Value "${String(v)}" is not a number.`);
      }
    }
    if (typeof o.min_value === 'number' && typeof o.max_value === 'number' && o.min_value > o.max_value) {
      errs.add([...path, 'min_value'], 'APPLICATION_COMMAND_OPTION_MIN_MAX_INVALID', 'min_value must be less than or equal to max_value');
    }
  }
  return chars;
}

function validateOptionList(errs: FormErrors, path: Path, options: unknown[], level: 'top' | 'sub' | 'group'): number {
  let chars = 0;
  let seenOptional = false;
  const names = new Set<string>();
  const isSubLike = (o: unknown): boolean => isRecord(o) && (o.type === SUB || o.type === GROUP);
  const anySub = options.some(isSubLike);
  if (anySub && !options.every(isSubLike)) {
    errs.add(path, 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
  }
  options.forEach((o, i) => {
    chars += validateOption(errs, [...path, i], o, level);
    if (!isRecord(o)) return;
    if (typeof o.name === 'string') {
      if (names.has(o.name)) {
        errs.add([...path, i, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      }
      names.add(o.name);
    }
    if (!isSubLike(o)) {
      if (o.required === true && seenOptional) {
        errs.add([...path, i, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (o.required !== true) seenOptional = true;
    }
  });
  return chars;
}

/** Validates one command; errors are added under `path`. Returns {name,type} for duplicate checks. */
export function validateCommand(errs: FormErrors, path: Path, cmd: unknown): { name?: string; type: number } {
  if (!isRecord(cmd)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return { type: 1 };
  }
  const type = checkInt(errs, [...path, 'type'], cmd.type, { min: 1, max: 4 }) ?? 1;
  let chars = 0;
  let name: string | undefined;
  if (type === 1) {
    name = checkChatInputName(errs, [...path, 'name'], cmd.name);
    const desc = checkString(errs, [...path, 'description'], cmd.description, { min: 1, max: 100, required: true });
    chars += Math.max(len(name ?? ''), checkLocalizations(errs, [...path, 'name_localizations'], cmd.name_localizations, 'name'));
    chars += Math.max(
      len(desc ?? ''),
      checkLocalizations(errs, [...path, 'description_localizations'], cmd.description_localizations, 'description'),
    );
    const options = checkArray(errs, [...path, 'options'], cmd.options, { max: COMMAND_LIMITS.options });
    if (options) chars += validateOptionList(errs, [...path, 'options'], options, 'top');
    if (chars > COMMAND_LIMITS.totalChars) {
      errs.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${COMMAND_LIMITS.totalChars})`);
    }
  } else {
    name = checkString(errs, [...path, 'name'], cmd.name, { min: 1, max: 32, required: true });
    checkLocalizations(errs, [...path, 'name_localizations'], cmd.name_localizations, 'ctxname');
    if (typeof cmd.description === 'string' && cmd.description !== '') {
      errs.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID', 'Context menu commands cannot have description');
    }
    if (Array.isArray(cmd.options) && cmd.options.length > 0) {
      errs.add([...path, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS_INVALID', 'Context menu commands cannot have options');
    }
  }
  if (cmd.default_member_permissions !== undefined && cmd.default_member_permissions !== null) {
    if (typeof cmd.default_member_permissions !== 'string' || !/^\d+$/.test(cmd.default_member_permissions)) {
      errs.add([...path, 'default_member_permissions'], 'BASE_TYPE_BAD_INT', 'Value is not a valid permission bitfield.');
    }
  }
  checkBool(errs, [...path, 'nsfw'], cmd.nsfw);
  checkBool(errs, [...path, 'dm_permission'], cmd.dm_permission);
  const contexts = checkArray(errs, [...path, 'contexts'], cmd.contexts, { max: 3 });
  contexts?.forEach((c, i) => {
    if (c !== 0 && c !== 1 && c !== 2) errs.add([...path, 'contexts', i], 'ENUM_TYPE_COERCE', `Value "${String(c)}" is not a valid enum value.`);
  });
  const integ = checkArray(errs, [...path, 'integration_types'], cmd.integration_types, { max: 2 });
  integ?.forEach((c, i) => {
    if (c !== 0 && c !== 1) errs.add([...path, 'integration_types', i], 'ENUM_TYPE_COERCE', `Value "${String(c)}" is not a valid enum value.`);
  });
  return { name, type };
}

/** Bulk overwrite (PUT) validation: each command plus per-type limits and name uniqueness. */
export function validateCommandList(body: unknown): ValidationResult {
  const errs = new FormErrors();
  if (!Array.isArray(body)) {
    errs.add([], 'BASE_TYPE_LIST', 'Must be a list.');
    return fail(errs);
  }
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  body.forEach((cmd, i) => {
    const { name, type } = validateCommand(errs, [i], cmd);
    perType.set(type, (perType.get(type) ?? 0) + 1);
    if (name !== undefined) {
      const key = `${type}:${name}`;
      if (seen.has(key)) errs.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      seen.add(key);
    }
  });
  const limits: Array<[number, number]> = [
    [1, COMMAND_LIMITS.chatInput],
    [2, COMMAND_LIMITS.user],
    [3, COMMAND_LIMITS.message],
  ];
  for (const [type, max] of limits) {
    if ((perType.get(type) ?? 0) > max) {
      errs.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
  return errs.empty ? { ok: true } : fail(errs);
}

export function validateSingleCommand(body: unknown): ValidationResult {
  const errs = new FormErrors();
  validateCommand(errs, [], body);
  return errs.empty ? { ok: true } : fail(errs);
}
