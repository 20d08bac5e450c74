import type { FactBase } from '../facts/factBase.ts';
import type { Fact } from '../facts/schema.ts';

/** Fixed briefings behind /meeting, /refugees and /mediators: a title and the facts, in reading order. */
export const BRIEFINGS = {
  meeting: {
    title: 'The leaders’ meetings',
    intro: 'When and where the leaders of Armenia and Azerbaijan last met, what about, and what comes next.',
    factIds: [
      'last-meeting',
      'last-meeting-topic',
      'preliminary-document',
      'summit-host',
      'summit-day',
      'summit-leaders',
      'summit-format',
      'summit-agenda',
      'summit-document-type',
      'un-general-assembly',
    ],
  },
  refugees: {
    title: 'The people displaced from Nagorno-Karabakh',
    intro: 'How many people were displaced, how it happened, and what the article says about it.',
    factIds: [
      'displaced-armenians',
      'september-2023-offensive',
      'offensive-criticism',
      'karabakh-status',
      'trump-harris-accusation',
      'unresolved-issues',
    ],
  },
  mediators: {
    title: 'Who mediates, and who did before',
    intro: 'Who is mediating between Armenia and Azerbaijan now, and who led the earlier efforts.',
    factIds: [
      'summit-host',
      'us-influence',
      'summit-first-us-hosted',
      'past-mediators',
      'eu-process-collapse',
      'ceasefire-2020',
      'russia-diminished-leverage',
    ],
  },
} as const;

export type BriefingName = keyof typeof BRIEFINGS;

export interface Briefing {
  title: string;
  intro: string;
  facts: Fact[];
}

/** The briefing's facts that this server still has (a removed fact is skipped, an edited one shown as edited). */
export function briefing(name: BriefingName, facts: FactBase): Briefing {
  const { title, intro, factIds } = BRIEFINGS[name];
  return { title, intro, facts: factIds.flatMap((id) => facts.get(id) ?? []) };
}
