/** parseDraft: one markdown draft in, its argument elements, references and file-local diagnostics out (markup spec 1.1), read with markdown-it. */
import type { Diagnostic, Draft, DraftElement, ElementKind, ParseOptions, Position, Range, Reference } from '../model';
import { createLineMap, type LineMap } from './lineMap';
import { readFrontMatterData } from './frontMatter';
import { MAX_BLOCK_LEVEL, parseBlocks, parseInline, unescapeAll, type InlineSpan, type ParseEnv, type Token } from './markdown';

/** Label words (lower case) and the kind each names (spec section 1). */
export const LABELS: Readonly<Record<string, ElementKind>> = {
  claim: 'claim',
  thesis: 'claim',
  support: 'support',
  because: 'support',
  evidence: 'support',
  objection: 'objection',
  counterpoint: 'objection',
  reply: 'reply',
  rebuttal: 'reply',
  response: 'reply',
  crux: 'crux',
  question: 'question',
  counterargument: 'objection',
  counterexample: 'objection',
  premise: 'support',
};

/** An explicit id marker at the very end of a paragraph or heading line. */
const ID_MARKER_RE = /(^|\s)\^([A-Za-z0-9][A-Za-z0-9-]*)$/;
/** A valid id. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const TAG_RE = /(^|\s)#([A-Za-z][A-Za-z0-9_/-]*)/g;
const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const MD_EXT_RE = /\.(md|markdown)$/i;
/** The label at the start of a block's leading text: one or more words (a workspace may add phrases), then the colon. */
const LEADING_LABEL_RE = /^([\p{L}\p{N}][\p{L}\p{N}'’-]*(?:[ \t\n]+[\p{L}\p{N}][\p{L}\p{N}'’-]*)*):/u;

/** A label's lookup key: lower case, white space between words made one space. */
export function labelKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A draft's text made ready for markdown-it: BOM taken off, line ends made `\n`, the front matter's lines counted (markdown-it starts after them). */
export interface PreparedText {
  bom: boolean;
  eol: Draft['eol'];
  /** The text markdown-it reads from line `frontLines` on: `\n` line ends only, the front matter still in it (not copied without it: a keystroke would copy the whole draft). */
  src: string;
  /** The front matter's yaml (lines joined by `\n`), when the draft has closed front matter. */
  yaml?: string;
  /** Lines taken by the front matter, fences included (0 without one). */
  frontLines: number;
  /** Whether `src` is a new string (line ends or NUL changed), not the text or a slice of it. */
  copied?: boolean;
}

const FENCE_LINE = /^---[ \t]*$/;

/** Splits off BOM and front matter (as remark-frontmatter reads it: `---` lines, trailing blanks allowed) and normalizes line ends. */
export function prepareText(text: string): PreparedText {
  const bom = text.charCodeAt(0) === 0xfeff;
  const raw = bom ? text.slice(1) : text;
  const eolMatch = /\r\n|\n|\r/.exec(raw);
  const eol: Draft['eol'] = eolMatch && eolMatch[0] === '\r\n' ? '\r\n' : '\n';
  let src = eolMatch && raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (src.includes('\0')) src = src.replace(/\0/g, '\ufffd');
  const copied = src !== raw;
  if (!src.startsWith('---')) return { bom, eol, src, frontLines: 0, copied };
  const firstEnd = src.indexOf('\n');
  if (firstEnd < 0 || !FENCE_LINE.test(src.slice(0, firstEnd))) return { bom, eol, src, frontLines: 0, copied };
  let at = firstEnd + 1;
  for (let line = 1; at <= src.length; line++) {
    let end = src.indexOf('\n', at);
    if (end < 0) end = src.length;
    if (src.charCodeAt(at) === 0x2d && FENCE_LINE.test(src.slice(at, end))) {
      const yaml = src.slice(firstEnd + 1, Math.max(firstEnd + 1, at - 1));
      // markdown-it reads from the line after the closing fence (parseBlocks' first line), so line numbers and offsets are the text's.
      return { bom, eol, src, yaml, frontLines: line + 1, copied };
    }
    if (end >= src.length) break;
    at = end + 1;
  }
  return { bom, eol, src, frontLines: 0, copied };
}

/**
 * Parses one markdown draft. Never throws: malformed input gives fewer elements,
 * never an exception. `path` is the workspace-relative path with `/` separators;
 * `options.labels` adds the workspace's label words (spec 1.1 section 1).
 */
export function parseDraft(text: string, path: string, options?: ParseOptions): Draft {
  const prepared = prepareText(text);
  const env: ParseEnv = {};
  let tokens: Token[];
  try {
    tokens = parseBlocks(prepared.src, env, prepared.frontLines);
  } catch {
    tokens = [];
  }
  return draftFromTokens(prepared, tokens, env, path, options);
}

/**
 * Builds the draft from block tokens (inline tokens are parsed here, as far as needed). Never throws. `ownCopies`: the
 * draft's strings get copies of their own. By default when the text was copied (slices would keep the whole copy alive
 * for as long as the index keeps the draft: about 5 MB for 3 MB of posts) or has front matter (measured on the plain
 * corpus, front matter everywhere: 41.5 MB of index with slices of the texts, 36 MB with copies, `npm run bench workspace`).
 */
export function draftFromTokens(prepared: PreparedText, tokens: Token[], env: ParseEnv, path: string, options?: ParseOptions, lineStarts?: number[], ownCopies = prepared.copied || prepared.frontLines > 0): Draft {
  const base = (): Draft => ({ path, title: fileStem(path), topics: [], elements: [], references: [], diagnostics: [], eol: prepared.eol, bom: prepared.bom });
  try {
    const draft = new DraftReader(prepared, tokens, env, path, base(), options, lineStarts).run();
    if (ownCopies) ownStrings(draft);
    return draft;
  } catch {
    return base(); // a last line of defence: nothing above is known to throw
  }
}

