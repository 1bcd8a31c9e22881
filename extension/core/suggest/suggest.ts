/** The suggester: for each unlabeled block of a draft that could be an element, a kind, a target, a confidence and the cue that decided it (pure, one pass, linear in the draft). */
import type { Draft, ElementKind, Position, Range } from '../model';
import { scanBlocks, type ProseBlock } from './blocks';
import { contentWords, shared } from './cohesion';
import { cueAt, EVIDENCE_SUBJECT, findCues, normalize, SECOND_SENTENCE, THEY_SAY, type CueClass, type CueHit } from './cues';
import { Kept, perBlock } from './kept';

/** The block a suggestion attaches to: an existing element or another suggested block. */
export interface SuggestionTarget {
  /** 0-based start line of the target's block. */
  line: number;
  /** The target's plain text. */
  text: string;
  /** Index in `Draft.elements` when the target is an element, else -1. */
  element: number;
  /** Index in the returned suggestions when the target is itself a suggestion, else -1. */
  suggestion: number;
}

/** One suggestion for one unlabeled block. */
export interface Suggestion {
  /** The block's range, as an element's would be. */
  range: Range;
  /** Where the label would be written. */
  contentStart: Position;
  block: ProseBlock['block'];
  kind: ElementKind;
  /** The block's plain text. */
  text: string;
  target: SuggestionTarget | null;
  /** In [0, 1]: how sure the suggester is of the kind (and target). */
  confidence: number;
  /** The words that decided it, as written, or a short reason in parentheses when the block's place decided. */
  cue: string;
}

/** Below this the editor shows nothing and the CLI lists nothing, unless told otherwise. */
export const DEFAULT_THRESHOLD = 0.5;

interface Scope {
  prev: number;
  lastClaim: number;
  lastArg: number;
  /** The last objection in the scope, or -1. */
  lastObjection: number;
  first: boolean;
}

