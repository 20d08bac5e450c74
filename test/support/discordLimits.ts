/**
 * Message, autocomplete and modal limits, validated the way Discord does
 * (https://discord.com/developers/docs: message, embed, component, modal and autocomplete limits).
 */
import { checkArray, checkBool, checkInt, checkString, checkUrl, fail, FormErrors, isRecord, len } from './discordValidation.ts';
import type { DiscordErrorBody, Path, ValidationResult } from './discordValidation.ts';

export { FormErrors, isRecord, len } from './discordValidation.ts';
export type { DiscordErrorBody, ErrorTree, FieldError, Path, ValidationResult } from './discordValidation.ts';
// ---------------------------------------------------------------------------------------------
// Messages

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectPlaceholder: 150,
  selectOptions: 25,
  selectOptionText: 100,
  v2Components: 40,
  v2Text: 4000,
} as const;

export const MESSAGE_FLAG_LOADING = 1 << 7;
export const MESSAGE_FLAG_EPHEMERAL = 1 << 6;
export const MESSAGE_FLAG_COMPONENTS_V2 = 1 << 15;

const IMAGE_SCHEMES = ['http', 'https', 'attachment'];

function validateEmbed(errs: FormErrors, path: Path, embed: unknown): number {
  if (!isRecord(embed)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let total = 0;
  const count = (s: string | undefined): void => {
    if (s !== undefined) total += len(s);
  };
  count(checkString(errs, [...path, 'title'], embed.title, { max: MESSAGE_LIMITS.embedTitle }));
  count(
    checkString(errs, [...path, 'description'], embed.description, { max: MESSAGE_LIMITS.embedDescription }),
  );
  if (embed.url !== undefined && embed.url !== null) checkUrl(errs, [...path, 'url'], embed.url, ['http', 'https']);
  if (embed.color !== undefined && embed.color !== null) {
    checkInt(errs, [...path, 'color'], embed.color, { min: 0, max: 0xffffff });
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      errs.add([...path, 'timestamp'], 'DATE_TYPE_INVALID', 'Could not parse timestamp. Should be ISO8601.');
    }
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    if (!isRecord(embed.footer)) errs.add([...path, 'footer'], 'MODEL_TYPE_CONVERT', 'Must be an object.');
    else {
      count(
        checkString(errs, [...path, 'footer', 'text'], embed.footer.text, {
          min: 1,
          max: MESSAGE_LIMITS.embedFooter,
          required: true,
        }),
      );
      if (embed.footer.icon_url != null) checkUrl(errs, [...path, 'footer', 'icon_url'], embed.footer.icon_url, IMAGE_SCHEMES);
    }
  }
  if (embed.author !== undefined && embed.author !== null) {
    if (!isRecord(embed.author)) errs.add([...path, 'author'], 'MODEL_TYPE_CONVERT', 'Must be an object.');
    else {
      count(
        checkString(errs, [...path, 'author', 'name'], embed.author.name, {
          min: 1,
          max: MESSAGE_LIMITS.embedAuthorName,
          required: true,
        }),
      );
      if (embed.author.url != null) checkUrl(errs, [...path, 'author', 'url'], embed.author.url, ['http', 'https']);
      if (embed.author.icon_url != null) checkUrl(errs, [...path, 'author', 'icon_url'], embed.author.icon_url, IMAGE_SCHEMES);
    }
  }
  for (const key of ['image', 'thumbnail'] as const) {
    const media = embed[key];
    if (media === undefined || media === null) continue;
    if (!isRecord(media)) errs.add([...path, key], 'MODEL_TYPE_CONVERT', 'Must be an object.');
    else checkUrl(errs, [...path, key, 'url'], media.url, IMAGE_SCHEMES);
  }
  const fields = checkArray(errs, [...path, 'fields'], embed.fields, { max: MESSAGE_LIMITS.embedFields });
  fields?.forEach((field, i) => {
    const fp = [...path, 'fields', i];
    if (!isRecord(field)) {
      errs.add(fp, 'MODEL_TYPE_CONVERT', 'Must be an object.');
      return;
    }
    count(checkString(errs, [...fp, 'name'], field.name, { min: 1, max: MESSAGE_LIMITS.embedFieldName, required: true }));
    count(
      checkString(errs, [...fp, 'value'], field.value, { min: 1, max: MESSAGE_LIMITS.embedFieldValue, required: true }),
    );
    checkBool(errs, [...fp, 'inline'], field.inline);
  });
  return total;
}