/** Gives the strings a draft keeps (texts, ids, names, messages) copies of their own. */
function ownStrings(draft: Draft): void {
  draft.title = own(draft.title);
  for (const e of draft.elements) {
    e.text = own(e.text);
    e.localId = own(e.localId);
  }
  for (const r of draft.references) {
    r.target = own(r.target);
    if (r.alias !== undefined) r.alias = own(r.alias);
    if (r.anchor !== undefined) r.anchor = own(r.anchor);
    if (r.blockId !== undefined) r.blockId = own(r.blockId);
  }
  for (const d of draft.diagnostics) d.message = own(d.message);
  if (draft.aliases) draft.aliases = draft.aliases.map(own);
  draft.topics = draft.topics.map(own);
}
/** A string's own copy: V8 copies strings under 13 characters anyway, and flattens a concatenation before slicing it. */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The file name without folders and extension. */
export function fileStem(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.[^.]*$/, '') || name;
}

/**
 * The slug of a text's first six words: each word lower-cased, diacritics
 * stripped, only ASCII letters and digits kept; empty words dropped; joined by `-`.
 */
export function slugOf(text: string): string {
  // One pass over the characters (every element's id is made here): ASCII words letter by letter, and only a word
  // holding other characters through the (slow) compatibility decomposition.
  let out = '';
  const n = text.length;
  let i = 0;
  for (let words = 0; words < 6; words++) {
    while (i < n && isJsWhite(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // 0: only small letters and digits (the word is its slug); 1: capitals or other ASCII too; 2: past ASCII.
    let shape = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        if (isJsWhite(c)) break;
        shape = 2;
      } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
      else if (isJsWhite(c)) break;
      else if (shape === 0) shape = 1;
    }
    const word = text.slice(start, i);
    const slug = shape === 0 ? word : (shape === 2 ? word.normalize('NFKD') : word).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (slug) out = out ? `${out}-${slug}` : slug;
  }
  return out;
}

/** What `\s` matches in a regular expression. */
function isJsWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85;
}

/** Line breaks (with the white space around them) read as one space, and the ends trimmed: one pass, linear on any text. */
function collapse(text: string): string {
  if (!/[\n\r]/.test(text)) return text.trim();
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      // A run of blanks: dropped with the break it leads to, kept otherwise.
      let j = i;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      if (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) i = j;
      else {
        out += text.slice(i, j);
        i = j;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      out += ' ';
      i++;
      while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 32 || d === 9 || d === 10 || d === 13) break;
      j++;
    }
    out += text.slice(i, j);
    i = j;
  }
  return out.trim();
}

/** Concatenates the inline tokens' text as the element text reads it (spec section 1). */
function plainText(children: readonly Token[], from = 0, to = children.length): string {
  let out = '';
  let afterTag = false;
  for (let i = from; i < to; i++) {
    const t = children[i];
    // Where a dropped tag stood between two spaces, one space stays.
    if (afterTag && t.type !== 'html_inline' && /[ \t]$/.test(out) && /^[ \t]/.test(t.content)) out = out.replace(/[ \t]+$/, '');
    afterTag = t.type === 'html_inline';
    switch (t.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        out += t.content;
        break;
      case 'html_inline':
        break; // tags dropped, the text between them kept (spec 1.1 section 1)
      case 'wikilink':
        out += unescaped(t.content);
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += ' ';
        break;
      case 'image':
        out += altText(t.children ?? []);
        break;
      default:
        break;
    }
  }
  return out;
}

/** A wikilink's source as remark's text holds it: escapes and character references decoded. */
function unescaped(source: string): string {
  return source.includes('\\') || source.includes('&') ? unescapeAll(source) : source;
}

/** An image's alt text: the text of its description, markup dropped (remark's `alt`). Iterative, so no nesting goes deep. */
function altText(children: readonly Token[]): string {
  let out = '';
  const stack: { list: readonly Token[]; at: number }[] = [{ list: children, at: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.at >= top.list.length) {
      stack.pop();
      continue;
    }
    const t = top.list[top.at++];
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'wikilink') out += unescaped(t.content);
    else if (t.type === 'softbreak') out += '\n';
    else if (t.type === 'image' && t.children) stack.push({ list: t.children, at: 0 });
  }
  return out;
}

/** The text a block begins with, as far as a label can reach: text, looking through emphasis; it stops at anything else. */
function leadingText(children: readonly Token[], reach: number): string {
  let out = '';
  for (const t of children) {
    if (out.length > reach) break;
    if (t.type === 'text' || t.type === 'text_special') out += t.content;
    else if (t.type === 'softbreak') out += '\n';
    else if (t.type !== 'em_open' && t.type !== 'em_close' && t.type !== 'strong_open' && t.type !== 'strong_close') break;
  }
  // No label reaches further: the label pattern never looks at the rest of a long paragraph.
  return out.length > reach + 1 ? out.slice(0, reach + 1) : out;
}

/** `#tags` in an element's own text (not in code, html or link destinations). */
function tagsOf(children: readonly Token[]): string[] {
  let text = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'text_special') text += t.content;
    else if (t.type === 'wikilink') text += unescaped(t.content);
    else if (t.type === 'softbreak') text += '\n';
    else if (t.type === 'code_inline' || t.type === 'html_inline') text += ' ';
  }
  const found: string[] = [];
  TAG_RE.lastIndex = 0;
  for (let m = TAG_RE.exec(text); m; m = TAG_RE.exec(text)) found.push(m[2]);
  return found;
}

/**
 * What a block's inline tokens say, kept with them: unchanged blocks keep their tokens from keystroke to keystroke
 * (incremental.ts), so their label, text and tags are not worked out again.
 */
// They are kept on the token array itself: a WeakMap entry for each block cost more than the label check it saves on a
// cold parse, and its entries (ephemerons) make every garbage collection slower.
type SaidChildren = readonly Token[] & { cruxmapLabel?: { reach: number; key: string }; cruxmapText?: { plain: string; tags: string[] } };

/** Tests turn the paragraph pre-check off to show it changes no draft. */
export const paragraphPrecheck = { enabled: true };

/**
 * Whether a block's inline content may begin with a label, read from the raw text without parsing it: `leadingText`
 * takes text through emphasis only, and the label pattern takes letters, digits, `'’-` and blanks up to a colon
 * within `reach`. So any other character before the first colon (a link, code, html, an image) means no label;
 * escapes and character references could hide a colon, so they answer "maybe". Never false where a label is.
 */
