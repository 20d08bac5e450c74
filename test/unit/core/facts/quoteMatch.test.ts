import { describe, expect, it } from 'vitest';
import { closestPassage, findInParagraph, normaliseQuote } from '../../../../src/core/facts/quoteMatch.ts';

const PARAGRAPH = 'The White House meeting follows Trump’s earlier involvement in the Democratic Republic of Congo–Rwanda negotiations. He pledged to “protect persecuted Christians” there.';

describe('findInParagraph', () => {
  it.each([
    ['a straight apostrophe for a curly one', "Trump's earlier involvement", 'Trump’s earlier involvement'],
    ['a hyphen for an en dash', 'Congo-Rwanda negotiations', 'Congo–Rwanda negotiations'],
    ['an em dash for an en dash', 'Congo—Rwanda', 'Congo–Rwanda'],
    ['straight quotation marks for curly ones', 'to "protect persecuted Christians"', 'to “protect persecuted Christians”'],
    ['double spaces, a line break and spaces around it', '  the   Democratic\nRepublic  ', 'the Democratic Republic'],
    ['the article’s own text', 'Trump’s earlier', 'Trump’s earlier'],
  ])('GIVEN %s THEN the quote is found and the article’s own text is returned', (_label, typed, stored) => {
    expect(findInParagraph(PARAGRAPH, typed)).toBe(stored);
  });

  it.each([
    ['other words', 'Trump’s later involvement'],
    ['different letter case', 'trump’s earlier involvement'],
    ['an empty quote', '   '],
  ])('GIVEN %s THEN the quote is not found', (_label, typed) => {
    expect(findInParagraph(PARAGRAPH, typed)).toBeUndefined();
  });

  it('GIVEN a paragraph with runs of spaces THEN the stored passage keeps them as the article has them', () => {
    expect(findInParagraph('A  wide   gap here', 'wide gap')).toBe('wide   gap');
  });
});

describe('normaliseQuote', () => {
  it('GIVEN curly marks, dashes and whitespace runs THEN they read as their plain forms', () => {
    expect(normaliseQuote(' ‘It’s’ — “so”\t\tsaid ')).toBe('\'It\'s\' - "so" said');
  });
});

describe('closestPassage', () => {
  it('GIVEN a misremembered quote THEN the run of the paragraph’s words most like it is named', () => {
    expect(closestPassage(PARAGRAPH, 'Trump’s early involvement in the Republic of Congo')).toBe('Trump’s earlier involvement in the Democratic Republic of');
  });

  it('GIVEN a quote longer than the paragraph THEN the whole paragraph is the closest passage', () => {
    expect(closestPassage('Short one.', 'a much longer quote than the paragraph itself')).toBe('Short one.');
  });
});
