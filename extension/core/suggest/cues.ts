/** The discourse cues the suggester reads: general English markers of contrast, concession, cause, result, example, condition, doubt and agreement, matched at the start of a sentence or clause. */

/** What a cue says about the block it opens. */
export type CueClass =
  | 'contrast'
  | 'concession'
  /** A concessive clause opens the block ("Although X, Y"): the block asserts Y despite X. */
  | 'concessive'
  | 'cause'
  | 'explain'
  | 'result'
  | 'example'
  | 'condition'
  | 'doubt'
  | 'agreement'
  | 'additive'
  | 'stance'
  | 'answer'
  | 'crux'
  | 'openQuestion'
  | 'aside'
  /** Words that look like a cue but are none ("so far", "if anything" is contrast): matching them stops a shorter, wrong cue. */
  | 'plain';

/** One cue found in a block: its class, the words as written, and whether it opens the block. */
export interface CueHit {
  cls: CueClass;
  words: string;
  /** At the very start of the block's text (else at the start of a later sentence or clause). */
  atStart: boolean;
  /** At the start of a sentence (the block's first or a later one), not inside one. */
  sentence: boolean;
  /** Where it starts in the block's text. */
  at: number;
}

/** Every phrase of each of `firsts` followed by each of `nexts`, a space between. */
function combine(firsts: readonly string[], nexts: readonly string[]): string[] {
  return firsts.flatMap((a) => nexts.map((b) => `${a} ${b}`));
}
/** A view or argument said to fail ("This view ignores …", "That argument overlooks …"): a contrast, as "this ignores" is. */
const VIEW_FAILS = combine(
  combine(['this', 'that', 'the'], ['view', 'argument', 'claim', 'reasoning', 'line of argument', 'position', 'idea']),
  ['ignores', 'overlooks', 'misses', 'forgets', 'neglects', 'assumes', 'fails', 'confuses', 'rests on'],
);
/** An objection said to be easily met ("That is easily solved: …"): an answer. */
const EASILY_MET = combine(['this is', 'that is', 'that\'s', 'it is', 'it\'s'], ['easily solved', 'easily fixed', 'easily answered', 'easy to fix', 'easy to solve', 'easy to answer', 'easily avoided', 'easy to avoid']);
/** The writer taking a side in so many words ("I strongly oppose …", "I would support …"). */
const WRITER_SIDES = combine(['i', 'i strongly', 'i would', 'i\'d', 'i would strongly', 'i firmly'], ['support', 'oppose', 'favour', 'favor', 'prefer', 'object to']);

