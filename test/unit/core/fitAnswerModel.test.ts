import { describe, expect, it } from 'vitest';
import { choiceProbabilities, fitChoiceModel } from '../../../src/core/search/choiceModel.ts';
import { ANSWER_PRECISION_TARGET, chooseThresholds, SUGGEST_FLOOR, type TopPrediction } from '../../../src/core/search/fitAnswerModel.ts';

/** Out-of-fold predictions: `right` answerable ones at `confidence`, or a wrong one, or an off-topic question. */
function prediction(confidence: number, kind: 'right' | 'wrong' | 'off-topic'): TopPrediction {
  return {
    question: { key: `${kind}-${confidence}`, group: `${kind}-${confidence}`, offTopic: kind === 'off-topic', factIds: kind === 'off-topic' ? [] : ['a'], candidates: [] },
    factId: 'a',
    confidence,
    right: kind === 'right',
  };
}

describe('choosing the thresholds on out-of-fold predictions', () => {
  it('GIVEN confident predictions THEN the answer threshold is the lowest whose answers are right at least 97% of the time', () => {
    const rights = Array.from({ length: 97 }, (_, i) => prediction(0.99 - i * 0.005, 'right'));
    const wrongs = [0.6, 0.55, 0.5, 0.48].map((c) => prediction(c, 'wrong'));
    const predictions = [...rights, ...wrongs, prediction(0.45, 'right')];
    const { answer } = chooseThresholds(predictions);
    const answered = predictions.filter((p) => p.confidence >= answer);
    expect(answered.filter((p) => p.right).length / answered.length).toBeGreaterThanOrEqual(ANSWER_PRECISION_TARGET);
    // 97 right of 100 at 0.5; any lower threshold takes in the fourth wrong answer and falls below 97%.
    expect(answer).toBe(0.5);
  });

  it('GIVEN an off-topic question more confident than the 97% threshold THEN the answer threshold rises above it: no off-topic question is answered', () => {
    const rights = Array.from({ length: 50 }, (_, i) => prediction(0.99 - i * 0.005, 'right'));
    const { answer } = chooseThresholds([...rights, prediction(0.9, 'off-topic')]);
    expect(answer).toBeGreaterThan(0.9);
    expect(answer).toBeLessThan(0.9 + 1e-5);
  });

  it('GIVEN off-topic questions THEN "did you mean" starts above all but the most confident 2% of them, never below the floor', () => {
    const offTopic = Array.from({ length: 100 }, (_, i) => prediction(0.2 + i * 0.004, 'off-topic'));
    const suggest = chooseThresholds([prediction(0.95, 'right'), ...offTopic]).suggest;
    expect(offTopic.filter((p) => p.confidence >= suggest).length).toBe(2);
    expect(chooseThresholds([prediction(0.95, 'right'), prediction(0.1, 'off-topic')]).suggest).toBe(SUGGEST_FLOOR);
  });
});

describe('the conditional logit', () => {
  it('GIVEN questions where the candidate with the higher feature is right, or none is THEN it learns to rank and to leave mass with "none"', () => {
    const data = [
      ...Array.from({ length: 40 }, () => ({ candidates: [[1], [0.2]], right: [true, false] })),
      ...Array.from({ length: 20 }, () => ({ candidates: [[0.1], [0.05]], right: [false, false] })),
    ];
    const model = fitChoiceModel(data, 0.1);
    const [high, low] = choiceProbabilities(model, [[1], [0.2]]);
    expect(high!).toBeGreaterThan(0.8);
    expect(low!).toBeLessThan(0.1);
    const weak = choiceProbabilities(model, [[0.1], [0.05]]);
    expect(weak.reduce((a, b) => a + b, 0)).toBeLessThan(0.3);
  });
});
