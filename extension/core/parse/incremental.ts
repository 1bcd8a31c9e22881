/**
 * An incremental DraftParser: it remembers the last text and block tokens of the drafts it parsed most
 * recently, and after an edit re-tokenizes only from the last top-level block before the change that follows a
 * blank line to where the token stream meets the old one again; the draft is then built from the joined tokens.
 * Whatever it cannot prove safe (reference definitions, front matter, BOM or line-end kind, a fence or HTML block
 * left open) is parsed in full.
 */
import type { Draft, ParseOptions } from '../model';
import { draftFromTokens, htmlUnclosed, own, parseDraft, prepareText, type PreparedText } from './parse';
import { parseBlocks, type ParseEnv, type Token } from './markdown';
import { keepRecent } from '../recent';

/** What is kept of one draft. */
interface Kept {
  prepared: PreparedText;
  tokens: Token[];
  env: ParseEnv;
  /** Start offset of every line of `prepared.src`. */
  lineStarts: number[];
}

/** A parser function with memory (the index's `DraftParser`), and a way to let go of a draft. */
export interface IncrementalParser {
  (text: string, path: string): Draft;
  /** Forgets what was kept of a draft (e.g. when its editor closes). */
  forget(path: string): void;
  /** How the last parse went: 'full' or 'incremental' (for tests and benchmarks). */
  readonly last: 'full' | 'incremental';
  /** The block tokens kept for a draft (for tests: they must be those of a full parse of its last text). */
  tokens(path: string): readonly Token[] | undefined;
}

/** Drafts kept at once: the ones being typed in. */
const KEPT = 8;
/** Re-synchronisation points tried after the change before parsing in full. */
const MAX_TRIES = 64;

export function lineStartsOf(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The line starts of `b`, made from those of `a` when the two share a prefix of `p` and a suffix of `q` characters:
 * the starts in the prefix are the same, those in the suffix move by the length difference, and only the changed
 * stretch is scanned (one array of the final size, not one grown line by line over the whole text).
 */
export function lineStartsAfterEdit(aStarts: readonly number[], a: string, b: string, p: number, q: number): number[] {
  // Lines starting at or before p are unchanged (a start at p follows a newline inside the shared prefix).
  const keepHead = lineAt(aStarts, p) + 1;
  const aTail = a.length - q;
  // Starts after the changed stretch in a: those strictly after aTail (a start at aTail + 1.. follows a shared newline).
  let firstTail = keepHead;
  while (firstTail < aStarts.length && aStarts[firstTail] <= aTail) firstTail++;
  const mid: number[] = [];
  const bTail = b.length - q;
  // No newline lies between the last kept start and p (it would make a later start at or before p).
  for (let i = b.indexOf('\n', aStarts[keepHead - 1]); i >= 0 && i < bTail; i = b.indexOf('\n', i + 1)) mid.push(i + 1);
  const shift = b.length - a.length;
  const out = new Array<number>(keepHead + mid.length + (aStarts.length - firstTail));
  let k = 0;
  for (let i = 0; i < keepHead; i++) out[k++] = aStarts[i];
  for (const m of mid) out[k++] = m;
  for (let i = firstTail; i < aStarts.length; i++) out[k++] = aStarts[i] + shift;
  return out;
}

/** The line holding an offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineText(src: string, starts: readonly number[], line: number): string {
  if (line < 0 || line >= starts.length) return '';
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : src.length;
  return src.slice(starts[line], end);
}

/** Whether a token opens a top-level block (or is one): found on the tokens themselves, so no list of blocks is made per keystroke. */
function isTop(t: Token): boolean {
  return t.level === 0 && t.nesting >= 0;
}

/** The first token at or after `i` that opens a top-level block, or `tokens.length`. */
function nextTop(tokens: readonly Token[], i: number): number {
  while (i < tokens.length && !isTop(tokens[i])) i++;
  return i;
}

const lineOf = (t: Token): number => (t.map ? t.map[0] : 0);

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** The reference definitions among tokens, as `label href title` strings in order. */
function definitions(tokens: readonly Token[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.type === 'reference_definition' && t.meta) out.push(`${t.meta.label}\u0000${t.meta.href}\u0000${t.meta.title}`);
  }
  return out;
}

/**
 * Whether the last top-level block of a stretch parsed on its own could run on past the stretch's end in a full
 * parse: a fence or an HTML block still waiting for its terminator, or a list that a marker on the next line would
 * continue. `shift` turns the stretch's lines into the text's lines.
 */