export function mayHoldLabel(content: string, reach: number): boolean {
  let counted = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 0x3a) return true; // ':'
    if (c === 0x5c || c === 0x26) return true; // '\\' or '&'
    if (c === 0x2a || c === 0x5f) continue; // '*' '_' (emphasis: not in the leading text's length)
    if (++counted > reach + 1) return false;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x27 || c === 0x2d || c === 0x2019) continue;
    if (c < 0x80 ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : !NOT_LABEL_CHAR_RE.test(content[i])) continue;
    return false;
  }
  return false;
}
/** Characters past ASCII that no label holds (the label pattern's letters and digits are \\p{L}\\p{N}; surrogates answer "maybe"). */
const NOT_LABEL_CHAR_RE = /^[^\p{L}\p{N}\p{M}\p{Cs}\s]$/u;

/** The label key a block's text begins with ('' when none). */
function leadingLabel(children: readonly Token[], reach: number): string {
  const said = children as SaidChildren;
  const hit = said.cruxmapLabel;
  if (hit && hit.reach === reach) return hit.key;
  const m = LEADING_LABEL_RE.exec(leadingText(children, reach));
  const key = m ? labelKey(m[1]) : '';
  said.cruxmapLabel = { reach, key };
  return key;
}

function textOf(children: readonly Token[]): { plain: string; tags: string[] } {
  const said = children as SaidChildren;
  return (said.cruxmapText ??= { plain: plainText(children), tags: tagsOf(children) });
}

/**
 * The front matter data of the drafts read last, by their yaml: a keystroke below the front matter leaves it as it
 * was, so the yaml library does not read it again for each one. The records are only read, never changed.
 */
const frontMatterCache = new Map<string, Record<string, unknown> | undefined>();
const FRONT_MATTER_CACHED = 16;

function frontMatterData(yaml: string): Record<string, unknown> | undefined {
  if (frontMatterCache.has(yaml)) return frontMatterCache.get(yaml);
  const record = readFrontMatterData(yaml);
  if (frontMatterCache.size >= FRONT_MATTER_CACHED) frontMatterCache.delete(frontMatterCache.keys().next().value as string);
  frontMatterCache.set(yaml, record);
  return record;
}