/** Phrases by class, lower case, apostrophes straight. Longer phrases first where one is a prefix of another. */
const PHRASES: [CueClass, string[]][] = [
  ['plain', [
    'so far', 'so-called', 'so many', 'so much', 'so long', 'since then', 'given how', 'take care', 'as far as', 'yet another', 'if so', 'if not',
    'take this', 'still more', 'rather than', 'instead of', 'since when', 'also, i', 'however much',
  ]],
  ['crux', [
    'the crux is', 'the crux here', 'my crux', 'our crux', 'the crux of', 'a crux', 'the real disagreement', 'our disagreement', 'the disagreement is',
    'where we disagree', 'we disagree about', 'the key question is whether', 'the question is whether', 'the real question is whether',
    'it comes down to', 'this comes down to', 'it all comes down to', 'this hinges on', 'it hinges on', 'everything hinges on', 'the double crux',
  ]],
  ['aside', [
    'thanks for', 'thank you', 'thanks all', 'thanks everyone', 'thanks!', 'thanks.', 'edit:', 'edit ', 'update:', 'epistemic status', 'cross-posted', 'crossposted', 'see also', 'related:', 'disclaimer',
    'footnote', 'h/t', 'hat tip', 'meta:', 'note:', 'ps:', 'p.s.', 'tl;dr', 'tldr', 'summary:', 'this post', 'in this post', 'this comment', 'i wrote', 'i\'ll write',
    'these notes', 'this note', 'in these notes', 'this essay', 'in this essay', 'this piece', 'this thread', 'in this thread', 'see the', 'see my', 'see our',
    'see also', 'previously:', 'link:', 'links:', 'source:', 'sources:', 'yours faithfully', 'yours sincerely', 'yours truly', 'kind regards', 'best regards', 'warm regards', 'regards,', 'sincerely,', 'dear editor', 'dear sir', 'dear madam', 'to the editor', 'i am writing', 'i\'m writing', 'i write as', 'i write to', 'off-topic', 'off topic', 'thanks to', 'further reading', 'more reading', 'related reading', 'unrelated to', 'great thread', 'useful thread', 'very useful thread', 'great post', 'great discussion', 'thanks, both', 'thanks both', 'thanks, all', 'saving this', 'slightly off-topic', 'somewhat off-topic', 'unrelated,', 'unrelated:', 'unrelated but', 'tangent:', 'tangentially', 'bookmarking', 'bookmarked',
  ]],
  ['answer', [
    'that\'s fair, but', 'that is fair, but', 'fair point, but', 'fair, but', 'fair enough, but', 'true, but', 'that\'s true, but', 'that is true, but',
    'in response', 'to which i', 'my answer', 'my response', 'the answer is', 'the response is', 'this objection', 'that objection', 'the objection',
    'this worry', 'that worry', 'the worry is misplaced', 'this concern', 'that concern', 'this criticism', 'that criticism', 'this misreads', 'that misreads',
    'one answer', 'an answer', 'the short answer', 'a partial answer', 'the fix is', 'the solution is', ...EASILY_MET, 'i don\'t think that\'s right', 'that doesn\'t follow', 'this doesn\'t follow', 'not quite', 'that\'s not what',
  ]],
  ['concession', [
    'granted', 'admittedly', 'to be sure', 'to be fair', 'sure,', 'sure ', 'of course', 'it\'s true that', 'it is true that', 'true,', 'i agree that',
    'i grant that', 'i admit', 'i concede', 'no doubt', 'fair enough', 'it may be that', 'it might be that', 'it may well be',
    'one could argue', 'one might argue', 'one might object', 'one could object', 'one might say', 'one could say', 'you might think', 'you might say',
    'you could argue', 'some people', 'some argue', 'some say', 'some claim', 'some think', 'some will', 'many people', 'many argue', 'critics', 'opponents',
    'proponents', 'supporters', 'advocates', 'defenders of', 'skeptics', 'some may', 'some might', 'some would', 'others argue', 'others say', 'it is undeniable', 'it\'s undeniable', 'undeniably',
    'on the one hand', 'on one side', 'on the one side', 'the standard view', 'the usual view', 'the common view', 'the usual argument', 'the standard argument', 'the obvious objection',
    'an obvious objection', 'a natural objection', 'it is often said', 'it\'s often said', 'it is sometimes said', 'people often say', 'it\'s tempting', 'it is tempting',
    'a defender of', 'a critic', 'an opponent', 'a skeptic', 'a sceptic', 'a cynic', 'a supporter of', 'a proponent of', 'an advocate of',
    'the usual objection', 'the common objection', 'a common objection', 'the standard objection', 'a standard objection', 'the main objection',
    'the classic objection', 'a frequent objection', 'the most common objection', 'the usual complaint', 'a common complaint', 'the common complaint',
    'the only objection', 'the only real objection', 'the one objection', 'the biggest objection', 'the strongest objection',
    'it could be argued', 'it can be argued', 'it might be argued', 'it may be argued', 'it could be objected', 'it might be objected',
    ...combine(['the obvious', 'an obvious', 'the main', 'the usual', 'the standard', 'the strongest', 'a common', 'the common', 'the most common', 'the biggest', 'a natural', 'the natural', 'a frequent', 'a fair', 'one'], ['pushback', 'counterargument', 'counter-argument', 'criticism', 'rebuttal']),
    ...combine(['it is also', 'it\'s also', 'it is sometimes', 'it is frequently', 'it is commonly', 'it is widely', 'it is often'], ['said', 'argued', 'claimed', 'objected', 'suggested', 'believed', 'thought', 'assumed']),
    'the counterpoint', 'a counterpoint', 'one counterpoint', 'the counterargument', 'a counterargument', 'the counter-argument',
    'steelmanning the other side', 'steelmanning the opposing view', 'to steelman the other side', 'steelman:', 'it may be objected', 'one may object', 'one may argue', 'you may object', 'you could object', 'you might object',
    ...combine(['someone', 'somebody', 'one', 'a reader'], combine(['will', 'might', 'may', 'could', 'would'], ['say', 'object', 'argue', 'reply', 'respond', 'answer', 'protest', 'complain', 'point out'])),
  ]],
  ['concessive', [
    'although', 'though', 'even though', 'even if', 'while', 'whilst', 'despite', 'in spite of', 'notwithstanding', 'while it is true', 'while it\'s true',
    'while some', 'while many',
  ]],
  ['contrast', [
    'but', 'however', 'yet', 'that said', 'that being said', 'having said that', 'and yet', 'on the other hand', 'on the other side', 'still', 'nevertheless', 'nonetheless', 'even so',
    'then again', 'except', 'unfortunately', 'the problem is', 'the problem with', 'the issue is', 'the issue with', 'the trouble is',
    'the trouble with', 'the catch is', 'the flaw', 'the weakness', 'the worry is', 'my worry', 'my concern', 'one concern', 'a concern', 'one problem',
    'a problem', 'another problem', 'the counterexample', 'a counterexample', 'counterexample', 'counterpoint-ish', 'counterpoint to', 'mild counterpoint', 'partial counterpoint', 'possible counter', 'a possible counter', 'one possible counter', 'obvious caveat', 'one caveat', 'a caveat', 'big caveat', 'caveat:', 'in contrast', 'by contrast', 'on the contrary', 'conversely',
    'rather', 'instead', 'actually', 'no,', 'no.', 'nope', 'not so', 'not really', 'not necessarily', 'not at all', 'not in', 'not for', 'not when',
    'not if', 'not always', 'not everywhere', 'not everyone', 'depends on', 'it depends', 'that depends', 'this depends', 'not yet',
    'that seems backwards', 'this seems backwards', 'that gets it backwards', 'this gets it backwards', 'that\'s backwards', 'this is backwards', 'this ignores', 'this assumes', 'this overlooks',
    'this misses', 'that ignores', 'that assumes', 'that misses', 'this neglects', 'this fails', 'that fails', 'this breaks', 'this is wrong', 'that is wrong',
    'that\'s wrong', 'this isn\'t', 'that isn\'t', 'that\'s not', 'this is not', 'that is not', 'this only works', 'this only holds', 'this proves too much',
    'this leaves out', 'what about', 'whereas', 'the difficulty', 'the hard part', 'the challenge is', 'the downside', 'the risk is', 'the danger is',
    'one worry', 'a worry', 'another worry', 'a further worry', 'another concern', 'a further concern', 'one objection', 'an objection',
    'another objection', 'a further objection', 'a second objection', 'a second worry', 'a second concern', 'a second problem', 'a third objection', 'a final objection', 'one last objection', 'a last objection', 'a different worry', 'a different objection', 'a different concern', 'a related worry', 'a related objection', 'a stronger objection', 'a stronger worry', 'a separate concern', 'a separate worry', 'a separate objection', 'a separate problem', 'a separate issue', 'another pushback', 'a second pushback', 'a further pushback', 'a different pushback', 'another criticism', 'a second criticism', 'another counterargument', 'a second counterargument', 'my pushback', 'my objection', 'my main objection', 'my criticism', 'a bigger worry', 'a bigger problem', 'a more serious objection', 'a more serious worry', 'one drawback', 'a drawback', 'the drawback', 'another drawback', 'one downside', 'a downside',
    'another downside', 'another problem with', 'one problem with', 'even then', 'all the same', 'be that as it may', 'mind you', 'in reality',
    'to the contrary', 'quite the opposite', 'far from it', 'this undersells', 'that undersells', 'this understates', 'that understates',
    'this exaggerates', 'that exaggerates', 'this underrates', 'that underrates', 'this overrates', 'that overrates', ...VIEW_FAILS,
  ]],
  ['doubt', [
    'i doubt', 'i\'m not convinced', 'i am not convinced', 'i\'m unconvinced', 'i am unconvinced', 'i\'m skeptical', 'i am skeptical', 'i\'m sceptical', 'i am sceptical',
    'i\'m not sure', 'i am not sure', 'i\'m less sure', 'i\'m not so sure', 'it\'s unclear', 'it is unclear', 'it\'s not clear', 'it is not clear', 'it\'s not obvious',
    'it is not obvious', 'i don\'t think', 'i do not think', 'i don\'t buy', 'i don\'t see', 'i do not see', 'i disagree', 'i\'d push back', 'i would push back', 'i\'d frame it differently', 'i would frame it differently', 'i\'d put it differently', 'i\'d frame this differently',
    'i\'d disagree', 'i\'m worried', 'i worry', 'i\'m wary', 'i find this', 'i find it hard', 'this seems wrong', 'this seems too', 'this seems unlikely',
    'that seems wrong', 'that seems too', 'that seems unlikely', 'hmm', 'wait,', 'i\'m confused', 'i don\'t understand why', 'i\'d question', 'i question',
    'i\'m suspicious', 'i am suspicious', 'it\'s doubtful', 'it is doubtful', 'few people', 'there is no evidence', 'there\'s no evidence', 'there is little evidence',
    'there\'s little evidence', 'nothing suggests', 'i don\'t believe', 'i\'m not persuaded', 'this is too strong', 'that is too strong', 'that\'s too strong',
    'this is overstated', 'this overstates', 'that overstates', 'unclear', 'not obviously', 'i\'m not sure that', 'disagree', 'strongly disagree',
    'strong disagree', 'i think this is wrong', 'i think that\'s wrong', 'i think you\'re wrong', 'i think this misses', 'i think the problem', 'citation needed',
    'nitpick', 'a nitpick', 'minor quibble', 'a quibble', 'one quibble',
  ]],
  ['explain', [
    'this is because', 'that is because', 'that\'s because', 'it\'s because', 'it is because', 'the reason is', 'the reason for this', 'one reason is',
    'the reason being', 'this is why', 'this explains', 'to see why', 'the mechanism is', 'the point is that', 'in other words', 'that is,', 'i.e.', 'put differently',
    'put another way', 'specifically', 'in particular', 'concretely', 'more precisely', 'to be precise',
  ]],
  ['cause', [
    'because', 'since', 'after all', 'given that', 'as we know', 'the evidence', 'evidence', 'studies show', 'research shows', 'data show', 'historically',
    'empirically', 'in practice', 'we know that', 'we have seen', 'we\'ve seen', 'we already see', 'this matters because', 'for one', 'first,', 'firstly',
    'first of all', 'for one thing', 'on top of that', 'it\'s well known', 'it is well known', 'as shown', 'as seen', 'to begin with', 'to start with',
    'first and foremost', 'the first reason', 'one reason', 'the main reason', 'the most important argument', 'the main argument', 'the strongest argument', 'the first argument', 'a key reason', 'according to', 'a study', 'a recent study', 'studies',
    'statistics', 'surveys', 'as a matter of fact',
  ]],
  ['additive', [
    'moreover', 'furthermore', 'in addition', 'additionally', 'also', 'besides', 'what\'s more', 'what is more', 'another', 'plus,', 'second,', 'secondly', 'third,',
    'thirdly', 'finally', 'lastly', 'similarly', 'likewise', 'and ', 'not only', 'on top of this', 'beyond that', 'relatedly', 'further,', 'another reason',
    'the second reason', 'the third reason', 'a second reason', 'a third reason', 'a final reason', 'a further reason', 'a second argument', 'a third argument',
    'a final argument', 'a further argument', 'a second point', 'a third point', 'a final point', 'a further point', 'not to mention', 'apart from', 'last but not least', 'above all', 'more importantly', 'most importantly',
    'equally', 'in the same way', 'it also', 'this also', 'there is also', 'there\'s also', 'there is another', 'there\'s another',
  ]],
  ['result', [
    'so', 'therefore', 'thus', 'hence', 'which means', 'this means', 'that means', 'it follows', 'consequently', 'as a result', 'as a consequence',
    'in conclusion', 'to conclude', 'overall', 'in short', 'in sum', 'all in all', 'to sum up', 'to summarize', 'the upshot', 'the bottom line', 'that\'s why',
    'which is why', 'for this reason', 'for these reasons', 'accordingly', 'in the end', 'ultimately', 'all told', 'either way',
    'in any case', 'in any event', 'regardless', 'all things considered', 'on balance',
  ]],
  ['example', [
    'for example', 'for instance', 'e.g.', 'e.g', 'consider', 'take', 'imagine', 'case in point', 'to illustrate', 'as an example', 'an example', 'one example',
    'a good example', 'a classic example', 'look at', 'think of', 'think about', 'witness', 'picture', 'say,', 'such as', 'like when', 'as when', 'a toy example',
    'a concrete example', 'in one experiment', 'in one case', 'when we',
  ]],
  ['condition', [
    'if', 'unless', 'suppose', 'supposing', 'assuming', 'assume', 'provided that', 'provided', 'in case', 'in the case', 'in the world where', 'in worlds where',
    'as long as', 'only if', 'even if', 'whenever', 'conditional on', 'given',
  ]],
  ['agreement', [
    'i agree', 'agreed', 'indeed', 'exactly', 'yes', 'right,', 'good point', 'great point', 'this is right', 'that\'s right', 'that is right', 'this is true',
    'i think this is right', 'strongly agree', 'seconding', 'seconded', '+1', 'this matches', 'this fits', 'this is consistent', 'this is exactly', 'that is exactly', 'that\'s exactly', 'in fact',
    'better still', 'even better', 'and indeed', 'agree', 'strong agree', 'very much agree', 'this seems right', 'that seems right', 'to add to this', 'adding to this', 'building on this', 'relatedly,',
  ]],
  ['stance', [
    'i think', 'i believe', 'i claim', 'i urge', 'i would urge', 'i\'d urge', 'i call on', 'i appeal to', 'i\'d claim', 'my claim', 'my main claim', 'my view', 'my position', 'in my view', 'in my opinion', 'imo', 'imho',
    'i\'d argue', 'i would argue', 'i want to argue', 'i\'ll argue', 'i will argue', 'i argue', 'i\'m arguing', 'my main point', 'the main point', 'the key point',
    'my thesis', 'the thesis', 'i expect', 'i predict', 'we should', 'we must', 'we need to', 'it seems to me', 'my sense is', 'my guess is', 'i\'m confident',
    'i am confident', 'i\'m fairly confident', 'i suspect', 'i\'d bet', 'i would bet', 'my bet', 'my prediction', 'the claim', 'here is the claim', 'here\'s the claim',
    'i\'m increasingly', 'you think', 'you argue', 'you claim', 'you write', 'you wrote', 'you suggest', 'you expect', 'you say', 'your view', 'your claim', 'your argument', 'my current view', 'my model is', 'my take', 'my read is', 'i have come to think', 'i\'ve come to think', 'i now think', 'i want to defend', 'i\'ll defend', 'the central claim', 'the core claim',
    'it is clear that', 'it\'s clear that', 'clearly', 'obviously', 'surely', ...WRITER_SIDES,
  ]],
  ['openQuestion', [
    'i wonder', 'i\'m wondering', 'i am wondering', 'i\'d like to know', 'i would like to know', 'i\'m curious', 'i am curious', 'open question', 'an open question',
    'one open question', 'a question', 'my question', 'the question', 'does anyone know', 'has anyone', 'is there',
  ]],
];