const RHETORICAL = /^(?:isn't|aren't|doesn't|don't|didn't|wouldn't|shouldn't|can't|couldn't|won't|hasn't|haven't|why would|why should|why on earth|who would|who cares|who needs|how could|how can anyone|how can we|what's the harm|what is the harm|is it really|are we really|do we really|does anyone really|does anyone seriously|why not|why else|what else|since when|can we really|is that really|really\?|surely)/;
const NEGATION = /\b(?:not|no|never|won't|can't|cannot|doesn't|don't|isn't|aren't|wouldn't|fails?|breaks?|miss(?:es)?|worse|harder|lose|loses|collapses?)\b/;
const VERB = /\b(?:is|are|was|were|will|would|can|cannot|can't|should|must|does|do|doesn't|don't|isn't|aren't|won't|makes?|needs?|fails?|helps?|matters?|works?|beats?|requires?|prevents?|causes?|leads?|wins?|loses?|scales?)\b/;

const EVIDENCE = /^(?:a study|a recent study|studies|research|data|statistics|surveys|according to|the evidence|evidence|historically|empirically)/i;

const OPPOSING: ReadonlySet<CueClass> = new Set(['contrast', 'doubt', 'answer']);
/** The kinds a block can argue about. */
const ARGUES: ReadonlySet<ElementKind | undefined> = new Set<ElementKind | undefined>(['claim', 'support', 'objection', 'reply']);
/** Cues that open a statement made for something (a question the block goes on to ask backs it). */
const BACKING: ReadonlySet<CueClass> = new Set(['additive', 'cause', 'explain', 'example', 'result']);
/**
 * What may follow a comma in the opening sentence to concede: a concession closing the sentence ("…, I grant that.",
 * "…, admittedly.") or set off by commas ("…, of course, since …"), a view its holders are named after ("…, teachers
 * object."), or others' view named in passing ("Paper bags are worse, some say, because …", "…, and some argue that …").
 */
const CONCEDING_AFTER_COMMA = /\s*(?:(i grant (?:you )?(?:that|this|it)|i admit (?:that|it)|i admit|i concede (?:that|this|it)|i concede|i[’']ll grant (?:you )?(?:that|this)|admittedly|granted|to be fair|of course|to be sure)\s*(?=[.!]|$)|(admittedly|granted|of course|to be sure|no doubt)\s*,|((?:[a-z'-]+ ){0,2}[a-z'-]+s (?:argue|claim|object|complain|insist|contend|warn|protest))\s*(?=[.!]|$)|((?:some|many|others|critics|opponents|skeptics|sceptics|people) (?:say|argue|claim|object|insist|contend|would say|might say|will say|would argue|might argue|will argue|point out))\s*[,.;]|(?:and|but) ((?:some|many|others|critics|opponents|skeptics|sceptics|people) (?:say|argue|claim|insist|contend|believe|think)) that\b)/iy;
const SENTENCE_MARK = /[.!?\n]/;
/** The concession after a comma in the opening sentence (first 300 characters), with where its words start; each comma is looked at once. */
function concededAfterComma(text: string): { words: string; at: number } | undefined {
  if (!text.includes(',')) return undefined;
  const end = text.search(SENTENCE_MARK);
  const limit = Math.min(end < 0 ? text.length : end, 300);
  for (let comma = text.indexOf(','); comma >= 0 && comma < limit; comma = text.indexOf(',', comma + 1)) {
    CONCEDING_AFTER_COMMA.lastIndex = comma + 1;
    const m = CONCEDING_AFTER_COMMA.exec(text);
    if (m) {
      const words = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      // (Studies and experts saying so is evidence, not a view conceded.)
      if (m[4] !== undefined && EVIDENCE_SUBJECT.test(m[4])) continue;
      return { words, at: comma + 1 + m[0].indexOf(words) };
    }
  }
  return undefined;
}
/** Stance words right after a result cue ("So I'd say …", "Therefore, I think …"). */
const STANCE_NEXT = /^[\s,]*(?:i think|i['’]d say|i would say|i believe|i['’]d argue|i would argue|i conclude|my view is|in my view)\b/i;
/** The words of an emphatic "does" concession. */
const EMPHATIC = /^(?:does|do|did) /i;
/** Words that propose another way than the one argued for. */
const ALTERNATIVE = /\b(?:instead|rather than|in place of)\b/i;
/** Words that rank ("the most useful", but not "one of the most common") or compare ("better than"): a paragraph with them reads as a thesis of its own. */
const EVALUATIVE = /(?<!\bone of )\bthe (?:most|least|best|worst|main|central|key|biggest|largest|greatest|single most)\b|\b(?:more|less|better|worse|fewer)\b(?: [^ .;:!?]+){1,6}? than\b|\b(?:more|less|better|worse|fewer) than (?!(?:a|an|one|half|twice|\d)[\s\d.,%])/i;
/** The cue of a quoted paragraph that only its place made a claim. */
const QUOTED = '(a quoted paragraph: the position answered)';
/** The cue of a paragraph that only its place, after the writer's own doubt, made a reason for it. */
const ARGUES_DOUBT = '(argues for the doubt before it)';
/** The cue of a paragraph that only its place, first in its section, made a claim. */
const FIRST_OF_SECTION = '(first paragraph of its section)';
/** The cue of a paragraph that only its place, the first in its section after no claim (after a question, an objection), made a claim. */
const NO_CLAIM_BEFORE = '(no claim before it in its section)';
/** A question word opening a text. */
const WH_OPENING = /^(?:what|how|why|when|where|which|who|whether)\b/i;
/** Headings of sections that give background rather than argue. */
const BACKGROUND_HEADING = /^(?:(?:some |a bit of |a little )?background|context|some context|setup|set-up|the setup|definitions?|terminology|notation|preliminaries|related work|prior work|acknowledge?ments)\b/i;
/** Headings of sections that raise objections to the post's thesis ("Objections and replies", "Counterarguments"). */
const OBJECTION_HEADING = /^(?:(?:some |possible |likely |anticipated |common |main |the main |the obvious |obvious )?(?:objections?|counter-?arguments?|counterpoints?|criticisms?|pushback|rebuttals?|steelman(?:ning)?(?: the other side)?)|responses? to (?:objections|critics|criticism)|replies to objections)\b/i;
/** Headings of a debate's sides: the arguments against ("Against", "Cons", "Arguments against new reactors"), for ("For", "Pros", "The case for"), and the replies to the arguments against ("Replies", "Rebuttals"). */
const AGAINST_HEADING = /^(?:(?:cons?|contra)\s*:?|against(?: [^ ]+){0,4}|(?:the )?(?:arguments?|reasons?|points?) against(?: [^ ]+){0,5})$/i;
const FOR_HEADING = /^(?:(?:pros?|in favou?r)\s*:?|for(?: [^ ]+){0,4}|(?:the )?(?:arguments?|reasons?|points?) (?:for|in favou?r)(?: [^ ]+){0,5})$/i;
const REPLY_HEADING = /^(?:replies|rebuttals?|responses?|answers|counter-?rebuttals?)\b/i;
/** Words that name a thread's first comment or post ("the top comment", "OP", "upthread"). */
const NAMES_ROOT = /\b(?:the top(?:-level)? comment|the original (?:post|comment)|the op\b|op's|the parent comment|upthread)/i;
/** Words that judge ("a poor proxy", "is wrong", "fails"). */
const JUDGES = /\b(?:poor|good|bad|wrong|right|mistaken|misguided|unfair|fair|harmful|dangerous|useless|pointless|overrated|underrated|fails?|works?|matters?)\b/i;
/** An answer that denies what was concluded ("… is not a right to …", "That is a reason to X, not to Y", "does not make it fair", "is nothing beside …"). */
const REBUTS = /\b(?:is|are|was) not (?:a |an |the )?(?:reason|argument|right|proof|licen[cs]e|case)\b|\bthat(?:'s| is) (?:a |an )?(?:reason|argument|case) (?:to|for)\b[^.]{0,80}, not\b|\bdoes not make\b|\bdoesn't make\b|\b(?:is|are) nothing (?:beside|next to|compared)\b|\bnot a reason\b/i;
/** A conclusion that says yes or no ("So no: …", "Yes, it should."). */
const YES_OR_NO = /^(?:(?:so|then|thus|therefore|hence),? )?(?:yes|no)\b/i;
/** A position in a debate, answering its question ("Yes: …", "No: …"). */
const YES_NO = /^(?:yes|no)\s*:/i;
/** Headings of sections that list the writer's cruxes ("Cruxes", "What would change my mind"). */
const CRUX_HEADING = /^(?:(?:the |my |key |main |possible |some |remaining |open )*cruxe?s?|what (?:would|could|might) (?:change|update|move|shift|lower|raise) my (?:mind|views?|estimates?|numbers?|credence|probability)|what (?:would|could|might) (?:convince|update|move|change) me|what would bring me\b)\b/i;
/** Titles that name the text they head ("Notes on …", "Comments on …", "Thread: …", "Re: …"). */
const NAMES_TEXT = /^(?:(?:some |a few |quick |rough |brief |more |further |my |initial )?(?:notes|thoughts|comments|reflections|remarks|questions|musings) (?:on|about|regarding)\b|a (?:note|comment|question) (?:on|about)\b|(?:thread|re|comments|discussion|shortform)\s*:)/i;
/** Titles that take a side ("Against …", "In defense of …", "The case for …"). */
const TAKES_SIDE = /^(?:against|in (?:defen[cs]e|praise|favou?r) of|why (?:i(?:'m| am) not|we should(?:n't| not)?|you should(?:n't| not)?))\b/i;
/**
 * The first words of the openings read before the cues (a summary, background, a note's kind, a definition, a debate's
 * yes or no), kept once: each opening's pattern and LEAD_WORDS, which screens for all of them, are made from them.
 */
const SUMMARY_WORDS = 'tl;?\\s?dr|summary|in short|short version|bottom line|hot take|my take|claim in brief';
const BACKGROUND_WORDS = '(?:the |some )?(?:setup|set-up|background|context|definitions?|terminology|notation)';
const NOTE_WORDS = '(?:an? )?(?:half-formed|quick|short|rough|brief|random|shower|tentative|loose|low-confidence|unpolished|speculative)';
const DEFINITION_WORDS = 'by |(?:here|below|throughout)\\b|(?:i|we) (?:use|call) ';
/** A paragraph introduced as background ("The setup: …", "Context: …", "Definitions: …"). */
const BACKGROUND_LINE = new RegExp(`^${BACKGROUND_WORDS}\\s*:`, 'i');
/** A paragraph that opens with a quoted sentence. */
const QUOTE_OPENING = /^["\u201c][^"\u201d]{8,200}[.?!]["\u201d]/;
/** A summary line that states the post's thesis ("TL;DR: …", "Summary: …"). */
const SUMMARY_LINE = new RegExp(`^(?:${SUMMARY_WORDS})\\s*[:.\u2014-]`, 'i');
/** A definition, not an argument ("By reward hacking I mean …", "X is defined as …", "I use 'latent' for …"). */
const DEFINITION = /^by [^,.;:]{1,60}? (?:i|we) mean\b|^(?:here|below|throughout)(?:,| by)? [^,.;:]{1,40}? means\b|^(?:i|we) (?:use|call) [^,.;:]{1,60}? (?:to mean|for)\b/i;
/** The same, said with "defined as" or "refers to" ("SA refers to …"). */
const DEFINED_AS = /\b(?:is|are) defined as\b|^[^,.;:]{1,60}? (?:refers|refer) to\b/i;
/** A line that rates the post rather than argues ("Epistemic status: …"). */
const EPISTEMIC = /^(?:epistemic (?:status|effort)|confidence|status|content warning|cw)\s*:/i;
/** The first words of SUMMARY_LINE, BACKGROUND_LINE, NOTE_OPENING, YES_NO and DEFINITION, in one pattern. */
const LEAD_WORDS = new RegExp(`^(?:${SUMMARY_WORDS}|${BACKGROUND_WORDS}|${NOTE_WORDS} |(?:yes|no)\\b|${DEFINITION_WORDS})`, 'i');

/** A paragraph that says what the text is, not what it argues. */
const META_LINE = /^(?:(?:(?:comment|discussion|reply) )?(?:shortform|thread|comments?|notes?|discussion|transcript)\b\s*(?:[:\u00b7\u2014-]|on\b|about\b|under\b|from\b)|(?:this is )?(?:an? )?(?:lightly )?(?:edited )?(?:transcript of|(?:conversation|chat|exchange) (?:between|with)\b)|(?:comments? )?(?:copied|pasted|reposted|cross-?posted) (?:here )?from\b|(?:two|three|four|five|several|many) (?:main )?(?:positions|answers|views|camps|kinds of answers?) (?:dominate|are (?:commonly |often |usually )?(?:given|offered|heard))|i(?:'ve| have) been trying to (?:sort out|figure out|work out|decide)\b|(?:a |my )?(?:response|reply|rejoinder) to (?:last week's |yesterday's |a recent |the recent )?(?:post|essay|piece|article|comment|argument)\b)/i;
/** A note's opening that names what kind of note it is ("Half-formed thought about …", "Short take on …"). */
const NOTE_OPENING = new RegExp(`^${NOTE_WORDS} (?:thoughts?|takes?|notes?|ideas?)\\b`, 'i');
/**
 * A byline or the metadata of a pasted comment, not prose: a short line with a middle dot ("halcyon_q · 58 points",
 * "Shortform · evals"), a score or an age ("wrenfield — 44 karma", "3 points", "2y ago"), or "sorted by top".
 */
const BYLINE = /\u00b7|[\u25b2\u25bc\u2191\u2193]\s*\d+\s*$|\b\d+\s*(?:points?|pts|karma|votes?|upvotes?|agreement|comments?)\b|\b\d+\s*(?:[smhdwy]|mo|min|hours?|days?|months?|years?)\s+ago\b|\b\d+\s?(?:y|yr|yrs|mo|mos|w|wk|d|h|hr|hrs|min)\b(?:\s*[|\u2014\u2013-]?\s*[-+]?\d+)?\s*$|^(?:sorted|sort) by\b|^reply(?: \d+)?$|^(?:posted|written|edited|updated|commented|replied)\b[^.!?]{0,40}\d|^(?:posted|written|reply|replied|answer|answered|comment|response) (?:by|from) @?[\w.-]{2,30}$|\b\d{1,2}:\d{2}\s*(?:am|pm)?\s*$/i;
/** A name alone on its line, as a pasted thread shows its authors ("mkovacs", "**Ruth Galloway**", "@dpenn"). */
const NAME_LINE = /^(?:\*\*|__)?@?(?:[A-Za-z][\w.-]{1,30}|[A-Z][a-z]+(?: [A-Z][a-z]*\.?){1,2})(?:\*\*|__)?$/;

/** Cue words that add one more objection to those made ("another worry", "a further objection"). */
const FURTHER = /^(?:another|a further|one more|a second|a third|a final|one last|a last|a different|a separate|a related|a stronger|a bigger|a more serious)\b/i;
/** "In fact" (or "as a matter of fact"). */
const IN_FACT = /^(?:in fact|as a matter of fact)\b/i;
/** Answer words that name what they answer as an objection ("That criticism", "This worry"). */
/** Words with which the writer grants a point. */
const GRANTS = /^(?:i (?:concede|grant|admit|agree)|i'll grant|granted|admittedly|sure|fair enough|of course|to be fair|true|it['\u2019]?s true|it is true|no doubt|okay|ok)\b/i;

/** The first words of a view of the other side's: critics, opponents, "some argue", "one might object", "the usual objection". */
const OTHER_SIDE = /^(?:critics|opponents|skeptics|sceptics|detractors|some (?:people|argue|say|claim|think|will|may|might|would|go)|many (?:people|argue)|others (?:argue|say)|one (?:could|might|may) (?:argue|object|say)|you (?:might|could|may) (?:say|argue|object|think)|(?:someone|somebody|a reader) |it (?:is|'s|could be|can be|might be|may be) (?:often |sometimes |also |frequently |commonly |widely )?(?:said|argued|claimed|objected)|(?:the|a|an) (?:usual|standard|common|obvious|main|classic|only|only real|biggest|strongest|natural|frequent|most common) (?:objection|complaint|pushback|criticism|counter-?argument)|an? (?:critic|opponent|skeptic|sceptic|cynic)\b)/i;

/** Additive cues that add one more point of the same rank ("Second", "In addition"), not a detail of the last one ("also"). */
const PARALLEL = /^(?:moreover|furthermore|in addition|additionally|besides|what's more|what is more|another|second|secondly|third|thirdly|finally|lastly|further,|the second|the third|last but not least|on top of this|beyond that|apart from)/i;

/** The cues that open the first of a list of reasons. */
const FIRST_REASON = /^(?:first(?:ly)?\b|first of all|to begin with|to start with|for one\b|the first reason|one reason)/i;

/** A user's handle alone: one word with an underscore, a dot, a hyphen or a digit inside, or in lower case ("oldtown_resident", "Martina_V", "tern42"). */
const HANDLE = /^@?(?:[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+|[A-Za-z]+\d[A-Za-z0-9]*)$/;

/** A letter's closing words. */
const SIGN_OFF = /^(?:yours (?:faithfully|sincerely|truly)|(?:kind|best|warm|warmest) regards|regards|sincerely|best wishes|with thanks)\b/i;

const NAMES_OBJECTION = /^(?:this|that|the) (?:objection|worry|concern|criticism)\b/i;
/** Words of what should be done. */
const NORMATIVE = /\b(?:should|must|ought to|need to|needs to|have to|has to)\b/i;
/** Words that demand something be done: "should", "ought to", a "must" or "need to" with who must do it (not "must already be", "did not need to"), or a request ("Please do not …", "I would ask the council to …"). */
const DEMAND = /\b(?:should|ought to)\b|\b(?:we|you|they|everyone|governments?|cities|schools|companies|parents|labs) (?:must|need to|have to)\b|^please\b|^i (?:would |'d )?(?:ask|urge|call on|beg)\b/i;
/** A prediction ("will", "won't"). */
const PREDICTS = /\b(?:will|won't|won’t)\b/i;
/** A cue in the writer's own voice ("I doubt", "I'm not convinced"). */
const FIRST_PERSON = /^i(?:\b|['’])/i;
/** Contrast words that turn a clause more weakly than "but" or "however". */
const WEAK_CONTRAST = /^(?:actually|rather|instead|still|except|whereas|what about|unfortunately|in practice)$/i;

/** What the suggester decided for a block; `own`: an objection in the writer's own voice ("I doubt …"), which the writer then argues for. */
interface Decision {
  kind: ElementKind;
  target: number;
  confidence: number;
  cue: string;
  own: boolean;
  /** A claim drawn as a conclusion on what should be done ("So schools should keep their uniforms."). */
  conclusion: boolean;
  /** The class of the cue that decided it; undefined when its place did. */
  via: CueClass | undefined;
}

/** A decision, its confidence clamped to [0, 1] and rounded to two places (every field set, so all decisions share one shape). */
function result(kind: ElementKind, target: number, confidence: number, cue: string, own = false): Decision {
  return { kind, target, confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100, cue, own, conclusion: false, via: undefined };
}

/** The number of words in a text (its first `end` characters), counted up to `max`. */
function wordsUpTo(text: string, max: number, end = text.length): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < end && n < max; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Splits at `.`, `!` or `?` (and closing quotes) followed by white space and a capital, digit or opening quote. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < text.length && '"\')]\u201d\u2019'.includes(text[j])) j++;
    if (j >= text.length || text.charCodeAt(j) > 32) continue;
    let k = j;
    while (k < text.length && text.charCodeAt(k) <= 32) k++;
    if (k < text.length && /["'(\[A-Z0-9\u201c\u2018]/.test(text[k])) {
      out.push(text.slice(start, j));
      start = k;
      i = k - 1;
    }
  }
  if (start < text.length && text.slice(start).trim() !== '') out.push(text.slice(start));
  return out;
}

/** A statement turned into a question by a tag ("… mostly addresses this, no?"): asked to assert. */
const TAG_QUESTION = /,\s*(?:no|right|surely|isn't it|doesn't it|don't they|aren't they|wouldn't it|wouldn't they)\?["')\]]*\s*$/;

/** How a sentence that answers the question before it opens. */
const ANSWERED = /^(?:no|yes|not|nope|of course|hardly|sure|perhaps|maybe|probably|surely not|certainly)\b/i;

/** Whether a block reads as a question, whether the question is rhetorical (asked to assert, or answered in the block itself), and 'after' when it follows a statement of the block's own (an open question unless a cue says what the block does). */
function questionOf(text: string): 'open' | 'after' | 'rhetorical' | undefined {
  if (!text.includes('?')) return undefined;
  const s = sentencesOf(text.trim());
  if (s.length === 0) return undefined;
  const q = s.map((x) => /\?["')\]]*$/.test(x.trim()));
  const firstQ = q.findIndex(Boolean);
  if (firstQ < 0) return undefined;
  const last = q[q.length - 1];
  const norm = normalize(s[firstQ]).replace(/^(?:and |but |so |well,? |then,? )/, '');
  // Openers that ask to assert, and intensifiers that do the same anywhere in the question ("Is that really …?").
  if (RHETORICAL.test(norm) || /\b(?:really|honestly)\b/.test(norm) || TAG_QUESTION.test(norm)) return 'rhetorical';
  // A question followed by statements is answered on the spot (hypophora): the block asserts. So is one answered
  // with a yes or a no ("Does that prove it? No, but …").
  if (!last && (q.filter(Boolean).length < s.length / 2 || ANSWERED.test(s[firstQ + 1]))) return 'rhetorical';
  // A question after the block's first statement asks about what the block itself just said ("It also makes X. Why …?").
  if (firstQ > 0 && last) return 'after';
  return last || firstQ === 0 ? 'open' : undefined;
}

/** Words saying a harm might follow: a modal, then a verb of loss or difficulty. */
const DOWNSIDE = /\b(?:might|could|would|may)(?: also| still| even| well)? (?:lose|struggle|suffer|be hurt|be harmed|be hit|be worse off|pay more|go out of business|close down|fall behind|miss out)\b/i;
/** Words that make a harm the cost of not doing something, or make it small. */
const NOT_A_HARM = /\b(?:without|if not|unless|otherwise|if we don't|if we do not|if nothing|only|hardly|barely|little|at most|no more than)\b/i;
/** A harm that might follow, said in the text's first sentence (its first 300 characters at most), and not made small or the cost of not acting. */
function harmInFirstSentence(text: string): boolean {
  const end = text.search(SECOND_SENTENCE);
  const first = text.slice(0, Math.min(end < 0 ? text.length : end + 1, 300));
  return DOWNSIDE.test(first) && !NOT_A_HARM.test(first);
}

/** The block's first sentence (or what comes before a colon) has at most seven words, and more follows. */
function shortFirstSentence(text: string): boolean {
  const end = text.search(ANSWER_END);
  return end > 0 && wordsUpTo(text, 8, end) <= 7;
}
/** The end of a short answer: a sentence's, or a colon before what it says ("Finland thinks so: …"). */
const ANSWER_END = /[.!?:]["')\]]*\s+\S/;

/** One sentence of at most 25 words, not a question, that says what should be done. */
function isShortDemand(text: string): boolean {
  return !text.includes('?') && wordsUpTo(text, 26) <= 25 && !SECOND_SENTENCE.test(text) && DEMAND.test(text);
}

/** Contrast words that may stand between commas inside a clause ("The data, however, show …"). */
const ASIDE_CONTRAST = /^(?:however|though|nevertheless|nonetheless|by contrast|in contrast|on the other hand|in reality|in practice)$/i;
/** A contrast between commas among a block's first three words, read as opening the block (block text has single spaces: ", however,"). */
function parenthetical(text: string, hits: readonly CueHit[]): CueHit | undefined {
  for (const h of hits) {
    if (h.at > 60) break;
    if (h.atStart || h.sentence || h.cls !== 'contrast' || !ASIDE_CONTRAST.test(h.words)) continue;
    if (text.charCodeAt(h.at + h.words.length) === 44 && text.charCodeAt(h.at - 2) === 44 && wordsUpTo(text, 4, h.at) <= 3) return { ...h, atStart: true };
  }
  return undefined;
}

/** Words that name what a disagreement turns on, anywhere in a sentence ("… comes down to whether", "I think the real crux is whether"). */
const CRUX_INSIDE = /\b(?:comes? down to|boils? down to|hinges? on|turns on|the (?:real |actual |main )?crux (?:here )?is|(?:really |actually )?disagree about is|(?:the (?:choice|answer|decision|verdict|disagreement|debate)|it all|everything) (?:really |ultimately |mostly |largely )?depends on|where we (?:actually |really )?(?:split|differ|disagree|part ways)(?:, i think,)?(?: is)?|the (?:real |actual )?question (?:between us |here )?is|we (?:actually |really )?(?:differ|disagree) (?:on|about)):? whether\b/i;

/** How a block opens: the cue that decides it (if any), the first contrast or doubt after it, and a crux named anywhere in it. */
interface Opening {
  first: CueHit | undefined;
  turn: CueHit | undefined;
  crux: CueHit | undefined;
  /** Stance words opening a clause of the first sentence ("Although …, I would argue that …"). */
  stance?: CueHit;
}

/** The writers' disagreement named as such: "that's the real disagreement here", "the disagreement between us comes down to how much". */
const DISAGREEMENT_NAMED = /\b(?:(?:that|this)(?:'s| is) (?:the|where the) (?:real |actual |main )?disagreement\b|the (?:real |actual |main )?disagreement (?:between us |here )?(?:really |mostly )?(?:comes down to|boils down to|is about|hinges on)\b)/i;

/** Stance words opening a clause after a comma ("…, I would argue that"). */
const STANCE_AFTER_COMMA = /, (I (?:would|['\u2019]d) (?:argue|say|maintain|contend)|I (?:strongly )?(?:believe|think|maintain|contend)|I am (?:convinced|persuaded)|I['\u2019]m (?:convinced|persuaded))\b/;

/** Reads a block's opening from its cues. `ascii`: the text is known to be plain ASCII. */
function readOpening(text: string, ascii: boolean): Opening {
  const hits = findCues(text, ascii);
  let first: CueHit | undefined = hits[0]?.atStart ? hits[0] : undefined;
  // A short opening sentence without a cue, or a pleasantry ("Good post.", "Thanks! But …"), leaves the cue to the next sentence.
  // (One look through the hits finds that sentence's cue and a crux.)
  let second: CueHit | undefined;
  let crux: CueHit | undefined;
  for (const h of hits) {
    if (second === undefined && !h.atStart && h.sentence && h.cls !== 'aside') second = h;
    if (crux === undefined && h.cls === 'crux') crux = h;
  }
  // "So whether the split stays useful comes down to whether …": what a disagreement turns on, named inside a sentence.
  // (Most blocks hold no "whether": then the pattern does not run.)
  const whether = crux === undefined ? text.indexOf(' whether') : -1;
  if (whether >= 0 && whether < 400) {
    const m = CRUX_INSIDE.exec(text.length > 420 ? text.slice(0, 420) : text);
    if (m) crux = { cls: 'crux', words: m[0], atStart: false, sentence: false, at: m.index };
  }
  // ("I think that's the real disagreement here.", "… really comes down to how much …": named, without a "whether".)
  if (crux === undefined && text.indexOf('disagree') >= 0) {
    const m = DISAGREEMENT_NAMED.exec(text.length > 420 ? text.slice(0, 420) : text);
    if (m) crux = { cls: 'crux', words: m[0], atStart: false, sentence: false, at: m.index };
  }
  // "Surveys, however, show …": a contrast set off by commas after the first words opens the block as "However, …" would.
  if (first?.cls !== 'contrast' && first?.cls !== 'doubt' && first?.cls !== 'answer') {
    const aside = parenthetical(text, hits);
    if (aside) return { first: aside, turn: undefined, crux };
  }
  // (A "No," or "Yes," after the block's own opening question answers it: no cue of the block's.)
  const promote = second !== undefined && !(ANSWERED.test(second.words) && text.charCodeAt(second.at - 2) === 63) && (first === undefined || first.cls === 'aside') && (first?.cls === 'aside' || wordsUpTo(text, 6, Math.min(second.at, text.length)) <= 5);
  if (promote) first = { ...second!, atStart: true };
  // A concession said at the end of the opening sentence ("The waste problem is real, I grant that.").
  if (first === undefined) {
    const tail = concededAfterComma(text);
    if (tail) first = { cls: 'concession', words: tail.words, atStart: true, sentence: true, at: tail.at };
  }
  // The first contrast or doubt after the opening (and after the cue promoted to open the block).
  let turn: CueHit | undefined;
  for (const h of hits) {
    if (!h.atStart && !(promote && h === second) && (h.cls === 'contrast' || h.cls === 'doubt')) {
      turn = h;
      break;
    }
  }
  // ("Convenient as cards are, I believe …": stance words after what the sentence grants.)
  let stance: CueHit | undefined;
  if ((first === undefined || first.cls === 'concessive') && text.indexOf(', I') > 0) {
    const end = SECOND_SENTENCE.exec(text)?.index ?? text.length;
    const m = STANCE_AFTER_COMMA.exec(end < text.length ? text.slice(0, end) : text);
    if (m) stance = { cls: 'stance', words: m[1], atStart: false, sentence: false, at: m.index + m[0].length - m[1].length };
  }
  return { first, turn, crux, stance };
}

/** What a block's own text says, whatever surrounds it: how it opens (its cues) and whether it asks. */
interface Reading extends Opening {
  asked: ReturnType<typeof questionOf>;
  /** It asks, and proposes another way ("… instead?"). */
  alternative: boolean;
}

/**
 * What suggestDraft keeps from one call to the next on the same draft, so that after an edit only the blocks whose text
 * changed are read again (the editor suggests again on every change): each block's plain text by its source, and each
 * text's reading. Either depends on nothing but its key, so a kept value is the one working it out again would give;
 * values no block of the last call used are dropped.
 */
export class SuggestMemo {
  readonly texts = new Kept<string>();
  readonly readings = new Kept<Reading>();
  /** Each text's content words (cohesion.ts). */
  readonly words = new Kept<Set<number>>();
  /** Each text as a quote's words are looked for in it (quoteKey). */
  readonly quoteKeys = new Kept<string>();
  settle(): void {
    this.texts.settle();
    this.readings.settle();
    this.words.settle();
    this.quoteKeys.settle();
  }
}

function readingOf(text: string, ascii: boolean, memo: SuggestMemo | undefined): Reading {
  const kept = memo?.readings.get(text);
  if (kept) return kept;
  const asked = questionOf(text);
  const { first, turn, crux, stance } = readOpening(text, ascii);
  // (An object literal, not a spread: every reading one shape, made without the generic copy.)
  const r: Reading = { first, turn, crux, stance, asked, alternative: asked !== undefined && ALTERNATIVE.test(text) };
  memo?.readings.set(text, r);
  return r;
}

/** A speaker's name opening a turn ("Ana: …", "**Dr Chen:** …" once emphasis is dropped). */
const SPEAKER = /^([A-Z][\p{L}'’-]{0,20}(?: [A-Z][\p{L}'’-]{0,20})?|[a-z][a-z0-9]{0,23}(?:[_.-][a-z0-9]{1,23}){1,2}|[a-z][a-z0-9]{1,23}):\s+(?=\S)/u;

/** The cue of a paragraph that opens a section (under a heading) after the one that stated the thesis: a reason for it, which the rest of its section argues. */
const SECTION_REASON = '(opens a section after the thesis)';
/** The cues of an unmarked paragraph that only its place, after an objection or a reply, made an answer to it. */
const ANSWERS_OBJECTION = '(answers the objection before it)';
const ANSWERS_REPLY = '(answers the reply before it)';
/** The cue of a comment's first paragraph that answers the comment before it. */
const NEXT_COMMENT = '(answers the comment before it)';
/** The cue of a paragraph that goes on with the comment it is in. */
const SAME_COMMENT = '(goes on with the comment before it)';

/** The cue of a reason or an objection that the words it shares with a block made about that block. */
const SHARES_WORDS = '(repeats words of the point it is about)';
/** The cues of a point under a heading of a debate's side. */
const SIDE_FOR = '(under a heading of arguments for)';
const SIDE_AGAINST = '(under a heading of arguments against)';

/** A heading over a list's verdict. */
const VERDICT_HEADING = /^(?:(?:my |the |a )?(?:verdict|conclusion|bottom line|overall|on balance|summary|where i land|where i come down|my view|my take|weighing (?:it|them|these) up)\b)/i;

/** How far back (in characters of the blocks passed) a quote's words are looked for: a thread quotes a comment near it. */
const QUOTE_LOOKBACK = 20_000;
/** And in blocks (author lines count): about fifteen comments back. */
const QUOTE_LOOKBACK_BLOCKS = 60;

/** The words of a quote, or of a block a quote may repeat, as compared: lower case, no quote marks or emphasis, one space. */
function quoteKey(text: string): string {
  return text.toLowerCase().replace(/[\u201c\u201d"\u2018\u2019'*_]/g, '').replace(/\s+/g, ' ');
}

/**
 * In a thread, for each quote that repeats words of a block before it (a comment quoting the comment it answers: "> thresholds can be
 * updated"), that block; else -1. The quote's first words up to an elision ("[...]", "…") and at most 60 characters, of at
 * least three words, are looked for in the blocks before it, back to QUOTE_LOOKBACK characters or QUOTE_LOOKBACK_BLOCKS
 * blocks (so the look is linear).
 */
function quotedFromOf(blocks: readonly ProseBlock[], memo: SuggestMemo | undefined): number[] {
  const from: number[] = new Array(blocks.length).fill(-1);
  const keyOf = perBlock(blocks, memo?.quoteKeys, quoteKey);
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].block !== 'blockquote') continue;
    const quoted = blocks[i].text.split(/\[\.\.\.\]|\u2026|\.\.\./)[0];
    const words = quoteKey(quoted).trim().slice(0, 60).replace(/[.?!,;:]+$/, '');
    if (words.split(' ').length < 3) continue;
    // (One word of the quote's first 40 characters, its longest of letters only with no apostrophe beside it, is looked for
    // as written first, or capitalized: most blocks lack it, and no key is made for them.)
    const head = quoted.slice(0, 40);
    let probe = '';
    for (const m of head.matchAll(/(?<![A-Za-z'\u2019])[A-Za-z]{4,}(?![A-Za-z'\u2019])/g)) if (m.index + m[0].length < head.length && m[0].length > probe.length) probe = m[0].toLowerCase();
    for (let j = i - 1, seen = 0; j >= 0 && j >= i - QUOTE_LOOKBACK_BLOCKS && seen < QUOTE_LOOKBACK; j--) {
      if (blocks[j].block === 'blockquote' || blocks[j].block === 'heading') continue;
      seen += blocks[j].text.length;
      if (probe && !blocks[j].text.includes(probe) && !blocks[j].text.includes(probe[0].toUpperCase() + probe.slice(1))) continue;
      if (keyOf(j).includes(words)) {
        from[i] = j;
        break;
      }
    }
  }
  return from;
}

/**
 * A pasted comment thread: which blocks are bylines or comment metadata (no prose), and, when there are two bylines or
 * more, the comment each block is in (counted by the bylines before it).
 */
function commentsOf(blocks: readonly ProseBlock[]): { byline: boolean[]; comment: number[]; threaded: boolean; ruled: boolean } {
  const byline: boolean[] = new Array(blocks.length).fill(false);
  const comment: number[] = new Array(blocks.length).fill(0);
  let count = 0;
  /** Headings but a title (a heading first in the draft). */
  let headings = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.block === 'heading' && i > 0 && !HANDLE.test(b.text)) headings++;
    // (A byline is short: most paragraphs are too long to be one, and no pattern runs on them. A thread quoted level in
    // level, "> theo · 17 points · 1y", has its bylines in the quotes.)
    // (So is a heading that is a user's handle, "### oldtown_resident", over each post of a forum thread.)
    const handle = b.block === 'heading' && i > 0 && b.text.length <= 32 && HANDLE.test(b.text);
    if (handle || ((b.block === 'paragraph' || b.block === 'blockquote') && b.parent < 0 && b.text.length <= 64 && (BYLINE.test(b.text) || (b.block === 'paragraph' && NAME_LINE.test(b.text))) && wordsUpTo(b.text, 11) <= 10)) {
      byline[i] = true;
      count++;
    }
    comment[i] = count;
  }
  // (Rules between comments under bylines set nothing apart that the bylines do not: the thread is read as one stretch.)
  if (count >= 2) return { byline, comment, threaded: true, ruled: headings === 0 };
  // (A name alone once is no thread: it is a word on its own line, and may be read.)
  if (count === 1) for (let i = 0; i < blocks.length; i++) if (byline[i] && NAME_LINE.test(blocks[i].text)) byline[i] = false;
  // Comments set apart by thematic breaks alone (no headings, three stretches or more): each stretch is a comment.
  const ruled = headings === 0 && blocks.length > 0 && blocks[blocks.length - 1].section >= 2;
  if (ruled) for (let i = 0; i < blocks.length; i++) comment[i] = blocks[i].section;
  return { byline, comment, threaded: ruled, ruled };
}

/**
 * The speakers of a dialogue: when at least two names each open at least two top-level paragraphs ("Ana: …", "Ben: …"),
 * each such block's speaker and where its words start after the name; otherwise none. A name that is a cue ("Edit:",
 * "Summary:") is no speaker.
 */
function dialogueOf(blocks: readonly ProseBlock[], element: readonly number[]): { speakers: (string | undefined)[]; speakerAt: number[] } {
  const speakers: (string | undefined)[] = new Array(blocks.length).fill(undefined);
  const speakerAt: number[] = new Array(blocks.length).fill(0);
  const turns = new Map<string, number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    // (A labeled block's "Claim:" is no speaker.)
    if (b.block !== 'paragraph' || b.parent >= 0 || element[i] >= 0 || b.text.indexOf(':') < 0) continue;
    const m = SPEAKER.exec(b.text);
    if (!m || cueAt(`${m[1].toLowerCase()}:`, 0) !== undefined) continue;
    speakers[i] = m[1];
    speakerAt[i] = m[0].length;
    turns.set(m[1], (turns.get(m[1]) ?? 0) + 1);
  }
  let named = 0;
  for (const n of turns.values()) if (n >= 2) named++;
  if (named < 2) {
    speakers.fill(undefined);
    speakerAt.fill(0);
  } else {
    // (A paragraph with no name after a turn goes on with that turn, until a heading.)
    for (let i = 1; i < blocks.length; i++) if (speakers[i] === undefined && blocks[i].block === 'paragraph' && blocks[i].parent < 0) speakers[i] = speakers[i - 1];
  }
  return { speakers, speakerAt };
}

/**
 * Suggests an element kind and target for every block of a draft that could be an element
 * but has no label. `draft` is parseDraft's output for the same text (its elements mark the
 * labeled blocks and give their kinds). Returns every suggestion the suggester has an
 * opinion on (filter by `confidence` for a threshold), in source order. Pure; one pass over
 * the blocks after one scan of the text, so linear in the draft's size. `memo`, kept by the
 * caller for one draft from call to call, spares reading again the blocks an edit left alone.
 */
export function suggestDraft(text: string, draft: Draft, memo?: SuggestMemo): Suggestion[] {
  /** Per block: its text is plain ASCII (then the cue reader skips its own look for other characters). */
  const plain: boolean[] = [];
  const blocks = scanBlocks(text, plain, memo?.texts);
  const elementAtLine = new Map<number, number>();
  draft.elements.forEach((e, i) => elementAtLine.set(e.range.start.line, i));

  const kinds: (ElementKind | undefined)[] = new Array(blocks.length);
  const targets: number[] = new Array(blocks.length).fill(-1);
  const element: number[] = blocks.map((b) => elementAtLine.get(b.range.start.line) ?? -1);
  const blockOfElement = new Map<number, number>();
  element.forEach((el, i) => el >= 0 && blockOfElement.set(el, i));
  const decided: (Decision | undefined)[] = new Array(blocks.length);

  const { speakers, speakerAt } = dialogueOf(blocks, element);
  const { byline, comment, threaded, ruled } = commentsOf(blocks);
  // (A quote that opens with a byline holds a comment: its paragraphs are the comment's own, not nested under the byline.)
  for (let i = 0; i < blocks.length; i++) {
    const p = blocks[i].parent;
    if (p >= 0 && byline[p] && blocks[p].block === 'blockquote') blocks[i] = { ...blocks[i], parent: -1 };
  }
  // (Only in a thread of comments, where a comment quotes the one it answers; a post's quotes are others' words.)
  const quotedFrom = threaded ? quotedFromOf(blocks, memo) : new Array<number>(blocks.length).fill(-1);
  /** The stretch a block is read in: its section, or the whole draft when thematic breaks only set comments apart. */
  const stretch = (b: ProseBlock) => (ruled ? 0 : b.section);
  const scopes = new Map<number, Scope>();
  /** Heading claims by depth (index 1-6), the nearest in force last. */
  let headingClaims: number[] = [];
  let lastClaimAnywhere = -1;
  let lastObjectionAnywhere = -1;
  let section = -1;
  let pending: number[] = [];
  /** The current section's heading names background ("Background", "Context", "Definitions"). */
  let backgroundSection = false;
  /** The current section's heading names objections ("Objections and replies") or cruxes ("What would change my mind"). */
  let objectionSection = false;
  let cruxSection = false;
  /** The current section's heading names a debate's side: arguments against, for, or replies to those against. */
  let side: 'against' | 'for' | 'replies' | undefined;
  /** The objections of the last section of arguments against, in order (the replies section answers them in turn), and how many replies so far. */
  let sideObjections: number[] = [];
  let sideReplies = 0;
  let firstClaimAnywhere = -1;
  let questionAnywhere = -1;
  /** Sections under a heading that names a verdict ("Verdict", "On balance"), by section. */
  const verdictSection: boolean[] = [];
  /** A letter's closing ("Yours faithfully,") came: what follows is its signature. */
  let signedOff = false;
  /** The current section opens with a heading (not a thematic break or the draft's start). */
  let headedSection = false;
  /** The heading of the current section when it asks a question, else -1. */
  let sectionQuestion = -1;

  const scopeOf = (b: ProseBlock): Scope => {
    const key = b.parent >= 0 ? b.parent : -1 - stretch(b);
    let s = scopes.get(key);
    if (!s) {
      s = { prev: -1, lastClaim: -1, lastArg: -1, lastObjection: -1, first: true };
      scopes.set(key, s);
    }
    return s;
  };
  const headingClaim = () => {
    for (let d = headingClaims.length - 1; d >= 1; d--) if (headingClaims[d] !== undefined && headingClaims[d] >= 0) return headingClaims[d];
    return -1;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (stretch(b) !== section) {
      section = stretch(b);
      pending = [];
      sectionQuestion = -1;
      backgroundSection = false;
      objectionSection = false;
      cruxSection = false;
      headedSection = false;
      side = undefined;
    }
    if (b.block === 'heading') {
      const depth = b.depth ?? 1;
      headingClaims = headingClaims.slice(0, depth);
      backgroundSection = BACKGROUND_HEADING.test(b.text);
      if (VERDICT_HEADING.test(b.text)) verdictSection[b.section] = true;
      objectionSection = OBJECTION_HEADING.test(b.text);
      cruxSection = CRUX_HEADING.test(b.text);
      headedSection = true;
      // (Not the title: "# The Case for Car-Free Centres" heads the whole essay.)
      side = i === 0 || depth === 1 ? undefined : AGAINST_HEADING.test(b.text) ? 'against' : FOR_HEADING.test(b.text) ? 'for' : REPLY_HEADING.test(b.text) ? 'replies' : undefined;
      if (side === 'against') sideObjections = [];
      if (side === 'replies') sideReplies = 0;
    }
    const scope = scopeOf(b);
    const el = element[i];
    let kind: ElementKind | undefined;
    let target = -1;
    if (el >= 0) {
      kind = draft.elements[el].kind;
      const st = draft.elements[el].structuralTarget;
      target = st >= 0 ? (blockOfElement.get(st) ?? -1) : -1;
    } else {
      // (A dialogue's turn is read after its speaker's name.)
      // (A callout's body is the writer's own paragraph.)
      const said = speakerAt[i] > 0 ? { ...b, text: b.text.slice(speakerAt[i]) } : b.callout ? { ...b, block: 'paragraph' as const, text: b.text.slice(b.callout) } : b;
      const reading = readingOf(said.text, plain[i], memo);
      // "First of all, …", "To begin with, …": the paragraph right before the first reason states what the reasons argue
      // for, the thesis (12 of 13 such paragraphs in the annotated drafts), however it opens ("Convenient as card payment
      // is, I believe …", "Although they save time, …"); what only its place made a claim before it sets the scene.
      const p = scope.prev;
      if (p >= 0 && b.block === 'paragraph' && b.parent < 0 && reading.first?.atStart && FIRST_REASON.test(reading.first.words) && blocks[p].block === 'paragraph' && blocks[p].parent < 0 && decided[p]?.kind === 'support') {
        const anchor = decided[p]!.target;
        const dp = result('claim', headingClaim(), 0.55, '(states what the reasons below argue for)');
        if (anchor >= 0 && anchor < p) setTheScene(anchor, p);
        decided[p] = dp;
        kinds[p] = 'claim';
        targets[p] = dp.target;
        scope.lastClaim = scope.lastArg = p;
        lastClaimAnywhere = Math.max(lastClaimAnywhere, p);
        if (firstClaimAnywhere < 0 || firstClaimAnywhere > p) firstClaimAnywhere = p;
      }
      // (A callout titled as background, "> [!note] Terminology", holds none.)
      const d = b.callout && BACKGROUND_HEADING.test(b.text.slice(b.text.indexOf(']') + 1).trimStart()) ? undefined : decide(said, scope, reading, blocks[i + 1], i);
      // An objection or a reply that names the thread's first comment ("the framing in the top comment") is against that comment's claim.
      if (threaded && d && (d.kind === 'objection' || d.kind === 'reply') && firstClaimAnywhere >= 0 && blocks[firstClaimAnywhere].parent < 0 && NAMES_ROOT.test(b.text)) {
        d.kind = 'objection';
        d.target = firstClaimAnywhere;
      }
      if (d) {
        d.via = reading.first?.cls;
        decided[i] = d;
        kind = d.kind;
        target = d.target;
      }
    }
    kinds[i] = kind;
    targets[i] = target;
    if (b.block === 'paragraph' && b.parent < 0 && SIGN_OFF.test(b.text)) signedOff = true;
    if (kind === undefined) continue;
    // (A title's claim is suggested, but what follows argues about the thesis the body states, not about the title.)
    if (b.block === 'heading' && kind === 'claim' && !(i === 0 && el < 0)) headingClaims[b.depth ?? 1] = i;
    if (b.block === 'heading' && kind === 'question') sectionQuestion = i;
    if (b.block !== 'heading') {
      scope.prev = i;
      scope.first = false;
      // (An answer to a question is a position of its own, as a claim is: what follows argues for or against it.)
      if (kind === 'reply' && target >= 0 && kinds[target] === 'question') scope.lastClaim = i;
      // (So is a section's opening reason for the thesis, to the rest of its section.)
      if (decided[i]?.cue === SECTION_REASON) scope.lastClaim = i;
      if (kind === 'claim') {
        scope.lastClaim = i;
        // Reasons and objections written before the claim they are about attach to it (forward).
        if (b.parent < 0) {
          for (const p of pending) if (targets[p] < 0 && decided[p]) decided[p].target = targets[p] = i;
          pending = [];
        }
      }
      if (kind === 'claim' || kind === 'objection' || kind === 'reply') scope.lastArg = i;
      if (kind === 'objection') scope.lastObjection = i;
      if (el < 0 && target < 0 && b.parent < 0 && (kind === 'support' || kind === 'objection')) pending.push(i);
    }
    if (kind === 'claim') lastClaimAnywhere = i;
    if (kind === 'claim' && firstClaimAnywhere < 0 && b.parent < 0 && !(i === 0 && b.block === 'heading')) firstClaimAnywhere = i;
    if (kind === 'question' && questionAnywhere < 0) questionAnywhere = i;
    if (side === 'against' && kind === 'objection' && b.parent < 0) sideObjections.push(i);
    if (side === 'replies' && kind === 'reply' && b.parent < 0) sideReplies++;
    if (kind === 'objection' || kind === 'reply') lastObjectionAnywhere = i;
  }

  function kindOf(i: number): ElementKind | undefined {
    return i >= 0 ? kinds[i] : undefined;
  }

  /** The first block with a suggestion or a label in the comment that block i is in. */
  function commentOpening(i: number): number {
    let k = i;
    while (k > 0 && comment[k - 1] === comment[i] && !byline[k - 1]) k--;
    for (; k < i; k++) if (kinds[k] !== undefined && blocks[k].parent < 0) return k;
    return i;
  }

  /**
   * When `anchor` is a first paragraph that only its place made a claim, and every block from it up to `upTo` is one
   * that only its place made a reason for it, those blocks set the scene for the thesis at `upTo`: their suggestions are
   * withdrawn (background). Returns whether they were.
   */
  function setTheScene(anchor: number, upTo: number): boolean {
    if (anchor < 0 || decided[anchor]?.cue !== FIRST_OF_SECTION || blocks[anchor].parent >= 0) return false;
    // (A first paragraph that judges, "Compute thresholds are a poor proxy.", is a claim of its own.)
    if (upTo > anchor + 1 && (NORMATIVE.test(blocks[anchor].text) || EVALUATIVE.test(blocks[anchor].text) || JUDGES.test(blocks[anchor].text))) return false;
    for (let k = anchor + 1; k < upTo; k++) {
      const d = decided[k];
      if (blocks[k].parent >= 0 || (d && !(d.kind === 'support' && d.target === anchor && d.cue.startsWith('(')))) return false;
    }
    for (let k = anchor; k < upTo; k++) {
      decided[k] = undefined;
      kinds[k] = undefined;
    }
    if (firstClaimAnywhere === anchor) firstClaimAnywhere = -1;
    return true;
  }

  /** Whether block i answers a question (a reply whose target asks). */
  function answersQuestion(i: number): boolean {
    return kindOf(i) === 'reply' && kindOf(targets[i]) === 'question';
  }

  /** The kind of block i as what comes after it argues about it: an answer to a question is a position, as a claim is. */
  function argKind(i: number): ElementKind | undefined {
    return answersQuestion(i) ? 'claim' : kindOf(i);
  }

  /** What a block against or for "what came before" answers: the block before when it argues, else the scope's last argument, the enclosing block, the heading's claim. */
  function argAnchorOf(prev: number, scope: Scope, parent: number, first: CueHit | undefined): number {
    const pk = kindOf(prev);
    if (pk === 'claim' || pk === 'objection' || pk === 'reply') return prev;
    if (scope.lastArg >= 0) return scope.lastArg;
    if (parent >= 0) return parent;
    const h = headingClaim();
    if (h >= 0) return h;
    // Words that name an objection ("That objection …") look back past the section for one.
    if (first?.cls === 'answer' && lastObjectionAnywhere >= 0) return lastObjectionAnywhere;
    return lastClaimAnywhere;
  }

  function decide(b: ProseBlock, scope: Scope, reading: Reading, next: ProseBlock | undefined, i: number): Decision | undefined {
    const wordCount = wordsUpTo(b.text, 4);
    const { first, turn, crux } = reading;
    const parent = b.parent;
    // (A paragraph right after a quote of an earlier block answers that block: the quote only points at it.)
    const pointer = i > 0 && b.block === 'paragraph' && blocks[i - 1].block === 'blockquote' ? quotedFrom[i - 1] : -1;
    // (The first paragraph under a heading that asks comes right after that question.)
    const prev = pointer >= 0 && kindOf(pointer) !== undefined ? pointer : scope.prev >= 0 ? scope.prev : parent >= 0 ? parent : sectionQuestion;
    // (Under a heading of objections, what they are against is the draft's thesis.)
    const ownAnchor = scope.lastClaim >= 0 ? scope.lastClaim : parent >= 0 ? parent : headingClaim();
    const claimAnchor = ownAnchor < 0 && objectionSection ? (firstClaimAnywhere >= 0 ? firstClaimAnywhere : lastClaimAnywhere) : ownAnchor;
    const argAnchor = argAnchorOf(prev, scope, parent, first);
    // What a reason marked as one backs when its section has no claim: the draft's claim before it ("## Why I expect X"
    // after a summary that states X).
    const thesis = claimAnchor >= 0 ? claimAnchor : lastClaimAnywhere;
    const asked = reading.asked;
    // A question after a statement the block opens with a reason, an example, a result or one more point backs that statement: the cue decides.
    // ("That's plausible as a story, but is there any evidence for it?": a question asked after a turn, or after granting a
    // point, challenges what came before; the turn decides, below.)
    const challenges = (asked === 'after' || asked === 'open') && argAnchor >= 0 && ((turn !== undefined && turn.at < b.text.indexOf('?')) || first?.cls === 'agreement' || first?.cls === 'concession');
    const question = challenges ? undefined : asked === 'after' ? (first && BACKING.has(first.cls) ? undefined : 'open') : asked;

    if (b.block === 'heading') {
      // ("Notes on whether …", "Comments on “…”", "Thread: …": a title naming the text, not a claim or a question.)
      if (NAMES_TEXT.test(b.text)) return undefined;
      // ("Against reading timelines off the compute curve", "In defense of …": a title that takes a side.)
      const takesSide = TAKES_SIDE.exec(b.text);
      if (takesSide && wordCount >= 3) return result('claim', headingClaim(), 0.5, takesSide[0]);
      if (question === 'open' || question === 'rhetorical') return result('question', headingClaim(), 0.5, '(a heading that asks)');
      // ("What would change my mind" names a section: a heading opening with a question word asserts nothing.)
      // ("What gets reinforced is a disposition" asserts, as its "is" shows.)
      if (wordCount >= 4 && (VERB.test(normalize(b.text)) || / than /.test(b.text)) && !first && (!WH_OPENING.test(b.text) || / (?:is|are) /.test(b.text))) return result('claim', headingClaim(), 0.45, '(a heading that asserts)');
      return undefined;
    }
    // (A pasted comment's byline is no prose; nor is a letter's signature, the short lines after "Yours faithfully,".)
    if (byline[i] || (signedOff && wordsUpTo(b.text, 13) <= 12)) return undefined;
    // "TL;DR: …" states the post's thesis.
    // (One look at the first words for all the openings below: most blocks have none of them, and no pattern of theirs runs.)
    const lead = parent < 0 && LEAD_WORDS.test(b.text);
    const summary = lead ? SUMMARY_LINE.exec(b.text) : null;
    if (summary) return result('claim', headingClaim(), 0.6, summary[0].replace(/\s*[:.\u2014-]$/, ''));
    if (lead && BACKGROUND_LINE.test(b.text)) return undefined;
    // ("Epistemic status: …" rates the post; "(To be fair to the authors, …)" in parentheses throughout is an aside.)
    if (parent < 0 && (EPISTEMIC.test(b.text) || (b.text.charCodeAt(0) === 40 && b.text.endsWith(')') && b.text.indexOf(')') === b.text.length - 1))) return undefined;
    if (parent < 0 && ((lead && DEFINITION.test(b.text)) || ((b.text.indexOf('defined as') >= 0 || (b.text.indexOf(' refer') >= 0 && b.text.indexOf(' refer') < 80)) && DEFINED_AS.test(b.text)))) return undefined;
    // ("Shortform: …", "Thread on “…”", "A lightly edited transcript of …", "Two positions dominate the debate.": words about the text.)
    if (parent < 0 && scope.first && META_LINE.test(b.text)) return undefined;
    // ("Half-formed thought, posting to get pushback: I'm increasingly unsure that …" states its claim after the colon.)
    if (lead && NOTE_OPENING.test(b.text)) {
      const colon = b.text.indexOf(':');
      if (colon > 0 && colon < 100 && b.text.length > colon + 20) return result('claim', headingClaim(), 0.6, b.text.slice(0, colon));
      // ("Quick take, not fully thought through. I think …": the sentences after the note's own state its claim.)
      const rest = SECOND_SENTENCE.exec(b.text);
      return rest && b.text.length > rest.index + 30 ? result('claim', headingClaim(), 0.55, b.text.slice(0, rest.index + 1)) : undefined;
    }
    // "Yes: …" or "No: …" after a question: a position in the debate it opens.
    if (lead && questionAnywhere >= 0 && YES_NO.test(b.text)) return result('claim', -1, 0.5, b.text.slice(0, b.text.indexOf(':')));
    // (An image or an embed alone is a figure, whatever its alt text says.)
    if (first?.cls === 'aside' || wordCount < 3 || b.figure) return undefined;
    // Display math and callout headers (`> [!note] …`) are no prose to label.
    if (b.text.startsWith('$$') || (b.block === 'blockquote' && /^\[![A-Za-z-]+\]/.test(b.text))) return undefined;

    if (crux) return result('crux', -1, crux.atStart ? 0.65 : 0.5, crux.words);
    // Under a heading of cruxes ("Cruxes", "What would change my mind"), each point is one, whatever it opens with
    // ("If someone ran …", "Evidence that …"), but a question.
    if (cruxSection && parent < 0 && asked === undefined) return result('crux', -1, 0.5, '(under a heading of cruxes)');

    // Against what came before: a contrast or doubt at the start, or a concession (or agreement) turned by a later "but" (turn).
    // "Unless …" names an exception to what came before.
    const exception = first?.cls === 'condition' && /^unless\b/i.test(first.words) && argAnchor >= 0;
    const opposing =
      first && (OPPOSING.has(first.cls) || exception)
        ? first
        : first && ((first.cls === 'concession' && !EMPHATIC.test(first.words)) || first.cls === 'agreement' || first.cls === 'condition') && turn && argAnchor >= 0
          ? turn
          : undefined;
    if (first?.cls === 'answer' && kindOf(prev) === 'question') return result('reply', prev, 0.6, first.words);
    // "Yes. …" right after a question answers it (and is the position what follows argues about).
    if (first?.cls === 'agreement' && kindOf(prev) === 'question') return result('reply', prev, 0.5, first.words);
    if (opposing) {
      const cue = opposing === first ? first.words : `${first!.words} … ${opposing.words}`;
      // "Another worry …", "A further objection …": one more objection beside the last, to what that one answered.
      if (opposing === first && first.cls === 'contrast' && FURTHER.test(first.words)) {
        const last = scope.lastObjection;
        const t = last >= 0 && targets[last] >= 0 ? targets[last] : claimAnchor;
        if (t >= 0) return result('objection', t, 0.7, cue);
      }
      // "That criticism also ignores …": words that name an objection answer the last one, even after a reply to it.
      if (opposing === first && first.cls === 'answer' && NAMES_OBJECTION.test(first.words) && scope.lastObjection >= 0 && kindOf(prev) === 'reply')
        return result('reply', scope.lastObjection, 0.7, cue);
      const weak = WEAK_CONTRAST.test(opposing.words) ? 0.15 : 0;
      const ak = argKind(argAnchor);
      const soft = exception || first!.cls === 'condition' ? 0.2 : 0;
      if (ak === 'objection' || ak === 'reply') return result('reply', argAnchor, (first!.cls === 'answer' ? 0.8 : 0.7) - weak - soft, cue);
      // "However, sport should stay compulsory.": what should be done, said against a claim that only its place made one, is
      // the writer's thesis (4 of 4 such blocks in the annotated drafts), after the view it turns from.
      if (ak === 'claim' && opposing === first && first.cls === 'contrast' && decided[argAnchor]?.cue.startsWith('(') && parent < 0 && DEMAND.test(normalize(b.text)))
        return result('claim', -1, 0.55, cue);
      if (ak === 'claim') return result('objection', argAnchor, (first!.cls === 'answer' ? 0.6 : 0.8) - weak - soft, cue, first!.cls === 'doubt' && opposing === first && FIRST_PERSON.test(first!.words) && (!SECOND_SENTENCE.test(b.text) || decided[argAnchor]?.cue === QUOTED));
      if (argAnchor >= 0) return result('objection', argAnchor, 0.55 - weak, cue);
      // A doubt with nothing before it to doubt ("I'm not convinced that X", opening a comment): the writer's thesis.
      if (first!.cls === 'doubt' && opposing === first && scope.first && parent < 0) return result('claim', headingClaim(), 0.55, cue);
      return result('objection', -1, 0.5 - weak, cue);
    }
    // "Although they save time, I would argue that …", "Convenient as cards are, I believe …": the writer's stance after what
    // it grants, where no claim but one that only its place made came before, is the thesis; that one set the scene.
    if (reading.stance && parent < 0 && b.block === 'paragraph' && (claimAnchor < 0 || (decided[claimAnchor]?.cue === FIRST_OF_SECTION && argKind(argAnchor) !== 'objection'))) {
      if (claimAnchor >= 0) setTheScene(claimAnchor, i);
      return result('claim', headingClaim(), 0.6, reading.stance.words);
    }
    if (first?.cls === 'concessive') {
      // "Although X, Y": the writer holds Y despite X, against what was objected, or for the claim.
      const ak = argKind(argAnchor);
      if (ak === 'objection' || ak === 'reply') return result('reply', argAnchor, 0.55, first.words);
      if (claimAnchor >= 0) return result('support', claimAnchor, 0.5, first.words);
      return result('claim', -1, 0.5, first.words);
    }
    if (first?.cls === 'concession') {
      const ak = argKind(argAnchor);
      // ("They also note that …" right after their objection: one more objection of theirs, to the same point.)
      if (kindOf(prev) === 'objection' && THEY_SAY.test(first.words) && targets[prev] >= 0) return result('objection', targets[prev], 0.55, first.words);
      // (But another view of the other side's, "Critics argue …" after an objection, is one more objection, below.)
      if (ak === 'objection' && !OTHER_SIDE.test(first.words)) return result('reply', argAnchor, 0.45, first.words);
      // ("Okay, I concede the read-position point.", "Sure, as a flagging tool.": granting the answer before it is an answer in turn.)
      if (ak === 'reply' && GRANTS.test(first.words)) return result('reply', argAnchor, 0.45, first.words);
      // Others' view ("Critics argue …", "It is often said …") is against the draft's thesis, the first claim, rather than a
      // later conclusion drawn on the way (but a heading's claim, a quote answered or a list's own item keeps its own).
      // (In a section under a heading that states no claim of its own, the same thesis.)
      const t =
        firstClaimAnywhere >= 0 && parent < 0 && blocks[firstClaimAnywhere].block !== 'blockquote' && (claimAnchor >= 0 ? blocks[claimAnchor].block === 'paragraph' : headedSection)
          ? firstClaimAnywhere
          : claimAnchor;
      // (An emphatic "does" may stress the writer's own point as well: not shown at the default threshold.)
      return result('objection', t, EMPHATIC.test(first.words) ? 0.45 : t >= 0 ? 0.65 : 0.5, first.words);
    }
    // "For how long will it track capability, though?": a question turned against what came before challenges it.
    if ((question === 'open' || question === 'rhetorical') && argAnchor >= 0 && b.text.indexOf('though?') >= 0) {
      const ak = argKind(argAnchor);
      return ak === 'objection' || ak === 'reply' ? result('reply', argAnchor, 0.45, 'though?') : result('objection', argAnchor, 0.45, 'though?');
    }
    // "Surely the state could simply hire firefighters instead?": a question that proposes another way objects to the claim.
    if ((question === 'open' || question === 'rhetorical') && claimAnchor >= 0 && reading.alternative) {
      const ak = argKind(argAnchor);
      return ak === 'objection' ? result('reply', argAnchor, 0.45, '(asks about another way)') : result('objection', claimAnchor, 0.5, '(asks about another way)');
    }
    if (question === 'open' || (question === undefined && first?.cls === 'openQuestion' && /\?/.test(b.text))) {
      // "How would we test that?": a question ending on a demonstrative asks about the block just before; otherwise about the claim.
      const anaphoric = prev >= 0 && kindOf(prev) !== undefined && kindOf(prev) !== 'question' && /\b(?:that|this|these|those|it)\s*\?["')\]]*$/.test(normalize(b.text.trim()));
      const t = anaphoric ? prev : claimAnchor >= 0 ? claimAnchor : argAnchor;
      const cue = first?.cls === 'openQuestion' ? first.words : '(asks an open question)';
      return result('question', t, first?.cls === 'openQuestion' ? 0.8 : 0.75, cue);
    }
    if (question === 'rhetorical') {
      const ak = argKind(argAnchor);
      // Asked to assert, usually the writer's own point: it backs what the writer last claimed or answered.
      if (ak === 'reply') return result('support', argAnchor, 0.45, '(a rhetorical question)');
      if (claimAnchor >= 0) return result('support', claimAnchor, 0.45, '(a rhetorical question)');
      return result('claim', -1, 0.5, '(a rhetorical question)');
    }
    if (first?.cls === 'explain') {
      const t = prev >= 0 && kindOf(prev) !== 'question' ? prev : thesis;
      return result('support', t, 0.7, first.words);
    }
    if (first?.cls === 'cause') {
      const pk = kindOf(prev);
      // Evidence backs the point just made, but right after someone's objection it most often answers it (not shown at the
      // default threshold: it could back the objection too); a "because" beside another reason backs what that reason backs.
      if (EVIDENCE.test(first.words) && pk === 'objection' && !decided[prev]?.own) return result('reply', prev, 0.45, first.words);
      if (EVIDENCE.test(first.words) && (pk === 'claim' || pk === 'support' || pk === 'objection' || pk === 'reply')) return result('support', prev, 0.7, first.words);
      const t = pk === 'support' ? targets[prev] : pk === 'claim' || pk === 'objection' || pk === 'reply' ? prev : thesis;
      return result('support', t, 0.75, first.words);
    }
    if (first?.cls === 'example') {
      const t = prev >= 0 && kindOf(prev) !== 'question' ? prev : thesis;
      return result('support', t, 0.7, first.words);
    }
    if (first?.cls === 'additive') {
      const pk = kindOf(prev);
      // ("Second, …", "In addition, …" after the evidence for the first reason: one more reason beside that reason, for
      // what it backs, not for its evidence.)
      if (pk === 'support') {
        let t = targets[prev];
        if (PARALLEL.test(first.words)) for (let n = 0; n < 8 && t >= 0 && kindOf(t) === 'support' && targets[t] >= 0 && blocks[t].parent === blocks[i].parent; n++) t = targets[t];
        return result('support', t, 0.65, first.words);
      }
      if (pk === 'objection') return result(pk, targets[prev], 0.5, first.words);
      // After a reply, "Furthermore …" most often adds a reason for the claim the reply defends.
      if (pk === 'reply' && claimAnchor >= 0) return result('support', claimAnchor, 0.5, first.words);
      if (pk === 'claim') return result('support', prev, 0.6, first.words);
      return result('support', thesis, 0.5, first.words);
    }
    if (first?.cls === 'agreement') {
      // "In fact …" right after someone's objection sets the record straight.
      if (kindOf(prev) === 'objection' && !decided[prev]?.own && IN_FACT.test(first.words)) return result('reply', prev, 0.55, first.words);
      // "That's right, and it means …", "Agreed that it's friendly. I'd still …": granting someone's objection is the start of
      // the answer to it (5 of 6 such blocks in the annotated drafts; "Exactly", "Indeed" back it). Not shown by default.
      if (kindOf(prev) === 'objection' && !decided[prev]?.own && !/^(?:exactly|indeed|precisely|quite)\b/i.test(first.words)) return result('reply', prev, 0.45, first.words);
      if (prev >= 0 && kindOf(prev) !== undefined) return result('support', prev, 0.65, first.words);
      return result('support', claimAnchor, 0.5, first.words);
    }
    if (first?.cls === 'result') {
      // "That means …" after an objection draws the objection's consequence; elsewhere a result states a conclusion.
      const pk = kindOf(prev);
      // (A conclusion on what should be done is the writer's claim, objection or not.)
      const normative = NORMATIVE.test(b.text);
      // ("So I'd say …": the writer's own conclusion, objection or not.)
      if (pk === 'objection' && !normative && !STANCE_NEXT.test(b.text.slice(first.at + first.words.length))) return result('support', prev, 0.55, first.words);
      // Under a heading that asks, the section's conclusion answers it.
      // (When it says yes or no: "So no: teachers should …". A conclusion that does not, "In conclusion, …", is the thesis.)
      const r = parent < 0 && sectionQuestion >= 0 && YES_OR_NO.test(b.text) ? result('reply', sectionQuestion, 0.6, first.words) : result('claim', parent >= 0 ? parent : headingClaim(), 0.65, first.words);
      if (normative && parent < 0) r.conclusion = true;
      return r;
    }
    if (first?.cls === 'condition') {
      if (claimAnchor < 0) return result('claim', -1, 0.55, first.words);
      if (NEGATION.test(normalize(b.text))) {
        const ak = argKind(argAnchor);
        if (ak === 'objection' || ak === 'reply') return result('reply', argAnchor, 0.45, first.words);
        return result('objection', claimAnchor, 0.5, first.words);
      }
      return result('support', claimAnchor, 0.45, first.words);
    }
    if (first?.cls === 'stance') {
      if (claimAnchor < 0 || (scope.first && parent < 0)) return result('claim', parent >= 0 ? parent : headingClaim(), 0.7, first.words);
      // "I think …" right after someone's objection is the writer's answer to it.
      if (kindOf(prev) === 'objection' && !decided[prev]?.own) return result('reply', prev, 0.45, first.words);
      // A stance after a claim that only its place made one: the writer's thesis comes now.
      const positional = decided[claimAnchor]?.cue.startsWith('(') ?? false;
      // After a first paragraph that only its place made a claim (and what only its place made reasons for it), the
      // writer's stance is the thesis and those paragraphs set the scene ("Several proposals would … ." then "I think …"):
      // background, no suggestion.
      if (positional && parent < 0 && setTheScene(claimAnchor, i)) return result('claim', headingClaim(), 0.65, first.words);
      return result('claim', parent >= 0 ? parent : headingClaim(), positional ? 0.65 : 0.45, first.words);
    }
    // A turn inside the block ("X is real, but …") objects to the claim, or answers the objection before it; which one
    // rests on reading the block before it right, so it is not shown at the default threshold (on the blind batches' first
    // scores, 3 of 9 such objections were right).
    // "Here is why I expect X:" right before a list, after the claim, introduces the list's items, which argue themselves.
    // (First in its section, such a line is the claim the items argue for.)
    if (b.block === 'paragraph' && parent < 0 && (claimAnchor >= 0 || lastClaimAnywhere >= 0) && next?.block === 'listItem' && next.parent < 0 && b.text.endsWith(':')) return undefined;
    // ("Here is a toy illustration from a small model:" right before a figure introduces the figure.)
    if (b.block === 'paragraph' && next?.figure && b.text.endsWith(':') && !SECOND_SENTENCE.test(b.text)) return undefined;
    // Under a heading that names background ("## Background", "## Context", "## Definitions"), what no cue marks is no argument.
    if (backgroundSection && parent < 0) return undefined;
    // Under a heading of objections, the section's first unmarked paragraph raises one against the thesis.
    if (objectionSection && scope.first && parent < 0 && b.block !== 'blockquote' && claimAnchor >= 0) return result('objection', claimAnchor, 0.45, '(first under a heading of objections)');
    // ("“Real deployments will put goals in the prompt.” Agents get …": an objection quoted, then answered, under that heading.)
    if (objectionSection && parent < 0 && b.block === 'paragraph' && claimAnchor >= 0 && QUOTE_OPENING.test(b.text)) return result('objection', claimAnchor, 0.5, '(an objection quoted under a heading of objections)');
    // Under a debate's side ("Against", "Pros", "Replies"), each unmarked point argues that side: against or for the first
    // position (or the question), or in reply to the arguments against, one after another.
    if (side !== undefined && parent < 0 && b.block !== 'blockquote') {
      const position = firstClaimAnywhere >= 0 ? firstClaimAnywhere : questionAnywhere;
      if (side === 'against' && position >= 0) return result('objection', position, 0.45, SIDE_AGAINST);
      if (side === 'for' && position >= 0) return result('support', position, 0.5, SIDE_FOR);
      if (side === 'replies') {
        const t = sideObjections[sideReplies] ?? lastObjectionAnywhere;
        if (t >= 0) return result('reply', t, 0.45, '(under a heading of replies)');
      }
    }
    if (turn && claimAnchor >= 0 && !scope.first) {
      const ak = argKind(argAnchor);
      if (ak === 'objection' || ak === 'reply') return result('reply', argAnchor, 0.45, turn.words);
      return result('objection', claimAnchor, 0.45, turn.words);
    }
    // No cue that decides: the block's place does.
    // In a dialogue, a turn right after the other speaker's answers it: against a claim, or in reply to an objection or reply.
    if (speakerAt[i] > 0 && prev >= 0 && speakers[prev] !== undefined && speakers[prev] !== speakers[i]) {
      const pk = argKind(prev);
      if (pk === 'claim') return result('objection', prev, 0.45, '(answers the other speaker)');
      if (pk === 'objection' || pk === 'reply') return result('reply', prev, 0.45, '(answers the other speaker)');
    }
    if (b.block === 'blockquote') {
      // (A quote of a block before it in the draft is no new position: what answers it answers that block.)
      if (quotedFrom[i] >= 0) return undefined;
      if (parent < 0) return result('claim', -1, 0.5, QUOTED);
      return result('support', parent, 0.4, '(continues the quote)');
    }
    if (parent >= 0) return result('support', parent, 0.45, '(nested under the item above)');
    // Right after a question, a paragraph opening with a short sentence answers it ("For most people, they are. …").
    if (prev >= 0 && kindOf(prev) === 'question' && b.block === 'paragraph' && shortFirstSentence(b.text)) return result('reply', prev, 0.5, '(answers the question before it)');
    // A section under a heading after the one that stated the thesis opens with a reason for it (a body section of an essay).
    if (claimAnchor < 0 && scope.first && headedSection && parent < 0 && lastClaimAnywhere >= 0 && blocks[lastClaimAnywhere].section < b.section)
      return result('support', lastClaimAnywhere, 0.45, SECTION_REASON);
    if (claimAnchor < 0) return result('claim', headingClaim(), scope.first ? 0.6 : 0.45, scope.first ? FIRST_OF_SECTION : NO_CLAIM_BEFORE);
    const pk = kindOf(prev);
    // In a pasted thread (comments under bylines), a paragraph in the same comment as the one before goes on with it.
    // (A quote in the comment is someone else's words: the paragraph after it answers it, below.)
    if (threaded && prev >= 0 && comment[prev] === comment[i] && parent < 0 && b.block === 'paragraph' && blocks[prev].block !== 'blockquote') {
      const ak = argKind(prev);
      if (ak === 'claim' || ak === 'objection' || ak === 'reply') return result('support', prev, 0.5, SAME_COMMENT);
      if (pk === 'support' && targets[prev] >= 0 && comment[targets[prev]] === comment[i]) return result('support', targets[prev], 0.4, SAME_COMMENT);
    }
    // A comment's first paragraph answers the comment before it (its last point, or the point its last paragraph backs):
    // against a claim, in reply to an objection or a reply.
    if (threaded && prev >= 0 && comment[prev] !== comment[i] && parent < 0 && b.block === 'paragraph') {
      const open = argKind(prev) !== 'support' ? prev : targets[prev] >= 0 && comment[targets[prev]] === comment[prev] ? targets[prev] : commentOpening(prev);
      const ok = argKind(open);
      if (ok === 'claim') return result('objection', open, 0.4, NEXT_COMMENT);
      if (ok === 'objection' || ok === 'reply') return result('reply', open, 0.4, NEXT_COMMENT);
      if (ok === 'question') return result('reply', open, 0.45, NEXT_COMMENT);
    }
    // An unmarked paragraph right after an objection usually answers it.
    // (Unless the objection is the writer's own doubt: then the writer goes on to argue for it.)
    // "A right to smoke is not a right to make others smoke.": an answer that denies what the paragraph before concluded
    // shows that paragraph was the other side's point (unmarked), raised against the claim.
    const pd = decided[prev];
    if (pk === 'support' && pd && pd.cue.startsWith('(') && pd.target === claimAnchor && claimAnchor >= 0 && prev !== claimAnchor && blocks[prev].parent < 0 && b.block === 'paragraph' && REBUTS.test(b.text)) {
      pd.kind = 'objection';
      pd.cue = '(answered as the other side\'s point)';
      kinds[prev] = 'objection';
      return result('reply', prev, 0.5, '(denies what the paragraph before concludes)');
    }
    if (pk === 'objection' && decided[prev]?.own) return result('support', prev, 0.45, ARGUES_DOUBT);
    // (And the paragraphs after that reason, until something turns.)
    if (pk === 'support' && decided[prev]?.cue === ARGUES_DOUBT) return result('support', targets[prev], 0.4, ARGUES_DOUBT);
    if (pk === 'objection') return result('reply', prev, 0.4, ANSWERS_OBJECTION);
    // A harm that might follow ("Shops might lose customers", "Parents would also struggle …"), unless it is the harm of not
    // doing it ("Without it, …") or made small ("would lose only a minute"): a downside raised against the claim.
    if (parent < 0 && harmInFirstSentence(b.text)) return result('objection', claimAnchor, 0.45, '(a harm that might follow)');
    // Right after a reply (not an answer to a question), an unmarked paragraph most often answers it in turn, as comments
    // in a thread do (12 of 27 such blocks in the annotated drafts; 4 backed it): not shown at the default threshold.
    // (Not after an answer that only its place made one: then the paragraph most often backs that answer, 7 of 29 such
    // blocks, against 6 that answered it in turn.)
    if (pk === 'reply' && b.block === 'paragraph' && (decided[prev]?.cue === ANSWERS_REPLY || decided[prev]?.cue === ANSWERS_OBJECTION)) return result('support', prev, 0.4, '(backs the answer before it)');
    if (pk === 'reply' && b.block === 'paragraph' && !answersQuestion(prev)) return result('reply', prev, 0.4, ANSWERS_REPLY);
    // After a reason given in one sentence by a cue ("First of all, X.", "Moreover, Y."), an unmarked paragraph backs that
    // reason (the evidence for an essay's body point), not the claim.
    if (pk === 'support' && parent < 0 && b.block === 'paragraph' && (decided[prev]?.via === 'cause' || decided[prev]?.via === 'additive') && blocks[prev].parent < 0 && !SECOND_SENTENCE.test(blocks[prev].text))
      return result('support', prev, 0.5, '(backs the point before it)');
    // Right after a quoted view, an unmarked paragraph is the writer's answer to it (as in a comment thread); right after
    // the writer's own claim, it is most often the claim's first reason.
    if (prev === claimAnchor && blocks[prev].block === 'blockquote' && b.block === 'paragraph' && decided[prev]?.cue === QUOTED) return result('objection', prev, 0.5, '(answers the quote before it)');
    if (prev === claimAnchor) return result('support', claimAnchor, 0.5, '(right after the claim)');
    return result('support', claimAnchor, 0.4, '(follows the claim)');
  }

  // A list of pros and cons that ends on a verdict ("## Verdict", "On balance, I think the law should pass."): each point
  // under a side's heading argues for or against the verdict, not the proposal described first, which only sets the
  // scene (when only its place made it a claim).
  let lastSide = -1;
  let position = -1;
  for (let i = 0; i < blocks.length; i++) {
    const d = decided[i];
    if (d && (d.cue === SIDE_FOR || d.cue === SIDE_AGAINST)) {
      lastSide = i;
      position = d.target;
    } else if (lastSide >= 0 && d?.kind === 'claim' && blocks[i].parent < 0 && (d.via === 'result' || d.via === 'stance' || verdictSection[blocks[i].section])) {
      // (Only when what came first describes, "A proposal now before parliament would …": a position taken there, "Yes:
      // the wage should rise", is what the sides argue about.)
      if (position >= 0 && decided[position]?.cue === FIRST_OF_SECTION && !NORMATIVE.test(blocks[position].text)) {
        for (let k = 0; k <= lastSide; k++) {
          const dk = decided[k];
          if (dk && (dk.cue === SIDE_FOR || dk.cue === SIDE_AGAINST) && dk.target === position) dk.target = i;
        }
        decided[position] = undefined;
      }
      break;
    }
  }

  // A section that ends on a conclusion about what should be done, and whose first paragraph only its place made a
  // claim and neither asks for anything to be done nor ranks or compares, argues for that conclusion: the first
  // paragraph and what was said for or against it (but its examples and explanations) go to the conclusion. (One look
  // per section: the first conclusion after such a paragraph.)
  const opening = new Map<number, number>();
  /** Cues that tie a block to the very paragraph before it: an example or an explanation stays with that paragraph. */
  const tied = (d: Decision) => d.via === 'example' || d.via === 'explain';
  for (let i = 0; i < blocks.length; i++) {
    const d = decided[i];
    if (!d || blocks[i].parent >= 0) continue;
    const sec = blocks[i].section;
    if ((d.cue === FIRST_OF_SECTION || d.cue === NO_CLAIM_BEFORE) && !opening.has(sec) && !NORMATIVE.test(blocks[i].text)) opening.set(sec, i);
    const f = opening.get(sec);
    if (f === undefined || f < 0 || i === f) continue;
    // A short sentence on what should be done, which only its place made a reason or a reply, is the conclusion the section argues for.
    // (Not when the first paragraph predicts: "X will not …" is a thesis of its own.)
    const unmarked = !d.conclusion && d.cue.startsWith('(') && d.kind !== 'claim' && blocks[i].block === 'paragraph' && isShortDemand(blocks[i].text) && !PREDICTS.test(blocks[f].text);
    if (unmarked) decided[i] = { ...result('claim', -1, 0.55, '(a short conclusion on what should be done)'), conclusion: true };
    // (A conclusion drawn with "so" leaves a first paragraph that ranks or compares its own thesis.)
    if ((d.conclusion && !EVALUATIVE.test(blocks[f].text)) || unmarked) {
      opening.set(sec, -1);
      decided[f] = result('support', i, 0.5, '(argues for the conclusion below)');
      // (Those after the conclusion too, when it came early: "X happened. Y should do the same. Because …"; and an objection
      // before the first paragraph, "It is often said that …", which waited for a claim.)
      let from = f;
      while (from > 0 && blocks[from - 1].section === sec) from--;
      for (let k = from; k < blocks.length && blocks[k].section === sec; k++) {
        const dk = decided[k];
        if (k !== f && dk && dk.target === f && (dk.kind === 'support' || dk.kind === 'objection') && !tied(dk)) dk.target = i;
      }
    }
  }

  // A reason or an objection whose place and cue gave it a target, but which shares at least two content words more with
  // the block right before it, or with the last claim, is about that block (attachment on all the annotated drafts 69.3 %
  // to 70.1 %, most of it in pasted threads of long comments; on short texts about as many targets made wrong as right).
  const kindAt = (k: number) => decided[k]?.kind ?? (element[k] >= 0 ? draft.elements[element[k]].kind : undefined);
  const wordsOf = perBlock(blocks, memo?.words, contentWords);
  /** Whether block c is another block than the target t to weigh it against. */
  const weighs = (c: number, t: number) => c >= 0 && c !== t && ARGUES.has(kindAt(c));
  let claimBefore = -1;
  for (let i = 0; i < blocks.length; i++) {
    const d = decided[i];
    // (Words are counted only where there is another block to weigh the target against.)
    if (d && (d.kind === 'support' || d.kind === 'objection') && d.target >= 0 && d.target !== i && (weighs(i - 1, d.target) || weighs(claimBefore, d.target))) {
      let best = d.target;
      let score = shared(wordsOf(i), wordsOf(best));
      for (const c of [i - 1, claimBefore]) {
        if (!weighs(c, best)) continue;
        const o = shared(wordsOf(i), wordsOf(c));
        if (o >= score + 2) {
          best = c;
          score = o;
        }
      }
      if (best !== d.target) {
        d.target = best;
        // (When only its place had decided, the shared words are now what decided it, and the hover says so.)
        if (d.cue.startsWith('(')) d.cue = SHARES_WORDS;
      }
    }
    if (kindAt(i) === 'claim') claimBefore = i;
  }

  memo?.settle();
  // Number the suggestions and point targets at elements or suggestions.
  const index: number[] = new Array(blocks.length).fill(-1);
  const out: Suggestion[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const d = decided[i];
    if (!d) continue;
    index[i] = out.length;
    const b = blocks[i];
    out.push({ range: b.range, contentStart: b.contentStart, block: b.block, kind: d.kind, text: b.text, target: null, confidence: d.confidence, cue: d.cue });
  }
  for (let i = 0; i < blocks.length; i++) {
    const d = decided[i];
    if (!d || d.target < 0 || d.target === i) continue;
    const t = blocks[d.target];
    const el = element[d.target];
    if (el < 0 && index[d.target] < 0) continue;
    out[index[i]].target = { line: t.range.start.line, text: el >= 0 ? draft.elements[el].text : t.text, element: el, suggestion: el >= 0 ? -1 : index[d.target] };
  }
  return out;
}