/** Reads title and topics from front matter yaml into a draft; returns the title, if it gives one. */
function applyFrontMatter(yaml: string, draft: Draft): string | undefined {
  const record = frontMatterData(yaml);
  if (!record) return undefined; // malformed front matter is ignored
  const topics = record.topics;
  const list = Array.isArray(topics) ? topics : typeof topics === 'string' ? topics.split(',') : [];
  draft.topics = dedupe(
    list
      .filter((t): t is string | number => typeof t === 'string' || typeof t === 'number')
      .map((t) => String(t).trim().replace(/^#/, ''))
      .filter(Boolean),
  );
  const aliases = record.aliases;
  const names = Array.isArray(aliases) ? aliases : typeof aliases === 'string' ? [aliases] : [];
  const cleaned = dedupe(names.filter((a): a is string | number => typeof a === 'string' || typeof a === 'number').map((a) => String(a).trim()).filter(Boolean));
  if (cleaned.length) draft.aliases = cleaned;
  const title = record.title;
  const result = typeof title === 'string' && title.trim() ? title.trim() : typeof title === 'number' ? String(title) : undefined;
  if (result !== undefined) draft.title = result;
  return result;
}

/** One block that may be an element, found while walking the tokens. */
interface Candidate {
  kind: ElementKind;
  block: DraftElement['block'];
  depth?: number;
  /** The block's own extent (offsets in the prepared text). */
  start: number;
  end: number;
  /** Where an explicit id marker must end: the block's end, or a heading's text (before `===` or closing hashes). */
  idEnd: number;
  /** The inline token of the paragraph or heading holding the label. */
  children: readonly Token[];
  labelStart: number;
  labelEnd: number;
  /** Offsets of the element's whole extent (for folding). */
  fullStart: number;
  fullEnd: number;
  containerParent: number;
  section: number;
  /** Nearest heading element whose scope holds this element (before rule 4 is applied), or -1. */
  headingParent: number;
}

/** Maps offsets in an inline token's content back to the prepared text. One per reader, set to each block in turn (a block's map is used only while that block is read). */
class ContentMap {
  /** Offset in the content where each content line starts (found when an offset past the first line is asked for). */
  private readonly starts: number[] = [];
  private startsFound = false;
  /** Where the first content line ends. */
  private firstBreak = -1;
  private content = '';
  private firstLine = 0;
  /** For an ATX heading: where its content starts in the text (the content is one line from there). */
  private atxStart: number | undefined;
  constructor(
    private readonly src: string,
    private readonly lines: LineMap,
  ) {}

  /** Points the map at a block's inline content. */
  set(content: string, firstLine: number, atxStart?: number): this {
    this.content = content;
    this.firstLine = firstLine;
    this.atxStart = atxStart;
    this.firstBreak = atxStart === undefined ? content.indexOf('\n') : -1;
    this.startsFound = false;
    return this;
  }

  private get lineStarts(): number[] {
    if (!this.startsFound) {
      this.startsFound = true;
      this.starts.length = 0;
      this.starts.push(0);
      for (let i = this.firstBreak; i >= 0; i = this.content.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }
    return this.starts;
  }

  /** The text offset of a content offset. */
  source(offset: number): number {
    if (this.atxStart !== undefined) return this.atxStart + offset;
    if (this.firstBreak < 0 || offset <= this.firstBreak) {
      // On the first line (the usual question: where a block starts).
      const line = this.firstLine;
      const lineLength = this.firstBreak < 0 ? this.content.length : this.firstBreak;
      let end = this.lines.starts[line] + this.lines.lineLength(line);
      if (this.firstBreak < 0) while (end > this.lines.starts[line] && isAsciiBlank(this.src.charCodeAt(end - 1))) end--;
      return Math.max(this.lines.starts[line], end - (lineLength - offset));
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const line = this.firstLine + lo;
    const last = lo === this.lineStarts.length - 1;
    const lineLength = (last ? this.content.length : this.lineStarts[lo + 1] - 1) - this.lineStarts[lo];
    // Each content line is the end of its source line (the last one trimmed): count back from that end.
    let end = this.lines.starts[line] + this.lines.lineLength(line);
    if (last) while (end > this.lines.starts[line] && isAsciiBlank(this.src.charCodeAt(end - 1))) end--;
    return Math.max(this.lines.starts[line], end - (lineLength - (offset - this.lineStarts[lo])));
  }
}

function isAsciiBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** A container open while walking: a blockquote, a list or a list item. */
type Frame =
  | { type: 'quote'; first: number; depthBefore: number; lastLine: number }
  | { type: 'list' }
  | { type: 'item'; element: number; firstSeen: boolean; hadChild: boolean; start: number; markerEnd: number; lineEnd: number };

class DraftReader {
  private readonly lines: LineMap;
  private readonly src: string;
  private readonly candidates: Candidate[] = [];
  private readonly references: Reference[] = [];
  /** Elements indices pushed as containers (rule 2), innermost last. */
  private readonly containers: number[] = [];
  private section = 0;
  /** Root headings in scope: depth and element index (-1 when the heading is no element). */
  private readonly headingStack: { depth: number; element: number }[] = [];
  /** Root headings whose folding range is still open, with the candidate they are (or -1). */
  private readonly scopeStack: { depth: number; candidate: number }[] = [];
  private firstHeadingText: string | undefined;
  /** End offset of the last block read. */
  private lastEnd = 0;
  /** End offset of the last root block read. */
  private lastRootEnd = 0;
  private readonly frames: Frame[] = [];
  private labels: Readonly<Record<string, ElementKind>>;
  private labelReach = 40;

  constructor(
    private readonly prepared: PreparedText,
    private readonly tokens: Token[],
    private readonly env: ParseEnv,
    private readonly path: string,
    private readonly draft: Draft,
    options?: ParseOptions,
    lineStarts?: number[],
  ) {
    this.src = prepared.src;
    this.lines = createLineMap(this.src, lineStarts);
    this.labels = LABELS;
    if (options?.labels) {
      const labels: Record<string, ElementKind> = { ...LABELS };
      for (const [k, v] of Object.entries(options.labels)) labels[labelKey(k)] = v;
      this.labels = labels;
    }
    // The leading text must reach the longest label and its colon.
    for (const k of Object.keys(this.labels)) this.labelReach = Math.max(this.labelReach, k.length + 2);
  }

  run(): Draft {
    const frontTitle = this.prepared.yaml !== undefined ? applyFrontMatter(this.prepared.yaml, this.draft) : undefined;
    this.walk();
    this.draft.title = frontTitle ?? this.firstHeadingText ?? fileStem(this.path);
    this.buildElements();
    return this.draft;
  }

  /** The last two positions made: an element's range, label range and full range mostly start at one offset, and share its object (positions are never changed). */
  private lastPos: { offset: number; pos: Position } = { offset: -1, pos: { line: 0, character: 0 } };
  private prevPos: { offset: number; pos: Position } = { offset: -1, pos: { line: 0, character: 0 } };

  private pos(offset: number): Position {
    if (offset === this.lastPos.offset) return this.lastPos.pos;
    if (offset === this.prevPos.offset) return this.prevPos.pos;
    const pos = this.lines.position(offset);
    const spare = this.prevPos;
    this.prevPos = this.lastPos;
    spare.offset = offset;
    spare.pos = pos;
    this.lastPos = spare;
    return pos;
  }

  private range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** The offset just past a line's last character (its line end excluded). */
  private lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.lines.starts.length - 1));
    return this.lines.starts[l] + this.lines.lineLength(l);
  }

  private inQuote(): Extract<Frame, { type: 'quote' }> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.type === 'quote') return f;
    }
    return undefined;
  }

  private nearestHeadingElement(): number {
    for (let i = this.headingStack.length - 1; i >= 0; i--) if (this.headingStack[i].element >= 0) return this.headingStack[i].element;
    return -1;
  }

  private container(): number {
    return this.containers.length ? this.containers[this.containers.length - 1] : -1;
  }

  /** One pass over the block tokens; containers are a stack, never recursion. */
  private walk(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const top = this.frames.length ? this.frames[this.frames.length - 1] : undefined;
      let firstOfItem: Extract<Frame, { type: 'item' }> | undefined;
      if (top && top.type === 'item' && t.nesting >= 0) {
        top.hadChild = true;
        if (!top.firstSeen) {
          top.firstSeen = true;
          firstOfItem = top;
        }
      }
      switch (t.type) {
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          i += 2;
          this.paragraph(t, inline, firstOfItem);
          break;
        }
        case 'heading_open': {
          const inline = tokens[i + 1];
          i += 2;
          this.heading(t, inline);
          break;
        }
        case 'blockquote_open':
          this.frames.push({ type: 'quote', first: -1, depthBefore: this.containers.length, lastLine: this.lastFilled(t.map?.[0] ?? 0, (t.map?.[1] ?? 1) - 1) });
          break;
        case 'blockquote_close': {
          const f = this.frames.pop();
          if (f && f.type === 'quote') {
            // The quote's first element enclosed the rest of the quote; it stops at the quote's end,
            // unless it is also the first of an enclosing quote (spec 1.1: at any depth), which it still encloses.
            this.containers.length = f.depthBefore;
            const outer = this.inQuote();
            if (outer && outer.first >= 0 && this.containers.lastIndexOf(outer.first) < outer.depthBefore) this.containers.push(outer.first);
            this.leafEnd(this.lineEnd(f.lastLine));
          }
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.frames.push({ type: 'list' });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.frames.pop();
          if (!this.frames.length) this.rootEnd(this.lastEnd);
          break;
        case 'list_item_open': {
          const line = t.map?.[0] ?? 0;
          const marker = (t.info ?? '') + t.markup;
          const start = this.markerStart(line, marker);
          // An empty item ends where its line ends (as remark reads it).
          this.frames.push({ type: 'item', element: -1, firstSeen: false, hadChild: false, start, markerEnd: start + marker.length, lineEnd: this.lineEnd(line) });
          break;
        }
        case 'list_item_close': {
          const f = this.frames.pop();
          if (f && f.type === 'item') {
            if (!f.hadChild) this.leafEnd(f.lineEnd);
            if (f.element >= 0) {
              this.candidates[f.element].fullEnd = this.lastEnd;
              this.containers.pop();
            }
          }
          break;
        }
        case 'fence': {
          const map = t.map ?? [0, 1];
          const closed = map[1] - 1 > map[0] && fenceCloses(this.src.slice(this.lines.starts[map[1] - 1] ?? 0, this.lineEnd(map[1] - 1)), t.markup);
          // An unclosed fence that reaches the end of the text runs to its very end, blank lines included (as remark reads it).
          this.leafEnd(!closed && this.reachesEnd(map[1]) ? this.src.length : this.lineEnd(map[1] - 1));
          break;
        }
        case 'html_block': {
          const map = t.map ?? [0, 1];
          // An unclosed comment, script or the like that reaches the end of the text runs to its very end (as remark reads it).
          this.leafEnd(htmlUnclosed(t.content) && this.reachesEnd(map[1]) ? this.src.length : this.lineEnd(map[1] - 1));
          break;
        }
        case 'hr':
          // A thematic break outside lists and quotes ends a section (rule 3, spec 1.1).
          if (!this.frames.length) this.section++;
          this.leafEnd(this.lineEnd((t.map ?? [0, 1])[1] - 1));
          break;
        case 'code_block': {
          const map = t.map ?? [0, 1];
          // Indented code runs on over the blank lines after it to the last one of four columns or more (remark reads it so).
          let end = this.lineEnd(map[1] - 1);
          if (!this.frames.length) {
            for (let line = map[1]; line < this.lines.starts.length; line++) {
              const text = this.src.slice(this.lines.starts[line], this.lineEnd(line));
              if (!/^[ \t]*$/.test(text)) break;
              if (/^(?: {4,}|\t| {1,3}\t)/.test(text)) end = this.lineEnd(line);
            }
          }
          this.leafEnd(end);
          break;
        }
        case 'reference_definition': {
          const map = t.map ?? [0, 1];
          this.leafEnd(this.lineEnd(map[1] - 1));
          break;
        }
        default:
          break;
      }
    }
    while (this.scopeStack.length) this.closeScope();
  }

  /** Whether a block ending before line `end` leaves only blank lines after it (markdown-it leaves trailing blank lines out of its map). */
  private reachesEnd(end: number): boolean {
    if (this.lastFilledLine === undefined) {
      let line = this.lines.starts.length - 1;
      while (line >= 0 && /^[ \t]*$/.test(this.src.slice(this.lines.starts[line], this.lineEnd(line)))) line--;
      this.lastFilledLine = line;
    }
    return end > this.lastFilledLine;
  }
  private lastFilledLine: number | undefined;

  /** The last line from `last` back to `first` that is not blank (markdown-it's maps may end with blank lines). */
  private lastFilled(first: number, last: number): number {
    let line = last;
    while (line > first && this.lines.lineLength(line) === 0) line--;
    while (line > first && /^[ \t]*$/.test(this.src.slice(this.lines.starts[line], this.lineEnd(line)))) line--;
    return line;
  }

  /** Where a list item's marker starts on its first line. */
  private markerStart(line: number, marker: string): number {
    const start = this.lines.starts[Math.min(line, this.lines.starts.length - 1)];
    const end = this.lineEnd(line);
    let p = start;
    // Skip indentation and quote markers before it.
    while (p < end) {
      const c = this.src.charCodeAt(p);
      if (c === 32 || c === 9 || c === 0x3e) p++;
      else break;
    }
    // Items nested on one line (`- - x`): markdown-it opens the outer item first; later ones start after it.
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.type === 'item' && f.start >= start && f.start < end) {
        p = Math.max(p, f.markerEnd);
        break;
      }
    }
    const found = this.src.indexOf(marker, p);
    return found >= 0 && found < end ? found : p;
  }

  private leafEnd(end: number): void {
    this.lastEnd = end;
    if (!this.frames.length) this.rootEnd(end);
  }

  private rootEnd(end: number): void {
    this.lastRootEnd = end;
  }

  private closeScope(): void {
    const s = this.scopeStack.pop()!;
    if (s.candidate >= 0) this.candidates[s.candidate].fullEnd = this.lastRootEnd;
  }

  private cmap: ContentMap | undefined;

  private contentMap(inline: Token, atxStart?: number): ContentMap {
    this.cmap ??= new ContentMap(this.src, this.lines);
    return this.cmap.set(inline.content, inline.map?.[0] ?? 0, atxStart);
  }

  private paragraph(open: Token, inline: Token, item: Extract<Frame, { type: 'item' }> | undefined): void {
    const map = inline.map ?? open.map ?? [0, 1];
    const cmap = this.contentMap(inline);
    const start = cmap.source(0);
    const end = this.lineEnd(map[1] - 1);
    this.leafEnd(end);
    if (open.meta && open.meta.tooDeep) {
      this.draft.diagnostics.push({
        file: this.path,
        range: this.range(start, end),
        severity: 'info',
        code: 'too-deep',
        message: `Nested more than ${MAX_BLOCK_LEVEL} levels deep: this part is read as plain text, without elements or references.`,
      });
      return;
    }
    const bq = this.inQuote();
    const children = this.mayMatterInParagraph(inline.content) ? parseInline(inline, this.env) : [];
    let index: number;
    if (item) {
      index = this.candidate(children, start, end, start, 'listItem', this.container(), this.nearestHeadingElement(), undefined, item.start);
      this.scanReferences(children, cmap, index);
      this.noteQuoteElement(index, bq);
      if (index >= 0) {
        item.element = index;
        this.containers.push(index);
      }
    } else {
      index = this.candidate(children, start, end, start, bq ? 'blockquote' : 'paragraph', this.container(), this.nearestHeadingElement());
      this.scanReferences(children, cmap, index);
      this.noteQuoteElement(index, bq);
    }
  }

  /** Whether an inline content can hold a label, a reference or anything the draft reads (else its inline parse is skipped). */
  private mayMatter(content: string): boolean {
    return content.includes(':') || content.includes('[') || content.includes('&');
  }

  /**
   * The same for a paragraph or list item, closer: most paragraphs of real prose hold a colon or a bracket somewhere,
   * and their inline parse was most of the parse. A reference needs `[[` or `](` (reference-style links are none);
   * a label needs a colon the block's leading text can reach; a character reference can spell either.
   */
  private mayMatterInParagraph(content: string): boolean {
    if (!paragraphPrecheck.enabled) return true;
    if (content.includes('&') || content.includes('[[') || content.includes('](')) return true;
    return mayHoldLabel(content, this.labelReach);
  }

  private heading(open: Token, inline: Token): void {
    const map = open.map ?? [0, 1];
    const depth = Number(open.tag.slice(1)) || 1;
    const atx = open.markup.charCodeAt(0) === 0x23;
    let contentStart: number;
    let start: number;
    if (atx) {
      const lineStart = this.lines.starts[map[0]];
      const lineEnd = this.lineEnd(map[0]);
      start = this.src.indexOf('#', lineStart);
      if (start < 0 || start >= lineEnd) start = lineStart;
      contentStart = start;
      while (contentStart < lineEnd && this.src.charCodeAt(contentStart) === 0x23) contentStart++;
      // The content starts after the blanks that follow the hashes.
      let p = contentStart;
      while (p < lineEnd && (this.src.charCodeAt(p) === 32 || this.src.charCodeAt(p) === 9)) p++;
      contentStart = p;
    } else {
      contentStart = -1;
      start = 0;
    }
    const cmap = this.contentMap(inline, atx ? contentStart : undefined);
    if (!atx) {
      start = cmap.source(0);
      contentStart = start;
    }
    const end = this.lineEnd(map[1] - 1);
    const root = this.frames.length === 0;
    const needed = root && this.firstHeadingText === undefined;
    const children = needed || this.mayMatter(inline.content) ? parseInline(inline, this.env) : [];
    if (!root) {
      // Headings nested in lists or quotes are no elements and no section breaks; their links still count.
      this.scanReferences(children, cmap, -1);
      this.leafEnd(end);
      return;
    }
    this.section++;
    while (this.headingStack.length && this.headingStack[this.headingStack.length - 1].depth >= depth) this.headingStack.pop();
    // A heading closes the folding ranges of the headings of its level and deeper.
    while (this.scopeStack.length && this.scopeStack[this.scopeStack.length - 1].depth >= depth) this.closeScope();
    const parentHeading = this.nearestHeadingElement();
    if (this.firstHeadingText === undefined) {
      this.firstHeadingText = collapse(plainText(children).replace(ID_MARKER_RE, '')).trim() || undefined;
    }
    const index = this.candidate(children, start, end, contentStart, 'heading', -1, parentHeading, depth);
    // A heading's id ends its text: before a setext underline or an ATX closing sequence.
    if (index >= 0) this.candidates[index].idEnd = Math.max(contentStart, cmap.source(inline.content.length));
    this.scanReferences(children, cmap, index);
    this.headingStack.push({ depth, element: index });
    this.scopeStack.push({ depth, candidate: index });
    this.leafEnd(end);
  }

  /** The first element of a blockquote, at any depth inside it, encloses the later elements of the same blockquote. */
  private noteQuoteElement(index: number, bq: Extract<Frame, { type: 'quote' }> | undefined): void {
    if (index < 0 || !bq || bq.first >= 0) return;
    // The first of this quote, and of every enclosing quote that has none yet (those have none: an earlier element would be first here too).
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f.type !== 'quote') continue;
      if (f.first >= 0) break;
      f.first = index;
    }
    // Pushed below any list-item containers opened later, so those stay nearer.
    this.containers.push(index);
  }

  /** Registers a block as an element candidate when it starts with a label; returns its index or -1. */
  private candidate(
    children: readonly Token[],
    start: number,
    end: number,
    contentStart: number,
    block: DraftElement['block'],
    containerParent: number,
    headingParent: number,
    depth?: number,
    fullStart?: number,
  ): number {
    if (!children.length) return -1;
    // The block's text (emphasis dropped, never from code, links or html) must begin with a label word and a colon.
    const key = leadingLabel(children, this.labelReach);
    // Own keys only: `Constructor:` or `toString:` name no kind.
    const kind = Object.prototype.hasOwnProperty.call(this.labels, key) ? this.labels[key] : undefined;
    if (!kind) return -1;
    // In the source the label runs to its colon and any emphasis closing right after it (`**Claim:**`).
    const colon = this.src.indexOf(':', contentStart);
    let labelEnd = colon < 0 || colon >= end ? contentStart : colon + 1;
    while (labelEnd < end && (this.src[labelEnd] === '*' || this.src[labelEnd] === '_')) labelEnd++;
    this.candidates.push({
      kind,
      block,
      depth,
      start,
      end,
      idEnd: end,
      children,
      labelStart: contentStart,
      labelEnd,
      fullStart: fullStart ?? start,
      fullEnd: end,
      containerParent,
      section: this.section,
      headingParent,
    });
    return this.candidates.length - 1;
  }

  /** Finds wikilinks and markdown links in a paragraph's or heading's inline tokens (code spans and html are single tokens, so skipped). */
  private scanReferences(children: readonly Token[], cmap: ContentMap, element: number): void {
    for (let i = 0; i < children.length; i++) {
      const t = children[i];
      if (t.type === 'wikilink') this.addWikilink(t, cmap, element);
      else if (t.type === 'link_open' && t.meta && typeof t.meta.start === 'number') this.addLink(children, i, cmap, element);
    }
  }

  private addWikilink(t: Token, cmap: ContentMap, element: number): void {
    const span = t.meta as unknown as InlineSpan;
    const embed = span.embed === true;
    const at = cmap.source(span.start) + (embed ? 1 : 0);
    const inner = t.content.slice(2, -2);
    const innerStart = at + 2;
    const bar = inner.indexOf('|');
    const linkPart = bar >= 0 ? inner.slice(0, bar) : inner;
    const alias = bar >= 0 ? inner.slice(bar + 1).trim() : undefined;
    const hash = linkPart.indexOf('#');
    const name = (hash >= 0 ? linkPart.slice(0, hash) : linkPart).trim();
    const fragment = hash >= 0 ? linkPart.slice(hash + 1) : '';
    // A target with a URL scheme or starting with `//` is external: never resolved, never a diagnostic (spec 1.1).
    if (SCHEME_RE.test(name) || name.startsWith('//')) return;
    const from = embed ? at - 1 : at;
    const ref: Reference = { syntax: 'wikilink', target: name, range: this.range(from, at + t.content.length), element };
    if (embed) ref.embed = true;
    if (alias) ref.alias = alias;
    if (name) {
      const nameOffset = innerStart + linkPart.indexOf(name);
      ref.targetRange = this.range(nameOffset, nameOffset + name.length);
    }
    if (fragment.startsWith('^')) {
      const id = fragment.slice(1).trim();
      ref.blockId = id;
      const idOffset = innerStart + hash + 2 + fragment.slice(1).indexOf(id);
      ref.idRange = this.range(idOffset, idOffset + id.length);
    } else if (!name) {
      return; // [[#heading]] and [[]] name nothing Crux Map knows
    } else if (fragment.trim()) {
      ref.anchor = fragment.trim(); // a heading anchor: a file reference, quoted whole in messages
    }
    this.references.push(ref);
  }

  private addLink(children: readonly Token[], at: number, cmap: ContentMap, element: number): void {
    const open = children[at];
    const span = open.meta as unknown as InlineSpan;
    const url = String(open.attrGet('href') ?? '');
    if (SCHEME_RE.test(url) || url.startsWith('//')) return;
    const hash = url.indexOf('#');
    let rawPath = hash >= 0 ? url.slice(0, hash) : url;
    const fragment = hash >= 0 ? url.slice(hash + 1) : '';
    const query = rawPath.indexOf('?');
    if (query >= 0) rawPath = rawPath.slice(0, query);
    const path = safeDecode(rawPath);
    const isElementRef = fragment.startsWith('^');
    if (path === '' ? !isElementRef : !MD_EXT_RE.test(path)) return;
    const start = cmap.source(span.start);
    const end = cmap.source(span.end);
    const source = this.src.slice(start, end);
    const ref: Reference = { syntax: 'link', target: path, range: this.range(start, end), element };
    let close = at + 1;
    for (let depth = 1; close < children.length; close++) {
      if (children[close].type === 'link_open') depth++;
      else if (children[close].type === 'link_close' && --depth === 0) break;
    }
    const text = collapse(plainText(children, at + 1, close));
    if (text) ref.alias = text;
    const destStart = source.lastIndexOf('](');
    if (path && destStart >= 0) {
      const p = source.indexOf(rawPath, destStart);
      if (p >= 0) ref.targetRange = this.range(start + p, start + p + rawPath.length);
    }
    if (isElementRef) {
      const id = safeDecode(fragment.slice(1));
      ref.blockId = id;
      const marker = source.lastIndexOf('#^');
      if (marker >= 0 && source.startsWith(id, marker + 2)) ref.idRange = this.range(start + marker + 2, start + marker + 2 + id.length);
    } else if (fragment) {
      ref.anchor = safeDecode(fragment);
    }
    this.references.push(ref);
  }

  /** The id marker at the end of a block's source (trailing white space ignored): group 1 the space before, group 2 the id; index relative to `start`. */
  private idMarker(start: number, end: number): RegExpExecArray | null {
    let e = end;
    while (e > start && isSpaceCode(this.src.charCodeAt(e - 1))) e--;
    // The marker is `^` and id characters at the very end: look back over those only, never further.
    let caret = e - 1;
    while (caret >= start && isIdChar(this.src.charCodeAt(caret))) caret--;
    if (caret < start || this.src.charCodeAt(caret) !== 0x5e) return null;
    const from = caret > start ? caret - 1 : start;
    const m = ID_MARKER_RE.exec(this.src.slice(from, e));
    if (!m || (m.index === 0 && m[1] === '' && from !== start)) return null;
    m.index += from - start;
    return m;
  }

  private buildElements(): void {
    const draft = this.draft;
    draft.references = this.references.sort((a, b) => comparePos(a.range.start, b.range.start));
    const explicitIds = new Map<number, { id: string; start: number; end: number }>();
    const texts: string[] = [];
    const tags: string[][] = [];
    this.candidates.forEach((c, i) => {
      const idMatch = this.idMarker(c.start, c.idEnd);
      let text = textOf(c.children).plain;
      if (idMatch) {
        const idStart = c.start + idMatch.index + idMatch[1].length;
        explicitIds.set(i, { id: idMatch[2], start: idStart, end: idStart + 1 + idMatch[2].length });
        text = stripIdMarker(text);
      }
      text = collapse(text).replace(/^[^:]*:/, '');
      texts.push(collapse(text));
      tags.push(textOf(c.children).tags);
    });

    const used = new Set<string>();
    const firstOwner = new Map<string, number>();
    for (const [i, e] of explicitIds) {
      if (!firstOwner.has(e.id)) {
        firstOwner.set(e.id, i);
        used.add(e.id);
      }
    }
    // The smallest free suffix of a base only grows (ids are only ever added), so each base resumes where it stopped: O(1) amortised.
    const nextSuffix = new Map<string, number>();
    const nextFree = (base: string) => {
      let n = nextSuffix.get(base) ?? 2;
      while (used.has(`${base}-${n}`)) n++;
      nextSuffix.set(base, n + 1);
      return `${base}-${n}`;
    };
    const duplicates = new Map<string, number[]>();
    this.candidates.forEach((c, i) => {
      const explicit = explicitIds.get(i);
      let localId: string;
      if (explicit) {
        if (firstOwner.get(explicit.id) === i) localId = explicit.id;
        else {
          localId = nextFree(explicit.id);
          used.add(localId);
        }
        const list = duplicates.get(explicit.id) ?? [];
        list.push(i);
        duplicates.set(explicit.id, list);
      } else {
        const slug = slugOf(texts[i]) || c.kind;
        localId = used.has(slug) ? nextFree(slug) : slug;
        used.add(localId);
      }
      const element: DraftElement = {
        kind: c.kind,
        localId,
        explicitId: explicit !== undefined,
        text: texts[i],
        range: this.range(c.start, c.end),
        labelRange: this.range(c.labelStart, c.labelEnd),
        fullRange: this.range(c.fullStart, c.fullEnd),
        block: c.block,
        // The draft's topics are unique already: an element without #tags of its own shares their list (never changed).
        topics: tags[i].length === 0 ? draft.topics : dedupe([...draft.topics, ...tags[i]]),
        references: NO_REFERENCES,
        structuralTarget: -1,
        structuralRule: 0,
        containerParent: c.containerParent,
      };
      if (explicit) element.idRange = this.range(explicit.start, explicit.end);
      if (c.depth !== undefined) element.depth = c.depth;
      draft.elements.push(element);
    });
    for (const [id, owners] of duplicates) {
      if (owners.length < 2) continue;
      for (const i of owners) {
        draft.diagnostics.push(duplicateId(this.path, draft.elements[i].idRange!, id, owners.length));
      }
    }
    draft.references.forEach((r, i) => {
      if (r.element < 0) return;
      const el = draft.elements[r.element];
      if (el.references === NO_REFERENCES) el.references = [i];
      else el.references.push(i);
    });
    this.applyStructuralRules();
  }

  /** Rules 2-4 of spec section 4 (rule 1 needs the workspace and is applied by the index); one pass, so linear. */
  private applyStructuralRules(): void {
    const els = this.draft.elements;
    // Rule 3's candidates: the nearest loose claim and the nearest loose objection or reply of the current section.
    let section = -1;
    let lastClaim = -1;
    let lastObjectionOrReply = -1;
    this.candidates.forEach((c, i) => {
      const el = els[i];
      if (c.section !== section) {
        section = c.section;
        lastClaim = -1;
        lastObjectionOrReply = -1;
      }
      if (el.kind !== 'crux') {
        if (c.containerParent >= 0) {
          el.structuralTarget = c.containerParent;
          el.structuralRule = 2;
        } else {
          const preceding = el.kind === 'claim' || c.block === 'heading' ? -1 : el.kind === 'reply' ? lastObjectionOrReply : lastClaim;
          if (preceding >= 0) {
            el.structuralTarget = preceding;
            el.structuralRule = 3;
          } else if (c.headingParent >= 0) {
            el.structuralTarget = c.headingParent;
            el.structuralRule = 4;
          }
        }
      }
      // Loose elements (no container parent, no heading) are what rule 3 looks back to.
      if (c.block !== 'heading' && c.containerParent < 0) {
        if (c.kind === 'claim') lastClaim = i;
        else if (c.kind === 'objection' || c.kind === 'reply') lastObjectionOrReply = i;
      }
    });
  }
}

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** The element text without its trailing ` ^id` marker (and the white space around it). */
function stripIdMarker(text: string): string {
  let e = text.length;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  let caret = e - 1;
  while (caret >= 0 && isIdChar(text.charCodeAt(caret))) caret--;
  if (caret < 0 || text.charCodeAt(caret) !== 0x5e || caret === e - 1 || text.charCodeAt(caret + 1) === 45) return text;
  let s = caret;
  while (s > 0 && isSpaceCode(text.charCodeAt(s - 1))) s--;
  return text.slice(0, s);
}