/** A normalized copy for matching: lower case, typographic quotes and dashes made plain, so cues match however they are typed. */
export function normalize(text: string): string {
  return NON_ASCII.test(text) ? normalizeTypography(text) : text.toLowerCase();
}

/** normalize for a text known to hold non-ASCII characters: one pass for every character made plain, then lower case. */
function normalizeTypography(text: string): string {
  return text.replace(TYPOGRAPHIC, (c) => PLAIN[c]).toLowerCase();
}
const NON_ASCII = /[^\x00-\x7f]/;
const TYPOGRAPHIC = /[\u2018\u2019\u02bc\u2032\u201c\u201d\u201e\u2033\u2013\u2014\u2026]/g;
const PLAIN: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2013': ' - ',
  '\u2014': ' - ',
  '\u2026': '...',
};

/** Phrases that need a word boundary after them (those ending in a letter or digit). */
function boundaryAfter(phrase: string): boolean {
  return /[a-z0-9]$/.test(phrase);
}

/** a-z, A-Z, 0-9 or an apostrophe. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39;
}

// A character trie over every phrase: matching at a position costs the length of the longest phrase, whatever the
// number of phrases. It is kept in flat arrays (a node's transitions are a row of NEXT, one column per character the
// phrases use), so a step is two array reads rather than a map lookup: cues are looked for at every clause start.
/** Column of each ASCII character in NEXT, or -1 for one no phrase holds (every phrase is ASCII). */
const COLUMN = new Int16Array(128).fill(-1);
let columns = 0;
for (const [, phrases] of PHRASES) for (const p of phrases) for (let i = 0; i < p.length; i++) if (COLUMN[p.charCodeAt(i)] < 0) COLUMN[p.charCodeAt(i)] = columns++;
// Every phrase is lower case; a capital letter steps as its small one, so ASCII text is matched as written (no lower-cased copy).
for (let c = 65; c <= 90; c++) COLUMN[c] = COLUMN[c + 32];
/** NEXT[node * columns + column]: the child node, or 0 for none (node 0 is the root, never a child). */
let NEXT = new Int32Array(columns * 1024);
/** The class of the phrase that ends at a node (the first class listed for it wins). */
const HIT: (CueClass | undefined)[] = [undefined];
/** The phrase ending at a node ends in a letter or digit, so the next character must not be one. */
const BOUNDARY: boolean[] = [false];
for (const [cls, phrases] of PHRASES) {
  for (const p of phrases) {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const slot = node * columns + COLUMN[p.charCodeAt(i)];
      if (NEXT[slot] === 0) {
        const n = HIT.length;
        HIT.push(undefined);
        BOUNDARY.push(false);
        if ((n + 1) * columns > NEXT.length) {
          const grown = new Int32Array(NEXT.length * 2);
          grown.set(NEXT);
          NEXT = grown;
        }
        NEXT[slot] = n;
      }
      node = NEXT[slot];
    }
    if (HIT[node] === undefined) {
      HIT[node] = cls;
      BOUNDARY[node] = boundaryAfter(p);
    }
  }
}

