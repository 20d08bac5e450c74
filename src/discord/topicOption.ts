import { UserError } from '../core/errors.ts';
import { TOPIC_IDS, type Topic } from '../core/facts/schema.ts';
import { quoteUserText } from './replies.ts';

/** A topic option as typed: a known topic, nothing, or a UserError naming the text safely. */
export function topicOption(raw: string | null): Topic | undefined {
  if (raw === null || raw === '') return undefined;
  if ((TOPIC_IDS as readonly string[]).includes(raw)) return raw as Topic;
  throw new UserError(`There is no topic “${quoteUserText(raw, 40)}”. Pick one from the list as you type.`);
}