function openEnded(t: Token, src: string, starts: readonly number[], shift: number, nextLine: number): boolean {
  if (t.type === 'fence') {
    const map = t.map ?? [0, 1];
    const last = lineText(src, starts, map[1] - 1 + shift).replace(/[ \t]+$/, '').replace(/^[ \t]*/, '');
    return !(map[1] - 1 > map[0] && last.length >= t.markup.length && last[0] === t.markup[0] && /^(`+|~+)$/.test(last));
  }
  if (t.type === 'html_block') return htmlUnclosed(t.content);
  if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') return LIST_MARKER.test(lineText(src, starts, nextLine));
  return false;
}

const BLANK = /^[ \t]*$/;

/**
 * Creates an incremental parser (the same drafts as `parseDraft`, property-tested). Pass it to
 * `new WorkspaceIndex(createDraftParser())`; a new one is needed when the workspace's label words change.
 */
export function createDraftParser(options?: ParseOptions): IncrementalParser {
  const kept = new Map<string, Kept>();
  let last: 'full' | 'incremental' = 'full';

  const keep = (path: string, k: Kept) => keepRecent(kept, path, k, KEPT);

  const full = (text: string, path: string, prepared: PreparedText): Draft => {
    last = 'full';
    const env: ParseEnv = {};
    let tokens: Token[];
    try {
      tokens = parseBlocks(prepared.src, env, prepared.frontLines);
    } catch {
      kept.delete(path);
      return parseDraft(text, path, options);
    }
    const lineStarts = lineStartsOf(prepared.src);
    keep(path, { prepared, tokens, env, lineStarts });
    return draftFromTokens(prepared, tokens, env, path, options, lineStarts);
  };

  const parse = (text: string, path: string): Draft => {
    const prepared = prepareText(text);
    const old = kept.get(path);
    if (!old || old.prepared.bom !== prepared.bom || old.prepared.eol !== prepared.eol || old.prepared.yaml !== prepared.yaml || old.prepared.frontLines !== prepared.frontLines) {
      return full(text, path, prepared);
    }
    const tokens = splice(old, prepared);
    if (!tokens) return full(text, path, prepared);
    last = 'incremental';
    keep(path, { prepared, tokens: tokens.tokens, env: old.env, lineStarts: tokens.lineStarts });
    // A draft being typed in is replaced at the next keystroke: its strings may be slices of the text the index keeps
    // (copies of them cost about 45 KB a keystroke in a 200 KB draft with front matter), unless the text was copied.
    return draftFromTokens(prepared, tokens.tokens, old.env, path, options, tokens.lineStarts, prepared.copied === true);
  };

  const fn = parse as IncrementalParser;
  fn.forget = (path: string) => void kept.delete(path);
  fn.tokens = (path: string) => kept.get(path)?.tokens;
  Object.defineProperty(fn, 'last', { get: () => last });
  return fn;
}

/** The new text's tokens from the old ones and a parse of the changed stretch; undefined when only a full parse is safe. */
function splice(old: Kept, prepared: PreparedText): { tokens: Token[]; lineStarts: number[] } | undefined {
  const a = old.prepared.src;
  const b = prepared.src;
  if (a === b) return { tokens: old.tokens, lineStarts: old.lineStarts };
  const min = Math.min(a.length, b.length);
  // Common prefix and suffix, compared a chunk at a time (native string compares) before character by character.
  // Big chunks first, then small ones: each compare makes two string slices, so few of them (about 100 instead of
  // 1,600 in a 200 KB draft), each a native compare.
  let p = 0;
  for (const chunk of [8192, 256]) while (p + chunk <= min && a.substr(p, chunk) === b.substr(p, chunk)) p += chunk;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  for (const chunk of [8192, 256]) while (q + chunk <= min - p && a.substr(a.length - q - chunk, chunk) === b.substr(b.length - q - chunk, chunk)) q += chunk;
  while (q < min - p && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  const aStarts = old.lineStarts;
  const bStarts = lineStartsAfterEdit(aStarts, a, b, p, q);
  const first = lineAt(aStarts, p);
  const lastOld = lineAt(aStarts, a.length - q);
  const delta = bStarts.length - aStarts.length;
  if (first < prepared.frontLines) return undefined;

  const tokens = old.tokens;
  // The first top-level block on or after the changed line.
  let at = nextTop(tokens, 0);
  while (at < tokens.length && lineOf(tokens[at]) < first) at = nextTop(tokens, at + 1);
  // From a top-level block that starts on an unchanged line after a blank line (or from the top): there the full
  // parse starts afresh whatever follows, since whether the block before it runs on was decided on unchanged lines
  // (a block right after another, as a paragraph after a reference definition, may be part of it).
  // (Without such a block, from the first line after the front matter, where a full parse starts too.)
  let startLine = prepared.frontLines;
  let startToken = 0;
  for (let k = at - 1; k >= 0; k--) {
    if (!isTop(tokens[k])) continue;
    const line = lineOf(tokens[k]);
    if (line <= prepared.frontLines || BLANK.test(lineText(a, aStarts, line - 1))) {
      startLine = line;
      startToken = k;
      break;
    }
  }

  // Where the streams meet again: an old top-level block after the change, after a blank line, started afresh.
  let j = at;
  while (j < tokens.length && lineOf(tokens[j]) <= lastOld) j = nextTop(tokens, j + 1);
  // Characters re-parsed so far: past the text's length, a full parse costs less than trying on.
  let parsed = 0;
  for (let tries = 0; tries < MAX_TRIES; tries++, j = nextTop(tokens, j + 1)) {
    const atEnd = j >= tokens.length;
    const endNew = atEnd ? bStarts.length : lineOf(tokens[j]) + delta;
    if (!atEnd) {
      const before = lineText(b, bStarts, endNew - 1);
      const at = lineText(b, bStarts, endNew);
      if (endNew - 1 < startLine || !BLANK.test(before) || /^[ \t]/.test(at) || at === '') continue;
    }
    // A copy of the stretch, not a slice of the text: the fresh tokens' strings are slices of it, and they are kept
    // for keystrokes to come, so slices of this text would keep the whole of it alive for as long as the tokens of this
    // stretch stay unchanged (typing in a hundred places of a 200 KB draft kept a hundred of its texts, 40 MB).
    const region = own(b.slice(bStarts[startLine] ?? b.length, atEnd ? b.length : bStarts[endNew]));
    parsed += region.length;
    if (parsed > b.length && !atEnd) return undefined;
    let fresh: Token[];
    try {
      // The whole draft's reference definitions stay known (that none changed is checked below).
      fresh = parseBlocks(region, old.env);
    } catch {
      return undefined;
    }
    if (!atEnd) {
      let last = fresh.length - 1;
      while (last >= 0 && !isTop(fresh[last])) last--;
      const lastBlock = last >= 0 ? fresh[last] : undefined;
      if (lastBlock && openEnded(lastBlock, b, bStarts, startLine, endNew)) {
        // An open fence or HTML block would run on: only a full parse knows where it ends. A list may end further on.
        if (lastBlock.type !== 'bullet_list_open' && lastBlock.type !== 'ordered_list_open') return undefined;
        continue;
      }
    }
    // A reference definition added, removed or changed changes links anywhere in the draft: parse it all.
    const endToken = atEnd ? tokens.length : j;
    const was = definitions(tokens, startToken, endToken);
    const now = definitions(fresh, 0, fresh.length);
    if (was.length !== now.length || was.some((d, k) => d !== now[k])) return undefined;
    for (const t of fresh) if (t.map) t.map = [t.map[0] + startLine, t.map[1] + startLine];
    if (delta !== 0) for (let k = endToken; k < tokens.length; k++) {
      const t = tokens[k];
      if (t.map) t.map = [t.map[0] + delta, t.map[1] + delta];
    }
    // In place (the old array is this draft's alone): the tokens after the stretch move, the fresh ones go in.
    const removed = endToken - startToken;
    const oldLength = tokens.length;
    if (fresh.length > removed) {
      tokens.length = oldLength + fresh.length - removed;
      tokens.copyWithin(startToken + fresh.length, endToken, oldLength);
    } else if (fresh.length < removed) {
      tokens.copyWithin(startToken + fresh.length, endToken, oldLength);
      tokens.length = oldLength + fresh.length - removed;
    }
    for (let k = 0; k < fresh.length; k++) tokens[startToken + k] = fresh[k];
    return { tokens, lineStarts: bStarts };
  }
  return undefined;
}

/**
 * One incremental parser per open document, as the extension host keeps them: each document's parser is made for the
 * parse options (workspace label words) it was first parsed with, and a different options object (the folder's
 * .cruxmap.json read again) gives a fresh parser, so a full parse. `forget` lets a closed document go.
 */
export class DocumentParsers {
  private readonly parsers = new Map<string, { options: ParseOptions | undefined; parse: IncrementalParser }>();

  /** The draft of a document's current text (the same as `parseDraft(text, path, options)`). */
  parse(text: string, path: string, options?: ParseOptions): Draft {
    let entry = this.parsers.get(path);
    if (!entry || entry.options !== options) {
      entry = { options, parse: createDraftParser(options) };
      this.parsers.set(path, entry);
    }
    try {
      return entry.parse(text, path);
    } catch {
      // Nothing in it is known to throw; if it ever does, the document starts afresh and this text is parsed in full.
      this.parsers.delete(path);
      return parseDraft(text, path, options);
    }
  }

  /** How the last parse of a document went ('full' or 'incremental'), undefined when none is kept. */
  last(path: string): 'full' | 'incremental' | undefined {
    return this.parsers.get(path)?.parse.last;
  }

  /** Drops what is kept of a document (its editor closed, it was renamed or left the index). */
  forget(path: string): void {
    this.parsers.delete(path);
  }

  /** Documents kept. */
  get size(): number {
    return this.parsers.size;
  }
}