/** The longest cue phrase starting at `at` in normalized text (or ASCII text, in any case), if any. */
export function cueAt(norm: string, at: number): { cls: CueClass; length: number } | undefined {
  let node = 0;
  let best: { cls: CueClass; length: number } | undefined;
  for (let i = at; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    const col = c < 128 ? COLUMN[c] : -1;
    if (col < 0) break;
    node = NEXT[node * columns + col];
    if (node === 0) break;
    const hit = HIT[node];
    if (hit !== undefined && (!BOUNDARY[node] || i + 1 >= norm.length || !isWordChar(norm.charCodeAt(i + 1)))) best = { cls: hit, length: i + 1 - at };
  }
  return best;
}

/** How far into a block cues are read (characters). */
const CUE_WINDOW = 400;
/**
 * Sentence ends (`.` `!` `?`, closing quotes or brackets, white space) and clause breaks (`,` `;` `:` and white space,
 * or ` - ` or ` (`). Every match starts at one of those marks, so the pattern skips the text between them quickly; the
 * white space a ` - ` or ` (` needs before it is checked by hand (see findCues).
 */
const CLAUSE_BREAK = /([.!?]["')\]]*\s+)|[,;:]\s+|(-\s+|\(\s*)/g;
const WHITE = /\s/;

/** Words a cue is skipped over when they open the sentence ("And so", "Well, but"). */
// (The patterns here ignore case: ASCII blocks are read as written, others lower-cased by normalize.)
const LEAD = /(?:and |well,? |ok,? |okay,? |oh,? |hmm,? |again,? |now,? |also,? |\*+|_+|"|\(|- )/iy;
/** The characters LEAD's words start with. */
const LEAD_FIRST: ReadonlySet<number> = new Set([...'awohnAWOHN*_"(-'].map((c) => c.charCodeAt(0)));

/** A body named in the singular, then what it says. */
const BODY_SAYS = /^the (?:council|government|city|town|company|firm|ministry|minister|mayor|industry|school|university|board|committee|landlord|operator|airline|airport|railway|bank|regulator|agency|department|police|management|developer|union|club|hospital|trust|lab|platform|manufacturer|supermarket|museum|library|author|post) (?:says|claims|argues|insists|maintains|promises|contends|assures us)\b/i;
/** A distinction in the opening sentence ("… is not the same as …", "… isn't the same thing as …"). */
const NOT_THE_SAME = /^[^.!?]{0,80}?\b(?:is not|isn't|are not|aren't)(?: quite| at all)? the same(?: thing)? as\b/i;
/** The end of a sentence with more text after it (its index is where the first sentence ends). */
export const SECOND_SENTENCE = /[.!?]["')\]]*\s+\S/;
/** An emphatic "does", "do" or "did" after a short subject, before the verb it stresses ("A helmet does protect …"). */
const EMPHATIC_DO = /^(?:[a-z'-]+ ){1,4}?((?:does|do|did) (?!not\b|so\b|this\b|that\b|these\b|those\b|it\b|the\b|a\b|an\b|more\b|less\b|well\b|nothing\b|anything\b|everything\b|little\b|most\b|much\b|all\b|some\b|any\b|enough\b|good\b|harm\b|wonders\b|justice\b|no\b|their\b|his\b|her\b|our\b|your\b|its\b|my\b|what\b|which\b|one\b|two\b|better\b|worse\b|best\b)[a-z]+)\b/i;
/** Whether " do", " does" or " did" comes early enough for EMPHATIC_DO (a look for the letters before the pattern runs). */
function mayStressDo(norm: string): boolean {
  for (let d = norm.indexOf(' d'); d > 0 && d < 60; d = norm.indexOf(' d', d + 2)) if ((norm.charCodeAt(d + 2) | 0x20) === 111 || (norm.charCodeAt(d + 2) | 0x20) === 105) return true;
  return false;
}
/** Words that open a question or a clause where "does" is no emphasis ("What it does is …", "How much it did help …"). */
const WH_FIRST = /^(?:what|how|why|where|when|who|whether|if|whatever|all|everything)\b/i;
/** Some people, named by what they are, saying what they think: the opening words of a view the writer reports. */
const REPORTED_VIEW = /^(?:some|many|most|a few|several|other|plenty of|lots of|a lot of) (?:[a-z'-]+ ){0,2}(?:complain|object|worry|fear|argue|claim|say|insist|point out|contend|maintain|believe|think|warn|protest|doubt)s?\b/i;
/** People named in the plural, then what they say ("Shop owners reply that …", "Buyers say …"). */
const GROUP_SAYS = /^(?:the |many |most |some |its |their )?(?:[a-z'-]+ ){0,2}[a-z'-]+s (?:say|reply|answer|respond|argue|claim|object|complain|fear|insist|counter|contend|protest|worry|warn|caution|point out|maintain|doubt)\b/i;
/** Subjects whose saying is evidence, not a view answered ("Studies say …", "Researchers argue …"). */
export const EVIDENCE_SUBJECT = /\b(?:studies|surveys|data|statistics|results|experiments|figures|numbers|reports|polls|researchers|scientists|experts|economists|papers|trials|models|records|findings)\s+[a-z]+$/i;
/** A verb of saying the two patterns above end on, read where a word starts. */
const SAYING_AT = /(?:complain|object|worr(?:y|ie)|fear|argue|claim|say|insist|point|contend|maintain|believe|think|warn|caution|protest|doubt|repl(?:y|ie)|counter|answer|respond)s?\b/iy;
/** A result adverb, read where a word starts. */
const RESULT_AT = /(?:therefore|thus|hence|consequently)\b/iy;
/** What the opening words may hold: SAYING (a verb of saying among words 2-5), RESULT (a result adverb among words 2-9). */
const SAYING = 1;
const RESULT = 2;
/** First letters of the words REPORTED_VIEW opens with (some, many, most, a few, several, other, plenty of, lots of, a lot of). */
const QUANTIFIER_FIRST = new Set([...'smaopl'].map((c) => c.charCodeAt(0)));
/**
 * One look at the starts of a text's second to ninth words for what the patterns below need, so that most blocks,
 * which hold neither, run none of them: a verb of saying after a plural (or after REPORTED_VIEW's first words), and
 * a result adverb (in lower case, as it is written inside a sentence).
 */
function openingWords(norm: string): number {
  let found = 0;
  const quantified = QUANTIFIER_FIRST.has(norm.charCodeAt(0) | 0x20);
  let start = norm.indexOf(' ') + 1;
  for (let k = 0; k < 8 && start > 0; k++) {
    if (k < 4 && (found & SAYING) === 0 && (quantified || (norm.charCodeAt(start - 2) | 0x20) === 115)) {
      SAYING_AT.lastIndex = start;
      if (SAYING_AT.test(norm)) found |= SAYING;
    }
    // (therefore, thus, hence, consequently: "th", "he" or "co" first.)
    const c = norm.charCodeAt(start);
    const d = norm.charCodeAt(start + 1);
    if ((found & RESULT) === 0 && ((c === 116 && d === 104) || (c === 104 && d === 101) || (c === 99 && d === 111))) {
      RESULT_AT.lastIndex = start;
      if (RESULT_AT.test(norm)) found |= RESULT;
    }
    start = norm.indexOf(' ', start) + 1;
  }
  return found;
}
/** Others' view reported at the start of a text, if any. */
function reportedView(norm: string): RegExpExecArray | null {
  const m = REPORTED_VIEW.exec(norm);
  if (m) return m;
  const g = GROUP_SAYS.exec(norm);
  return g && !EVIDENCE_SUBJECT.test(g[0]) ? g : null;
}
/** The people just quoted going on ("They also note that …", "They add …"). */
export const THEY_SAY = /^they (?:also |further |then |even |rightly )?(?:say|argue|claim|note|add|point out|warn|fear|insist|object|worry|complain|contend|maintain)s?\b/i;
/** Someone's view reported in the past tense, not the writer's ("The shop owner claimed that …"). */
const REPORTED_PAST = /^(?!i |we |i'|we')(?:[a-z'-]+ ){1,7}(?:claimed|argued|insisted|contended|wrote|said|maintained|objected|complained|warned|suggested) that\b/i;
/** Words of a source whose saying is evidence ("the study said that"). */
const EVIDENCE_WORD = /\b(?:study|studies|survey|surveys|data|report|reports|research|researchers|experiment|experiments|trial|trials|paper|papers|results|figures|numbers|statistics|records|findings|evidence|analysis|review|census|poll|polls)\b/i;
const RESULT_AFTER_SUBJECT = /^(?:[a-z'-]+ ){1,8}(therefore|thus|hence|consequently)\b/i;

/** Classes a clause inside a sentence can take its cue from. */
const MID_CLASSES: ReadonlySet<CueClass> = new Set(['contrast', 'cause', 'explain', 'result', 'example', 'doubt']);
const MID_REASON = /because|since|so |therefore|thus|hence|which means|for example|for instance|e\.g/iy;
const MID_CONTRAST = /but|however|yet|whereas|that said|and yet|on the other hand|except|still|nevertheless/iy;
const THOUGH = /though/iy;

/** The stance words that may open a disagreement ("I think this misses …"): the stance cues "I think", "I believe", "I suspect". */
const STANCE_LEAD = /(?:i think|i believe|i suspect) /iy;

/** A contrast or doubt right after stance words at `at` (or after a "that" following them), spanning both, if any. */
function turnAfterStance(norm: string, at: number): { cls: CueClass; at: number; length: number } | undefined {
  STANCE_LEAD.lastIndex = at;
  const lead = STANCE_LEAD.exec(norm);
  if (!lead) return undefined;
  const turns = (c: { cls: CueClass; length: number } | undefined): c is { cls: CueClass; length: number } => c !== undefined && (c.cls === 'contrast' || c.cls === 'doubt');
  // "I think that misses …" ("that" the demonstrative) before "I think that this misses …" ("that" the conjunction).
  let p = at + lead[0].length;
  let c = cueAt(norm, p);
  if (!turns(c) && norm.startsWith('that ', p)) c = cueAt(norm, (p += 5));
  return turns(c) ? { cls: c.cls, at, length: p - at + c.length } : undefined;
}

function startsWith(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/**
 * Every cue in a block's text, at the start of a sentence or clause, in order. `text`
 * is the block's plain text; the words of each hit are cut from it, so they read as written.
 * `ascii` true says the caller knows the text holds only ASCII characters (it is not looked at again).
 */
export function findCues(text: string, ascii = false): CueHit[] {
  const original = text.length > CUE_WINDOW + 100 ? text.slice(0, CUE_WINDOW + 100) : text;
  // ASCII text needs no normalizing: the trie and the patterns read it in any case. (`ascii`: the caller knows it is.)
  const norm = !ascii && NON_ASCII.test(original) ? normalizeTypography(original) : original;
  // Normalization keeps lengths unless it widened a dash; then the words are shown as normalized.
  const same = norm.length === original.length;
  const hits: CueHit[] = [];
  const add = (at: number, sentence: boolean) => {
    const c = clauseCue(norm, at, sentence);
    if (!c) return;
    let words = same ? original.slice(c.at, c.at + c.length) : norm.slice(c.at, c.at + c.length);
    // (What `.replace(/[,:]$/, '').trim()` does, without the pattern.)
    const last = words.charCodeAt(words.length - 1);
    if (last === 44 || last === 58) words = words.slice(0, -1);
    hits.push({ cls: c.cls, words: words.trim(), atStart: at === 0, sentence, at });
  };
  // Sentence and clause starts: the block's start, after sentence ends, and after `,` `;` `:` ` - ` `(`.
  add(0, true);
  // A result adverb after the subject ("We therefore need …", "The sale of X should therefore be banned") opens the block as well.
  const opening = hits.length === 0 ? openingWords(norm) : 0;
  if (opening & RESULT) {
    const m = RESULT_AFTER_SUBJECT.exec(norm);
    if (m) hits.push({ cls: 'result', words: same ? original.slice(m.index + m[0].length - m[1].length, m.index + m[0].length) : m[1], atStart: true, sentence: true, at: 0 });
  }
  // A body's view reported in a sentence of its own ("The council says the change will save money."): a concession too.
  if (hits.length === 0 && (norm.charCodeAt(0) | 0x20) === 116) {
    const m = BODY_SAYS.exec(norm);
    if (m && !SECOND_SENTENCE.test(norm)) hits.push({ cls: 'concession', words: same ? original.slice(0, m[0].length) : m[0], atStart: true, sentence: true, at: 0 });
  }
  // A distinction drawn against what came before ("Mentioning it is not the same as acting on it."): a contrast.
  if (hits.length === 0 && norm.includes(' the same')) {
    const m = NOT_THE_SAME.exec(norm);
    if (m) hits.push({ cls: 'contrast', words: same ? original.slice(m.index, m.index + m[0].length) : m[0], atStart: true, sentence: true, at: 0 });
  }
  // A point granted with an emphatic "does" ("A helmet does protect the head in a fall."): a concession.
  if (hits.length === 0 && mayStressDo(norm)) {
    const m = EMPHATIC_DO.exec(norm);
    if (m && !WH_FIRST.test(norm)) hits.push({ cls: 'concession', words: same ? original.slice(m.index + m[0].length - m[1].length, m.index + m[0].length) : m[1], atStart: true, sentence: true, at: 0 });
  }
  // Others' view reported ("Many parents complain that …", "Some economists warn …"): a concession, as "some argue" is.
  if (hits.length === 0 && opening & SAYING) {
    const m = reportedView(norm);
    if (m) hits.push({ cls: 'concession', words: same ? original.slice(0, m[0].length) : m[0], atStart: true, sentence: true, at: 0 });
  }
  // "They also note that …": the people just quoted go on (a concession, as their first words were).
  if (hits.length === 0 && (norm.charCodeAt(0) | 0x20) === 116 && norm.slice(0, 5).toLowerCase() === 'they ') {
    const m = THEY_SAY.exec(norm);
    if (m) hits.push({ cls: 'concession', words: same ? original.slice(0, m[0].length) : m[0], atStart: true, sentence: true, at: 0 });
  }
  // One person's view reported in the past ("Last week's letter from a shop owner claimed that …"): a concession too.
  if (hits.length === 0) {
    const that = norm.indexOf(' that ');
    if (that > 0 && that < 90) {
      const m = REPORTED_PAST.exec(norm);
      if (m && !EVIDENCE_WORD.test(m[0])) hits.push({ cls: 'concession', words: same ? original.slice(0, m[0].length) : m[0], atStart: true, sentence: true, at: 0 });
    }
  }
  CLAUSE_BREAK.lastIndex = 0;
  // The opening of a block decides what it does; cues deep inside a long paragraph are not read (this keeps the cost per block bounded).
  let lastEnd = 0;
  for (let m = CLAUSE_BREAK.exec(norm); m; m = CLAUSE_BREAK.exec(norm)) {
    // ` - ` and ` (` start at the white space before the mark, which no break before may have taken.
    const spaced = m[2] !== undefined;
    const start = spaced ? m.index - 1 : m.index;
    if (start >= CUE_WINDOW) break;
    if (spaced && (start < lastEnd || !WHITE.test(norm[start]))) continue;
    lastEnd = m.index + m[0].length;
    add(lastEnd, m[1] !== undefined);
  }
  return hits;
}

/** The cue opening the sentence or clause at `at`, past lead words such as "And" or "Well,". */
function clauseCue(norm: string, at: number, sentence: boolean): { cls: CueClass; at: number; length: number } | undefined {
  let p = at;
  for (let k = 0; k < 2; k++) {
    // Most clauses open with none of the lead words: their first character says so without running the pattern.
    if (!LEAD_FIRST.has(norm.charCodeAt(p))) break;
    LEAD.lastIndex = p;
    const lead = LEAD.exec(norm);
    if (!lead) break;
    // "And yet", "And so": keep the "and" when the phrase itself starts with it.
    const whole = cueAt(norm, p);
    if (whole && whole.length > lead[0].length) break;
    p += lead[0].length;
  }
  // A lead word that is a cue itself ("Also, …") counts when nothing follows it.
  let c = cueAt(norm, p);
  if (!c && p > at) {
    c = cueAt(norm, at);
    p = at;
  }
  if (!c || c.cls === 'plain') return undefined;
  // "I think this misses …", "I believe that ignores …": a stance word before a contrast or doubt is the writer disagreeing.
  if (c.cls === 'stance') {
    const turn = turnAfterStance(norm, p);
    if (turn) return turn;
  }
  // Mid-sentence clauses take only the markers that really turn a clause; ", though," there means "however".
  if (!sentence) {
    if (c.cls === 'concessive' && c.length === 6 && startsWith(THOUGH, norm, p)) return { cls: 'contrast', at: p, length: c.length };
    if (!MID_CLASSES.has(c.cls)) return undefined;
    if ((c.cls === 'cause' || c.cls === 'result' || c.cls === 'example') && !startsWith(MID_REASON, norm, p)) return undefined;
    if (c.cls === 'contrast' && !startsWith(MID_CONTRAST, norm, p)) return undefined;
  }
  return { cls: c.cls, at: p, length: c.length };
}
