import { z } from 'zod';
import modelJson from '../../../data/answer-model.json' with { type: 'json' };
import { parseData } from '../validation.ts';
import { averageProbabilities } from './choiceModel.ts';
import { FEATURES, type Features } from './score.ts';

/**
 * The fitted model of "which of these facts is the right answer to this
 * question, if any" (data/answer-model.json, made by `npm run fit` from labelled questions),
 * with the two thresholds chosen on held-out folds: at or above `answer` the
 * bot answers; at or above `suggest` it asks "did you mean"; below, it says
 * the article doesn't say.
 */
export const answerModelSchema = z
  .object({
    generatedBy: z.string().min(1),
    fittedOn: z.array(z.string()),
    features: z.array(z.enum(FEATURES)),
    /** One fitted model per cross-validation fold; their probabilities are averaged. */
    members: z.array(z.object({ bias: z.number(), weights: z.array(z.number()) })).min(1),
    thresholds: z.object({ answer: z.number().min(0).max(1), suggest: z.number().min(0).max(1) }),
    /** How many WordNet senses of a vocabulary word the search uses (0: none), chosen by cross-validation. */
    lexiconSenses: z.number().int().min(0),
    /** How the fit was made and what it measured on out-of-fold predictions. */
    crossValidation: z.object({ folds: z.number().int().min(2), l2: z.number().positive(), questions: z.number().int().min(0) }).catchall(z.number()),
  })
  .refine((m) => m.members.every((member) => member.weights.length === m.features.length), { message: 'needs one weight per feature', path: ['members'] })
  .refine((m) => m.thresholds.suggest <= m.thresholds.answer, { message: 'suggest must not be above answer', path: ['thresholds'] });

export type AnswerModelFile = z.infer<typeof answerModelSchema>;

export class AnswerModel {
  constructor(readonly file: AnswerModelFile) {}

  get thresholds(): AnswerModelFile['thresholds'] {
    return this.file.thresholds;
  }

  /** For each candidate of one question, 0..1: how likely it is the right answer (what is left is "none of them"). */
  confidences(candidates: readonly Features[]): number[] {
    return averageProbabilities(
      this.file.members,
      candidates.map((features) => this.file.features.map((name) => features[name])),
    );
  }
}

let bundled: AnswerModel | undefined;

export function defaultAnswerModel(): AnswerModel {
  bundled ??= new AnswerModel(parseData(answerModelSchema, modelJson, 'data/answer-model.json'));
  return bundled;
}
