import type { MessageCommand, SlashCommand } from '../src/discord/command.ts';
import answerWithFacts from './answerWithFacts.ts';
import ask from './ask.ts';
import fact from './fact.ts';
import factadmin from './factadmin.ts';
import help from './help.ts';
import mediators from './mediators.ts';
import meeting from './meeting.ts';
import quiz from './quiz.ts';
import refugees from './refugees.ts';
import timeline from './timeline.ts';

/** Every slash command, listed explicitly: what is here is what gets registered. */
export const commands: readonly SlashCommand[] = [ask, meeting, refugees, mediators, timeline, fact, help, quiz, factadmin];

/** Right-click message commands. */
export const messageCommands: readonly MessageCommand[] = [answerWithFacts];

/** Everything registered with Discord, in one list. */
export const commandDefinitions = [...commands, ...messageCommands].map((c) => c.data);
