import { stemmer } from 'stemmer';

/**
 * Chat shorthand members really type, expanded before anything else so that
 * "how many ppl fled" and "how many people fled" are the same question.
 */
const CHAT_SHORTHAND: Readonly<Record<string, string>> = {
  ppl: 'people',
  ppls: 'people',
  wh: 'white house',
  u: 'you',
  ur: 'your',
  r: 'are',
  abt: 'about',
  bout: 'about',
  bc: 'because',
  cuz: 'because',
  bcz: 'because',
  b4: 'before',
  govt: 'government',
  govts: 'governments',
  gov: 'government',
  govs: 'governments',
  pres: 'president',
  prez: 'president',
  pm: 'prime minister',
  rn: 'now',
  w: 'with',
  wo: 'without',
  wrt: 'about',
  thx: 'thanks',
  pls: 'please',
  plz: 'please',
  tho: 'though',
  rly: 'really',
  smth: 'something',
  sth: 'something',
  nk: 'nagorno karabakh',
  un: 'united nations',
  unga: 'united nations general assembly',
  us: 'united states',
  usa: 'united states',
  eu: 'european union',
  drc: 'democratic republic congo',
  uae: 'united arab emirates',
  ussr: 'soviet union',
  doc: 'document',
  docs: 'documents',
  info: 'information',
  admin: 'administration',
  intl: 'international',
  mtg: 'meeting',
  convo: 'conversation',
  negs: 'negotiations',
  sept: 'september',
  sep: 'september',
  dec: 'december',
  jul: 'july',
  mar: 'march',
  yr: 'year',
  yrs: 'years',
  '90s': '1990s',
  nineties: '1990s',
  '1st': 'first',
  '2nd': 'second',
  '100k': '100000',
  ex: 'former',
  wen: 'when',
  y: 'why',
  wat: 'what',
  wut: 'what',
  tmrw: 'tomorrow',
  aze: 'azerbaijan',
  azeri: 'azerbaijani',
  nagorno: 'nagorno karabakh',
  dc: 'washington',
  potus: 'president trump',
  re: 'about',
  vs: 'versus',
};

/**
 * British spellings folded to American ones before stemming, so "recognised"
 * and "recognized", "criticise" and "criticize" are one word to the search.
 * The -ise rule is applied to both the fact base and the question, so the rare
 * word it conflates (prise/prize) costs nothing.
 */
const SPELLING: Readonly<Record<string, string>> = {
  centre: 'center',
  centres: 'centers',
  centred: 'centered',
  defence: 'defense',
  sceptical: 'skeptical',
  sceptic: 'skeptic',
  sceptics: 'skeptics',
  scepticism: 'skepticism',
  programme: 'program',
  favour: 'favor',
  favourable: 'favorable',
  honour: 'honor',
  behaviour: 'behavior',
  neighbour: 'neighbor',
  neighbours: 'neighbors',
  neighbouring: 'neighboring',
  rumour: 'rumor',
  rumours: 'rumors',
  labour: 'labor',
  endeavour: 'endeavor',
  travelling: 'traveling',
  cancelled: 'canceled',
};

function americanize(word: string): string {
  const listed = SPELLING[word];
  if (listed) return listed;
  if (word.length >= 6) {
    const ise = /^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
    if (ise) return `${ise[1]}iz${ise[2]}`;
    const yse = /^([a-z]{3,})ys(e|es|ed|ing)$/.exec(word);
    if (yse) return `${yse[1]}yz${yse[2]}`;
  }
  return word;
}

/**
 * Words that carry no meaning for retrieval and are dropped everywhere:
 * grammar, chat filler, and very general words ("time", "thing", "somewhere").
 * Question words are here too, except the few that separate facts (INTENT_WORDS).
 */
