import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answers/answerQuestion.ts';
import { asksSomething, isNoise, isSmallTalk } from '../../../src/core/answers/chatter.ts';
import { buildKnowledge, loadCuratedData } from '../../../src/core/knowledge.ts';

const knowledge = buildKnowledge(loadCuratedData('data').facts);

describe('chatter: what is not a question', () => {
  it.each(['hi', 'Hello!', 'hey everyone', 'lol', 'LMAO', 'thanks', 'Thank you!!', 'ok', 'nice 👍'])('GIVEN %j THEN it is small talk', (text) => {
    expect(isSmallTalk(text)).toBe(true);
  });

  it.each(['hi, where did the leaders last meet?', 'thanks, who hosts the talks', 'ceasefire'])('GIVEN %j THEN it is not small talk', (text) => {
    expect(isSmallTalk(text)).toBe(false);
  });

  it.each([
    ['trump', true],
    ['pizza', true],
    ['ceasefire', false],
    ['where did the leaders last meet', false],
  ])('GIVEN the one-word-or-more question %j THEN noise is %s', (text, noise) => {
    expect(isNoise(text, answerQuestion(knowledge, text))).toBe(noise);
  });

  it.each([
    ['wait how many ppl fled karabakh??', true],
    ['is the summit on friday', true],
    ['ok. who hosts the talks', true],
    ['so 100,000 people fled karabakh in 2023', false],
    ['the summit is on friday, I think', false],
  ])('GIVEN the message %j THEN it asks something: %s', (text, asks) => {
    expect(asksSomething(text)).toBe(asks);
  });
});