interface ComponentContext {
  customIds: Set<string>;
  total: number;
  textLength: number;
}

function checkCustomId(errs: FormErrors, path: Path, value: unknown, ctx: ComponentContext): void {
  const id = checkString(errs, path, value, { min: 1, max: MESSAGE_LIMITS.customId, required: true });
  if (id === undefined) return;
  if (ctx.customIds.has(id)) {
    errs.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  ctx.customIds.add(id);
}

function validateButton(errs: FormErrors, path: Path, c: Record<string, unknown>, ctx: ComponentContext): void {
  const style = checkInt(errs, [...path, 'style'], c.style, { min: 1, max: 6, required: true });
  checkString(errs, [...path, 'label'], c.label, { max: MESSAGE_LIMITS.buttonLabel });
  if (style === 5) {
    checkUrl(errs, [...path, 'url'], c.url, ['http', 'https', 'discord']);
    if (c.custom_id !== undefined) {
      errs.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be set for link buttons');
    }
  } else if (style === 6) {
    checkString(errs, [...path, 'sku_id'], c.sku_id, { min: 1, max: 32, required: true });
  } else if (style !== undefined) {
    checkCustomId(errs, [...path, 'custom_id'], c.custom_id, ctx);
    if (c.url !== undefined) errs.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url cannot be set for non-link buttons');
  }
  if (style !== 6 && (c.label === undefined || c.label === '') && c.emoji === undefined) {
    errs.add(path, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
  }
  checkBool(errs, [...path, 'disabled'], c.disabled);
}

function validateSelect(errs: FormErrors, path: Path, c: Record<string, unknown>, ctx: ComponentContext): void {
  checkCustomId(errs, [...path, 'custom_id'], c.custom_id, ctx);
  checkString(errs, [...path, 'placeholder'], c.placeholder, { max: MESSAGE_LIMITS.selectPlaceholder });
  checkInt(errs, [...path, 'min_values'], c.min_values, { min: 0, max: 25 });
  checkInt(errs, [...path, 'max_values'], c.max_values, { min: 1, max: 25 });
  if (c.type === 3) {
    const options = checkArray(errs, [...path, 'options'], c.options, { min: 1, max: MESSAGE_LIMITS.selectOptions, required: true });
    const values = new Set<string>();
    options?.forEach((o, i) => {
      const op = [...path, 'options', i];
      if (!isRecord(o)) {
        errs.add(op, 'MODEL_TYPE_CONVERT', 'Must be an object.');
        return;
      }
      checkString(errs, [...op, 'label'], o.label, { min: 1, max: MESSAGE_LIMITS.selectOptionText, required: true });
      const v = checkString(errs, [...op, 'value'], o.value, { min: 1, max: MESSAGE_LIMITS.selectOptionText, required: true });
      checkString(errs, [...op, 'description'], o.description, { max: MESSAGE_LIMITS.selectOptionText });
      if (v !== undefined) {
        if (values.has(v)) errs.add([...op, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select option values must be unique');
        values.add(v);
      }
    });
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function validateV1Row(errs: FormErrors, path: Path, row: unknown, ctx: ComponentContext): void {
  if (!isRecord(row)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Must be an object.');
    return;
  }
  if (row.type !== 1) {
    errs.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1}.');
    return;
  }
  const children = checkArray(errs, [...path, 'components'], row.components, {
    min: 1,
    max: MESSAGE_LIMITS.rowButtons,
    required: true,
  });
  if (!children) return;
  const hasSelect = children.some((c) => isRecord(c) && typeof c.type === 'number' && SELECT_TYPES.has(c.type));
  if (hasSelect && children.length > 1) {
    errs.add([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  }
  children.forEach((child, i) => {
    const cp = [...path, 'components', i];
    ctx.total += 1;
    if (!isRecord(child)) {
      errs.add(cp, 'MODEL_TYPE_CONVERT', 'Must be an object.');
      return;
    }
    if (child.type === 2) validateButton(errs, cp, child, ctx);
    else if (typeof child.type === 'number' && SELECT_TYPES.has(child.type)) validateSelect(errs, cp, child, ctx);
    else errs.add([...cp, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`);
  });
}

/** Components V2 (flag 1<<15): light structural validation and the 40-component / 4000-char totals. */
function validateV2Component(errs: FormErrors, path: Path, c: unknown, ctx: ComponentContext): void {
  if (!isRecord(c)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Must be an object.');
    return;
  }
  if (c.type === 1) {
    ctx.total += 1;
    validateV1Row(errs, path, c, ctx);
    return;
  }
  ctx.total += 1;
  switch (c.type) {
    case 10: {
      const s = checkString(errs, [...path, 'content'], c.content, { min: 1, max: MESSAGE_LIMITS.v2Text, required: true });
      if (s !== undefined) ctx.textLength += len(s);
      break;
    }
    case 9: {
      const children = checkArray(errs, [...path, 'components'], c.components, { min: 1, max: 3, required: true });
      children?.forEach((child, i) => validateV2Component(errs, [...path, 'components', i], child, ctx));
      if (!isRecord(c.accessory)) errs.add([...path, 'accessory'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else validateV2Component(errs, [...path, 'accessory'], c.accessory, ctx);
      break;
    }
    case 17: {
      const children = checkArray(errs, [...path, 'components'], c.components, { min: 1, max: 40, required: true });
      children?.forEach((child, i) => validateV2Component(errs, [...path, 'components', i], child, ctx));
      break;
    }
    case 2:
      validateButton(errs, path, c, ctx);
      break;
    case 11:
    case 12:
    case 13:
    case 14:
      break;
    default:
      errs.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 9, 10, 11, 12, 13, 14, 17).');
  }
}

export interface MessageValidationOptions {
  /** message creation (reply / followup / channel message): must not be empty */
  create: boolean;
  /** number of files uploaded with the request */
  fileCount: number;
  /** already existing attachments (edits) */
  existingAttachments?: number;
  /** existing message (edits) to decide emptiness */
  existing?: { content?: string; embeds?: unknown[]; components?: unknown[]; attachments?: unknown[] };
}

const EMPTY_MESSAGE: DiscordErrorBody = { code: 50006, message: 'Cannot send an empty message' };

/**
 * Validates a message create/edit body. `prefix` is where it sits in the request ([] for webhook
 * and channel routes, ['data'] for interaction callbacks).
 */
export function validateMessage(body: unknown, prefix: Path, opts: MessageValidationOptions): ValidationResult {
  const errs = new FormErrors();
  if (body === undefined || body === null) body = {};
  if (!isRecord(body)) {
    errs.add(prefix, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return fail(errs);
  }
  const content = checkString(errs, [...prefix, 'content'], body.content, { max: MESSAGE_LIMITS.content });
  const flags = checkInt(errs, [...prefix, 'flags'], body.flags, { min: 0 }) ?? 0;
  const v2 = (flags & MESSAGE_FLAG_COMPONENTS_V2) !== 0;
  checkBool(errs, [...prefix, 'tts'], body.tts);

  const embeds = checkArray(errs, [...prefix, 'embeds'], body.embeds, { max: MESSAGE_LIMITS.embeds });
  let embedTotal = 0;
  embeds?.forEach((e, i) => {
    embedTotal += validateEmbed(errs, [...prefix, 'embeds', i], e);
  });
  if (embedTotal > MESSAGE_LIMITS.embedTotal) {
    errs.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}`);
  }

  const ctx: ComponentContext = { customIds: new Set(), total: 0, textLength: 0 };
  const components = checkArray(errs, [...prefix, 'components'], body.components, {
    max: v2 ? MESSAGE_LIMITS.v2Components : MESSAGE_LIMITS.actionRows,
  });
  if (v2) {
    if (typeof body.content === 'string' && body.content !== '') {
      errs.add([...prefix, 'content'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
    }
    if (embeds && embeds.length > 0) {
      errs.add([...prefix, 'embeds'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'embeds\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
    }
    components?.forEach((c, i) => validateV2Component(errs, [...prefix, 'components', i], c, ctx));
    if (ctx.total > MESSAGE_LIMITS.v2Components) {
      errs.add([...prefix, 'components'], 'MAX_COMPONENTS', `Must be ${MESSAGE_LIMITS.v2Components} or fewer in total.`);
    }
    if (ctx.textLength > MESSAGE_LIMITS.v2Text) {
      errs.add([...prefix, 'components'], 'MAX_TEXT_LENGTH', `Total text length must be ${MESSAGE_LIMITS.v2Text} or fewer.`);
    }
  } else {
    components?.forEach((c, i) => validateV1Row(errs, [...prefix, 'components', i], c, ctx));
  }

  if (body.allowed_mentions !== undefined && body.allowed_mentions !== null) {
    const am = body.allowed_mentions;
    const ap = [...prefix, 'allowed_mentions'];
    if (!isRecord(am)) errs.add(ap, 'MODEL_TYPE_CONVERT', 'Must be an object.');
    else {
      const parse = checkArray(errs, [...ap, 'parse'], am.parse, { max: 3 });
      parse?.forEach((p, i) => {
        if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
          errs.add([...ap, 'parse', i], 'BASE_TYPE_CHOICES', "Value must be one of ('everyone', 'roles', 'users').");
        }
      });
      const users = checkArray(errs, [...ap, 'users'], am.users, { max: 100 });
      const roles = checkArray(errs, [...ap, 'roles'], am.roles, { max: 100 });
      if (parse?.includes('users') && users && users.length > 0) {
        errs.add([...ap, 'parse'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids...] are mutually exclusive.');
      }
      if (parse?.includes('roles') && roles && roles.length > 0) {
        errs.add([...ap, 'parse'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids...] are mutually exclusive.');
      }
      checkBool(errs, [...ap, 'replied_user'], am.replied_user);
    }
  }

  const attachments = checkArray(errs, [...prefix, 'attachments'], body.attachments, { max: 10 });
  attachments?.forEach((a, i) => {
    if (!isRecord(a) || (typeof a.id !== 'string' && typeof a.id !== 'number')) {
      errs.add([...prefix, 'attachments', i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  });
  if (opts.fileCount > 10) errs.add([...prefix, 'files'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');

  if (!errs.empty) return fail(errs);

  // Emptiness: the resulting message must have content, embeds, components, files or a poll/sticker.
  const has = (v: unknown[] | undefined): boolean => v !== undefined && v.length > 0;
  const effContent = content !== undefined || body.content === null ? (content ?? '') : (opts.existing?.content ?? '');
  const effEmbeds = embeds ?? (body.embeds === null ? [] : opts.existing?.embeds);
  const effComponents = components ?? (body.components === null ? [] : opts.existing?.components);
  const effAttachments = attachments
    ? attachments.length
    : body.attachments === null
      ? 0
      : (opts.existing?.attachments?.length ?? 0);
  const nonEmpty =
    effContent.trim() !== '' ||
    has(effEmbeds) ||
    has(effComponents) ||
    effAttachments + opts.fileCount > 0 ||
    body.poll != null ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0);
  const mustCheckEmpty = opts.create || opts.existing !== undefined;
  if (mustCheckEmpty && !nonEmpty) {
    return { ok: false, status: 400, body: EMPTY_MESSAGE, lines: ['Cannot send an empty message'] };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Autocomplete (callback type 8)

export function validateAutocomplete(data: unknown, prefix: Path): ValidationResult {
  const errs = new FormErrors();
  if (!isRecord(data)) {
    errs.add(prefix, 'BASE_TYPE_REQUIRED', 'This field is required');
    return fail(errs);
  }
  const choices = checkArray(errs, [...prefix, 'choices'], data.choices, { max: 25, required: true });
  choices?.forEach((c, i) => validateChoice(errs, [...prefix, 'choices', i], c, undefined));
  return errs.empty ? { ok: true } : fail(errs);
}

export function validateChoice(errs: FormErrors, path: Path, c: unknown, optionType: number | undefined): void {
  if (!isRecord(c)) {
    errs.add(path, 'MODEL_TYPE_CONVERT', 'Must be an object.');
    return;
  }
  checkString(errs, [...path, 'name'], c.name, { min: 1, max: 100, required: true });
  const v = c.value;
  if (v === undefined || v === null) errs.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (typeof v === 'string') {
    if (optionType !== undefined && optionType !== 3) {
      errs.add([...path, 'value'], 'NUMBER_TYPE_COERCE', `Value "${v}" is not a number.`);
    } else checkString(errs, [...path, 'value'], v, { max: 100 });
  } else if (typeof v === 'number') {
    if (optionType === 3) errs.add([...path, 'value'], 'BASE_TYPE_STRING', `Could not interpret "${v}" as string.`);
    else if (optionType === 4 && !Number.isInteger(v)) errs.add([...path, 'value'], 'NUMBER_TYPE_COERCE', `Value "${v}" is not int.`);
  } else {
    errs.add([...path, 'value'], 'BASE_TYPE_STRING', `Could not interpret "${JSON.stringify(v)}" as string.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Modals (callback type 9)

const MODAL_CHILD_TYPES = new Set([3, 4, 5, 6, 7, 8, 19, 21, 22, 23]);

function validateTextInput(errs: FormErrors, path: Path, c: Record<string, unknown>, ctx: ComponentContext, inLabel: boolean): void {
  checkCustomId(errs, [...path, 'custom_id'], c.custom_id, ctx);
  checkInt(errs, [...path, 'style'], c.style, { min: 1, max: 2, required: true });
  if (inLabel) {
    if (c.label !== undefined) {
      errs.add([...path, 'label'], 'TEXT_INPUT_LABEL_NOT_ALLOWED', 'The label field cannot be used inside a Label component');
    }
  } else {
    checkString(errs, [...path, 'label'], c.label, { min: 1, max: 45, required: true });
  }
  const min = checkInt(errs, [...path, 'min_length'], c.min_length, { min: 0, max: 4000 });
  const max = checkInt(errs, [...path, 'max_length'], c.max_length, { min: 1, max: 4000 });
  if (min !== undefined && max !== undefined && min > max) {
    errs.add([...path, 'min_length'], 'TEXT_INPUT_MIN_GREATER_THAN_MAX', 'min_length must be less than or equal to max_length');
  }
  const value = checkString(errs, [...path, 'value'], c.value, { max: 4000 });
  if (value !== undefined && max !== undefined && len(value) > max) {
    errs.add([...path, 'value'], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
  checkString(errs, [...path, 'placeholder'], c.placeholder, { max: 100 });
  checkBool(errs, [...path, 'required'], c.required);
}

export function validateModal(data: unknown, prefix: Path): ValidationResult {
  const errs = new FormErrors();
  if (!isRecord(data)) {
    errs.add(prefix, 'BASE_TYPE_REQUIRED', 'This field is required');
    return fail(errs);
  }
  const ctx: ComponentContext = { customIds: new Set(), total: 0, textLength: 0 };
  checkString(errs, [...prefix, 'custom_id'], data.custom_id, { min: 1, max: 100, required: true });
  checkString(errs, [...prefix, 'title'], data.title, { min: 1, max: 45, required: true });
  const rows = checkArray(errs, [...prefix, 'components'], data.components, { min: 1, max: 5, required: true });
  rows?.forEach((row, i) => {
    const rp = [...prefix, 'components', i];
    if (!isRecord(row)) {
      errs.add(rp, 'MODEL_TYPE_CONVERT', 'Must be an object.');
      return;
    }
    if (row.type === 1) {
      const children = checkArray(errs, [...rp, 'components'], row.components, { min: 1, max: 1, required: true });
      const child = children?.[0];
      if (child === undefined) return;
      if (!isRecord(child) || child.type !== 4) {
        errs.add([...rp, 'components', 0, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4,).');
        return;
      }
      validateTextInput(errs, [...rp, 'components', 0], child, ctx, false);
    } else if (row.type === 18) {
      checkString(errs, [...rp, 'label'], row.label, { min: 1, max: 45, required: true });
      checkString(errs, [...rp, 'description'], row.description, { max: 100 });
      const child = row.component;
      const cp = [...rp, 'component'];
      if (!isRecord(child)) errs.add(cp, 'BASE_TYPE_REQUIRED', 'This field is required');
      else if (child.type === 4) validateTextInput(errs, cp, child, ctx, true);
      else if (typeof child.type === 'number' && MODAL_CHILD_TYPES.has(child.type)) {
        if (SELECT_TYPES.has(child.type)) validateSelect(errs, cp, child, ctx);
        else checkCustomId(errs, [...cp, 'custom_id'], child.custom_id, ctx);
      } else errs.add([...cp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" is not a valid modal component.');
    } else if (row.type === 10) {
      checkString(errs, [...rp, 'content'], row.content, { min: 1, max: 4000, required: true });
    } else {
      errs.add([...rp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
    }
  });
  return errs.empty ? { ok: true } : fail(errs);
}
