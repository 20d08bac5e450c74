import { describe, expect, it } from 'vitest';
import { factFromForm, factToForm, type FactForm } from '../../../../src/core/facts/factForm.ts';
import { loadCuratedData } from '../../../../src/core/knowledge.ts';

const { facts, paragraphs } = loadCuratedData('data');

const FORM: FactForm = {
  question: 'Which talks did Trump take part in before this summit?',
  answer: 'Talks between the Democratic Republic of Congo and Rwanda, which led to an agreement in June.',
  terms: 'keywords: congo, rwanda\naliases: DRC\nasked: What deal did Trump broker in Africa?\nalso asked: Was Trump involved in Congo?\ndate: 2025-06 June (year not stated)',
  topic: 'other-deals',
  source: "7: Trump's earlier involvement in the Democratic Republic of Congo-Rwanda negotiations",
};

function saved(form: FactForm) {
  const result = factFromForm(form, 'congo-talks', paragraphs);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.fact;
}

describe('the fact form', () => {
  it('GIVEN "asked:" and "date:" lines THEN the fact gets those phrasings and that date', () => {
    const fact = saved(FORM);
    expect(fact.questions).toEqual(['What deal did Trump broker in Africa?', 'Was Trump involved in Congo?']);
    expect(fact.date).toEqual({ sort: '2025-06', label: 'June (year not stated)' });
    expect(fact.keywords).toEqual(['congo', 'rwanda']);
    expect(fact.aliases).toEqual(['DRC']);
  });

  it.each([
    ['2025-08-08', '8 August 2025'],
    ['2025-08', 'August 2025'],
    ['2023', '2023'],
  ])('GIVEN a date of %s with no words after it THEN it is labelled "%s"', (sort, label) => {
    expect(saved({ ...FORM, terms: `date: ${sort}` }).date).toEqual({ sort, label });
  });

  it('GIVEN a date that is not a date THEN the problem names the field and the shape', () => {
    const result = factFromForm({ ...FORM, terms: 'date: next Friday' }, 'x', paragraphs);
    expect(result).toEqual({ ok: false, problems: ['Keywords, aliases, phrasings, date (date): must look like 2023, 2023-09 or 2023-09-19'] });
  });

  it('GIVEN a quote typed with a straight apostrophe and a hyphen THEN it is saved as the article writes it', () => {
    expect(saved(FORM).source.quote).toBe('Trump’s earlier involvement in the Democratic Republic of Congo–Rwanda negotiations');
  });

  it('GIVEN a quote the paragraph does not hold THEN the source field names the closest passage', () => {
    const result = factFromForm({ ...FORM, source: '7: Trump’s early involvement in the Republic of Congo' }, 'x', paragraphs);
    expect(result.ok ? [] : result.problems).toEqual([
      'Source (paragraph: quote): source.quote is not verbatim in paragraph 7; the closest passage there is "Trump’s earlier involvement in the Democratic Republic of"; copy the quote from the article',
    ]);
  });

  it('GIVEN every curated fact WHEN shown in the form and saved unchanged THEN it is the same fact', () => {
    for (const fact of facts) expect(factFromForm(factToForm(fact), fact.id, paragraphs, fact)).toEqual({ ok: true, fact });
  });
});
