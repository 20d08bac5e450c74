/**
 * Finding a moderator's quote in the article when it was typed with other punctuation: a phone
 * keyboard types ’ “ – where the article has ' " -, or the reverse, and a pasted quote brings
 * stray spaces. Matching ignores those differences; what is stored is the article's own text.
 */

/** Characters that read as the same mark, folded to one ASCII form. */
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[‘’‚‛′`´]/u, "'"],
  [/[“”„‟″«»]/u, '"'],
  [/[‐‑‒–—―−]/u, '-'],
];

interface Folded {
  text: string;
  /** For each character of `text`, where it starts in the original. */
  starts: number[];
}

/** The text with marks folded and every run of whitespace one space, remembering where each character came from. */
function fold(original: string): Folded {
  let text = '';
  const starts: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    if (/\s/u.test(ch)) {
      if (!text.endsWith(' ')) {
        text += ' ';
        starts.push(i);
      }
      continue;
    }
    text += FOLDS.find(([marks]) => marks.test(ch))?.[1] ?? ch;
    starts.push(i);
  }
  return { text, starts };
}

/** The text as matching sees it: marks folded, whitespace runs one space, trimmed. */
export function normaliseQuote(text: string): string {
  return fold(text).text.trim();
}

/**
 * The passage of `paragraph` that `quote` stands for, exactly as the article writes it, or
 * undefined when the quote is not there even after folding apostrophes, quotation marks, dashes
 * and spaces.
 */
export function findInParagraph(paragraph: string, quote: string): string | undefined {
  const wanted = normaliseQuote(quote);
  if (wanted === '') return undefined;
  const folded = fold(paragraph);
  const at = folded.text.indexOf(wanted);
  if (at < 0) return undefined;
  // The match starts and ends on a non-space character (the quote is trimmed), one original character each.
  return paragraph.slice(folded.starts[at], folded.starts[at + wanted.length - 1]! + 1);
}

const wordKey = (word: string) => normaliseQuote(word).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The run of the paragraph's words most like the quote: as many words as the quote has, sharing
 * the most of its words (the earliest such run on a tie). Shown when a quote does not match, so
 * the moderator sees what to copy.
 */
export function closestPassage(paragraph: string, quote: string): string {
  const words = paragraph.split(/\s+/u).filter((w) => w !== '');
  const quoteKeys = quote.split(/\s+/u).map(wordKey).filter((k) => k !== '');
  const size = Math.max(1, Math.min(words.length, quoteKeys.length));
  const keys = words.map(wordKey);
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start + size <= words.length; start++) {
    const left = [...quoteKeys];
    let score = 0;
    for (const key of keys.slice(start, start + size)) {
      const found = left.indexOf(key);
      if (found >= 0) {
        score += 1;
        left.splice(found, 1);
      }
    }
    if (score > bestScore) {
      best = start;
      bestScore = score;
    }
  }
  return words.slice(best, best + size).join(' ');
}
