/** Types shared by the fake Discord modules. */
import type { APIAllowedMentions, APIAttachment, APIEmbed, APIUser } from 'discord-api-types/v10';

/** A component as the bot sent it (loosely typed so tests can drill into it without casts). */
export interface FakeComponent {
  type: number;
  id?: number;
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  content?: string;
  value?: string;
  options?: Array<{ label: string; value: string; description?: string; default?: boolean }>;
  components?: FakeComponent[];
  component?: FakeComponent;
  accessory?: FakeComponent;
  [key: string]: unknown;
}

/** A file part of a multipart request (`files[n]`). */
export interface FakeFile {
  /** form field name, e.g. "files[0]" */
  field: string;
  /** n from files[n] (or -1 when the field was named differently) */
  index: number;
  name: string;
  contentType: string;
  size: number;
  /** the bytes decoded as UTF-8 */
  content: string;
  bytes: Uint8Array;
}

/** An attachment of a fake message: the API shape plus the uploaded bytes. */
export interface FakeAttachment extends APIAttachment {
  /** not part of the API: the uploaded bytes decoded as UTF-8 (never sent to the client) */
  content: string;
}

/** Message state as the fake stores it (a superset of the API message). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: APIUser;
  content: string;
  embeds: APIEmbed[];
  components: FakeComponent[];
  attachments: FakeAttachment[];
  flags: number;
  /** recorded as sent (not part of an API message) */
  allowed_mentions?: APIAllowedMentions;
  tts: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  mention_everyone: boolean;
  mentions: APIUser[];
  mention_roles: string[];
  pinned: boolean;
  type: number;
  webhook_id?: string;
  application_id?: string;
  [key: string]: unknown;
}

/** Data of an interaction callback as the bot sent it. */
export interface FakeCallbackData {
  content?: string;
  embeds?: APIEmbed[];
  components?: FakeComponent[];
  flags?: number;
  allowed_mentions?: APIAllowedMentions;
  attachments?: Array<{ id: string | number; filename?: string; description?: string; [key: string]: unknown }>;
  tts?: boolean;
  /** autocomplete (type 8) */
  choices?: Array<{ name: string; value: string | number; name_localizations?: Record<string, string> }>;
  /** modal (type 9) */
  custom_id?: string;
  title?: string;
  [key: string]: unknown;
}

export interface FakeCallback {
  type: number;
  data?: FakeCallbackData;
  /** files uploaded with the callback (multipart) */
  files: FakeFile[];
}

export interface RecordedRequest {
  method: string;
  /** path without the /api/vN prefix and without the query, e.g. "/interactions/1/tok/callback" */
  path: string;
  query: Record<string, string>;
  /** parsed JSON body, or payload_json for multipart requests */
  body: unknown;
  files: FakeFile[];
  status: number;
  /** response body sent (parsed JSON or undefined) */
  response: unknown;
}

export interface RejectedCall {
  route: string;
  status: number;
  body: unknown;
}