const STOP_WORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto about over under
  as is are was were be been being am do does did doing done have has had having will would shall should
  can could may might must it its it's this that these those there here i me my we our you your he him his
  she her they them their theirs what which who whom whose why how
  not no yes just also too very really actually basically exactly literally like gonna wanna gotta
  any some all every each other another more most much such only own same than up out down off again further
  tell know knows please thanks thank hey hi hello yo ok okay bot someone anyone something anything
  thing things whole kind sort lot lots stuff get gets got getting give let mean means
  going go goes went now currently today still ever even well yeah yep nope hmm uh um lol lmao idk
  guys guy dude bro man folks anyway anyways though although whether while either neither else
  anywhere everywhere nowhere somehow someway maybe perhaps probably possibly apparently
  right sure true exactly certain certainly definitely totally quite pretty rather just simply
  time times way ways one ones bit bits tbh imo honestly seriously
  article articles story report piece news according source reporting write wrote written
  question questions answer ask asking wondering wonder curious explain explained interesting
  guess suppose supposed think thought believe understand heard hear hearing read
  im youre theyre thats whats whos wheres hows whens dont doesnt didnt isnt arent wasnt werent wont cant
  already yet specifically precisely supposedly reportedly allegedly kinda sorta ya yall mate pal
  lemme gimme dunno aka etc eg ie btw fyi omg wtf jk smh ngl fr imho tbf iirc afaik
  nowadays lately anymore originally initially basically essentially overall context background summary
  summarize summarise recap briefly quick quickly tldr
  myself yourself himself herself ourselves themselves yourselves oneself
  sorry wait huh whoa wow cool alright bye goodbye nah gosh ooh aah shh damn yay hmmm
  above below beyond besides except unless till until whenever however indeed anyway whoever whatever
  somebody anybody nobody everything nothing none
  almost nearly hardly mostly usually often sometimes always never suddenly obviously naturally
  extremely carefully easily practically personally truly completely absolutely unfortunately
  certainly clearly simply mainly largely partly fully highly widely
  around across among amongst toward towards upon within via per instead regarding concerning`.split(/\s+/),
);

/**
 * General words that help ranking when the fact base uses them, but must not
 * sink a question when it does not: "what happened", "what's the deal with".
 */
const SOFT_WORDS = new Set(
  `happen happened happening happens update updates detail details information
  people person everyone everybody anybody nobody country countries nation nations side sides
  situation state states make made making take took taken come came
  want wanted wants need needed needs try tried trying look looking see seen saw show showed
  describe described describing work works working worked say said says saying
  seem seems seemed appear appears appeared become became becoming turn turned manage managed able
  plan plans planned planning likely expected supposed meant gonna set due bound
  occur occurred occurs ones everyone whole entire full exact
  once twice little several few enough plenty bunch half use using uses idea ideas mind fact facts course
  consider considered considering realize realized assume assumed depends depend depending example order sense
  better best worse worst wrong hard harder easy easier nice fine perfect terrible awful amazing crazy weird
  strange serious possible impossible thinking knowing feeling feel feels felt wish guess truth
  ago yesterday tomorrow tonight morning evening word words find found check checked look looked
  watch watching notice noticed meaning type gone anymore yet exactly also
  big bigger small huge great good bad new real main overall general generally eventually finally
  two three both`.split(/\s+/),
);

/** Question words that decide which fact fits, kept as terms even though they are common. */
const INTENT_WORDS = new Set(['when', 'where', 'many', 'who', 'why']);

/** Chat openers that say nothing about what is asked: "what's the deal with the draft". */
const FILLER_PHRASES = new RegExp(
  ` (?:${[
    'what s the deal with',
    'whats the deal with',
    'what is the deal with',
    'what s up with',
    'whats up with',
    'what s going on with',
    'whats going on with',
    'what is going on with',
    'can you tell me',
    'could you tell me',
    'do you know',
    'do we know',
    'any idea',
    'any ideas',
    'i want to know',
    'i wanna know',
    'i was wondering',
    'fill me in on',
    'give me',
    'is it true that',
    'is it true',
    'i heard that',
    'i heard',
    'i read that',
    'someone said',
    'according to the article',
    'does the article say',
    'what does the article say about',
    'the article says',
    'in the article',
    'this article',
    'in the news',
  ].join('|')}) `,
  'g',
);

/** "won't" → "will not", "there'll" → "there": no stray "won" or "ll" left to search for. */
function expandContractions(text: string): string {
  return text
    .replace(/\b(w)on['’]t\b/gi, '$1ill not')
    .replace(/\b(c)an['’]t\b/gi, '$1an not')
    .replace(/\b(s)han['’]t\b/gi, '$1hall not')
    .replace(/n['’]t\b/gi, ' not')
    .replace(/['’](ll|re|ve|d|m)\b/gi, '');
}

/** Lowercase, fold accents and typographic punctuation, keep letters, digits and spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Words after folding, shorthand expansion and spelling normalisation, stop
 * words included (phrases and autocomplete need them).
 */
export function words(text: string): string[] {
  const folded = foldText(expandContractions(text));
  if (folded === '') return [];
  return ` ${folded} `
    .replace(FILLER_PHRASES, ' ')
    .replace(/ how come /g, ' why ')
    .replace(/ u s /g, ' us ')
    .replace(/ u n /g, ' un ')
    .trim()
    .split(/ +/)
    .flatMap((word) => (CHAT_SHORTHAND[word] ?? word).split(' '))
    .filter((word) => word.length > 0)
    .map(americanize);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) && !INTENT_WORDS.has(word);
}

/** A general word: counted when the fact base knows it, nearly ignored when it does not. */
export function isSoftWord(word: string): boolean {
  return SOFT_WORDS.has(word);
}

export function isIntentWord(word: string): boolean {
  return INTENT_WORDS.has(word);
}

/**
 * Where the Porter stemmer joins words that mean different things: "final"
 * (the last, definitive one) is not "finalize" (to work on finishing), and
 * "governments" (Western governments) is not "govern" (who governs a region).
 */
const STEM_OVERRIDES: Readonly<Record<string, string>> = {
  government: 'government',
  governments: 'government',
  governmental: 'government',
  finalize: 'finaliz',
  finalizes: 'finaliz',
  finalized: 'finaliz',
  finalizing: 'finaliz',
  finalization: 'finaliz',
};

export function stem(word: string): string {
  return /^\p{N}+$/u.test(word) ? word : (STEM_OVERRIDES[word] ?? stemmer(word));
}

/** A word that survives stop-word removal, with its stem. */
export interface Term {
  word: string;
  stem: string;
}

export function terms(text: string): Term[] {
  return words(text)
    .filter((word) => !isStopWord(word))
    .map((word) => ({ word, stem: stem(word) }));
}