/** HTML blocks that end at a terminator (CommonMark types 1-5), with it. */
const HTML_TERMINATED: readonly [RegExp, RegExp][] = [
  [/^<(?:script|pre|style|textarea)(?=\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** Whether an HTML block is one that waits for a terminator and never met it. */
export function htmlUnclosed(content: string): boolean {
  const text = content.trimStart();
  for (const [open, close] of HTML_TERMINATED) if (open.test(text)) return !close.test(text);
  return false;
}

function fenceCloses(line: string, markup: string): boolean {
  const t = line.replace(/^[\s>]*/, '').replace(/[ \t]+$/, '');
  return t.length >= markup.length && t.charCodeAt(0) === markup.charCodeAt(0) && /^(`+|~+)$/.test(t);
}

function duplicateId(file: string, range: Range, id: string, count: number): Diagnostic {
  return { file, range, severity: 'error', code: 'duplicate-id', message: `The id '^${id}' is used ${count} times in this file; ids must be unique within a file.` };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The references of the elements that have none (most): one frozen list shared by them all, never changed. */
const NO_REFERENCES = Object.freeze([]) as unknown as number[];

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

/** Orders positions: negative when a is before b. */
export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** A paragraph or heading under a position, as markAs needs it. */
export interface BlockHit {
  /** Where the block's text starts (after `#`s for an ATX heading). */
  contentStart: Position;
  /** The range of an existing label with its colon and emphasis, if the block has one. */
  label?: Range;
}

/** A label at the very start of a block's text: plain or in emphasis, colon inside or outside, then white space or the end. */
function labelPattern(words: readonly string[]): RegExp {
  // Longest first, so a phrase wins over a word it starts with; a phrase's spaces match any white space.
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  return new RegExp(`^(?:(\\*\\*|__|\\*|_)(${alternatives})(:?)\\1(:?)|(${alternatives}):)(?=\\s|$)`, 'i');
}
const LABEL_RE = labelPattern(Object.keys(LABELS));

/**
 * The innermost paragraph or heading whose lines hold a position (also when it is not
 * an element yet); undefined in code, html, front matter or between blocks. Never throws.
 * `options.labels` adds the workspace's label words to those an existing label may be.
 */
export function blockAt(text: string, position: Position, options?: ParseOptions): BlockHit | undefined {
  const prepared = prepareText(text);
  let tokens: Token[];
  try {
    tokens = parseBlocks(prepared.src, {}, prepared.frontLines);
  } catch {
    return undefined;
  }
  const src = prepared.src;
  const lines = createLineMap(src);
  let found: { open: Token; inline: Token } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t.type === 'paragraph_open' || t.type === 'heading_open') && t.map && position.line >= t.map[0] && position.line < t.map[1]) {
      found = { open: t, inline: tokens[i + 1] };
    }
  }
  if (!found) return undefined;
  const { open, inline } = found;
  const map = open.map!;
  let start: number;
  if (open.type === 'heading_open' && open.markup.charCodeAt(0) === 0x23) {
    const ls = lines.starts[map[0]];
    const le = ls + lines.lineLength(map[0]);
    start = src.indexOf('#', ls);
    if (start < 0 || start >= le) start = ls;
    while (start < le && src.charCodeAt(start) === 0x23) start++;
    while (start < le && (src.charCodeAt(start) === 32 || src.charCodeAt(start) === 9)) start++;
  } else {
    start = new ContentMap(src, lines).set(inline.content, inline.map?.[0] ?? map[0]).source(0);
  }
  const end = lines.starts[map[1] - 1] + lines.lineLength(map[1] - 1);
  const extra = options?.labels ? Object.keys(options.labels).map(labelKey) : [];
  const pattern = extra.length ? labelPattern([...Object.keys(LABELS), ...extra]) : LABEL_RE;
  const reach = Math.max(40, ...extra.map((k) => k.length + 8));
  const match = pattern.exec(src.slice(start, Math.min(end, start + reach)));
  const hit: BlockHit = { contentStart: lines.position(start) };
  if (match && !(match[1] && (match[3] ? 1 : 0) + (match[4] ? 1 : 0) !== 1)) hit.label = { start: lines.position(start), end: lines.position(start + match[0].length) };
  return hit;
}
