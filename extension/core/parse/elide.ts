/**
 * Elision: before a draft with markup is parsed, text that cannot change the argument
 * is cut out, so remark parses far less; afterwards offsets (and cut text) are put back.
 * - Plain prose paragraphs that can hold no element, reference or id become a one-letter
 *   stand-in paragraph.
 * - Inside other lines, the middle of a long run of inert characters (letters, digits,
 *   spaces, harmless punctuation) becomes one private-use character; the text is put back
 *   into the tree's strings after parsing, so element texts are exact.
 * Property tests compare the result with a parse of the whole text.
 */
import type { Nodes, Root } from 'mdast';

/** A text with parts elided, and how to map its offsets and strings back. */
export interface Elided {
  /** The text remark parses. */
  text: string;
  /** Offsets in `text` from which the matching `delta` is added (ascending). */
  at: number[];
  delta: number[];
  /** The cut-out middles of inert runs, by marker (U+E000 + index). */
  middles: string[];
  /** Prose paragraphs removed whole (no stand-in left): [start, end) in the original text, ascending. */
  removed: [number, number][];
}

/** Paragraphs shorter than this are kept: eliding them saves less than it costs. */
const MIN_CHUNK = 120;
/** Characters that could start or mean markup inside a paragraph (links, html, ids, tags, code, tables, escapes). */
const UNSAFE = /[[\]<>^#`|\\]/;
/** A first word that could be a label: letters, maybe with emphasis, then a colon (or an entity that may be one). */
const LABELISH = /^[A-Za-z*_]*(?::|&)/;
/** A line that could interrupt a paragraph or start another block when it begins with a digit. */
const ORDERED = /^\d{1,9}[.)](?:[ \t]|$)/;
/**
 * A run of inert characters after an ASCII letter: none of them opens, closes or escapes
 * anything in CommonMark (no brackets, parentheses, quotes, emphasis, code, html, entities,
 * tags, ids). The letter guarantees that the line's block structure (markers, indentation)
 * lies before the run.
 */
const INERT_RUN = /[A-Za-z][A-Za-z0-9 ,.;:?!/%+=-]{24,}/g;
const MARKER_BASE = 0xe000;
const MAX_MARKERS = 0xf8ff - 0xe000;
const MARKERS = /[\ue000-\uf8ff]/g;
const HAS_MARKER = /[\ue000-\uf8ff]/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether a line (with no indentation allowed) can only continue a plain prose paragraph. */
function proseLine(line: string, first: boolean): boolean {
  const c = line.charCodeAt(0);
  if (isLetter(c)) return true;
  if (first) return false;
  // Continuation lines may also open with a digit, a quote or a parenthesis.
  if (c === 34 || c === 39 || c === 40) return true;
  return c >= 48 && c <= 57 && !ORDERED.test(line);
}

function lineEnd(src: string, pos: number): number {
  let end = pos;
  while (end < src.length && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
  return end;
}

function nextLine(src: string, end: number): number {
  if (end >= src.length) return src.length;
  return src.charCodeAt(end) === 13 && src.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

class Builder {
  readonly parts: string[] = [];
  readonly at: number[] = [];
  readonly delta: number[] = [];
  readonly middles: string[] = [];
  readonly paragraphs: [number, number][] = [];
  private removed = 0;
  private copied = 0;
  constructor(private readonly src: string) {}

  /** Replaces src[start, end) by `stand` (one character, or nothing). */
  replace(start: number, end: number, stand: string): void {
    this.parts.push(this.src.slice(this.copied, start), stand);
    const reducedStart = start - this.removed;
    this.removed += end - start - stand.length;
    this.at.push(reducedStart + stand.length);
    this.delta.push(this.removed);
    this.copied = end;
  }

  finish(): Elided | undefined {
    if (this.at.length === 0) return undefined;
    this.parts.push(this.src.slice(this.copied));
    return { text: this.parts.join(''), at: this.at, delta: this.delta, middles: this.middles, removed: this.paragraphs };
  }
}

/**
 * Elides what cannot matter. Prose paragraphs: after a blank line (or the front matter),
 * every line starting at column 0 with a letter (so no list, quote, code, heading, html or
 * table), no markup character, and a first word that is no label. Such a paragraph is a
 * paragraph in any context that matters (inside an open code fence or html block it stays
 * content), so another paragraph in its place changes no element, reference or id.
 * Inert runs: see INERT_RUN; skipped on lines with `<` or starting with `[`, and in the
 * whole text when it may define link references (`]:`) or holds private-use characters.
 * `bodyStart` is where the text after the front matter begins. Undefined when nothing is elided.
 */
export function elideProse(src: string, bodyStart: number): Elided | undefined {
  const out = new Builder(src);
  const runs = !src.includes(']:') && !/[\ue000-\uf8ff]/.test(src);
  let prevBlank = true;
  let pos = bodyStart;
  const n = src.length;
  while (pos < n) {
    const end = lineEnd(src, pos);
    const line = src.slice(pos, end);
    const next = nextLine(src, end);
    const blank = line.trim() === '';
    if (prevBlank && !blank && proseLine(line, true) && !UNSAFE.test(line) && !LABELISH.test(line)) {
      // A candidate paragraph: this line and the following non-blank lines.
      let chunkEnd = end;
      let ok = true;
      let cursor = next;
      while (cursor < n) {
        const e = lineEnd(src, cursor);
        const l = src.slice(cursor, e);
        if (l.trim() === '') break;
        if (!proseLine(l, false) || UNSAFE.test(l)) {
          ok = false;
          break;
        }
        chunkEnd = e;
        cursor = nextLine(src, e);
      }
      if (ok && chunkEnd - pos >= MIN_CHUNK) {
        // `cursor` starts the blank line that ends the paragraph (or is the end of the text).
        let probe = cursor;
        while (probe < n && src.slice(probe, lineEnd(src, probe)).trim() === '') probe = nextLine(src, lineEnd(src, probe));
        // Never at the very start: what follows could then read as front matter.
        if (pos > 0 && (probe >= n || !/[ \t]/.test(src[probe]))) {
          // What follows starts at column 0, so it cannot continue anything before the paragraph:
          // the paragraph, its line ending and one blank line go, and the blocks around it meet as before.
          const end = cursor < n ? nextLine(src, lineEnd(src, cursor)) : n;
          out.replace(pos, end, '');
          out.paragraphs.push([pos, chunkEnd]);
          pos = end;
          prevBlank = true;
          continue;
        }
        out.replace(pos, chunkEnd, 'x');
        pos = cursor;
        prevBlank = false;
        continue;
      }
    }
    if (runs && !blank && out.middles.length < MAX_MARKERS && !line.includes('<') && !/^\s*\[/.test(line)) elideRuns(src, pos, line, out);
    prevBlank = blank;
    pos = next;
  }
  return out.finish();
}

function elideRuns(src: string, lineStart: number, line: string, out: Builder): void {
  INERT_RUN.lastIndex = 0;
  for (let m = INERT_RUN.exec(line); m; m = INERT_RUN.exec(line)) {
    if (m.index > 0 && line.charCodeAt(m.index - 1) === 38) {
      // After `&` the word may be a character reference's name: leave the whole word.
      let w = m.index;
      while (w < line.length && /[A-Za-z0-9]/.test(line[w])) w++;
      INERT_RUN.lastIndex = w;
      continue;
    }
    // Keep the letter, the next character and the last non-space one: what touches a delimiter stays.
    let last = m.index + m[0].length - 1;
    while (last > m.index && line.charCodeAt(last) === 32) last--;
    const from = m.index + 2;
    if (last - from < 16 || out.middles.length >= MAX_MARKERS) continue;
    out.replace(lineStart + from, lineStart + last, String.fromCharCode(MARKER_BASE + out.middles.length));
    out.middles.push(src.slice(lineStart + from, lineStart + last));
  }
}

/** Rewrites the offsets of every node in a tree parsed from `elided.text` to offsets in the original text, and puts cut-out text back. */
export function restoreOffsets(tree: Root, elided: Elided): void {
  const { at, delta, middles } = elided;
  const map = (offset: number): number => {
    let lo = 0;
    let hi = at.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k < 0 ? offset : offset + delta[k];
  };
  const restore = (s: string) => (HAS_MARKER.test(s) ? s.replace(MARKERS, (c) => middles[c.charCodeAt(0) - MARKER_BASE] ?? c) : s);
  const strings = middles.length > 0;
  const visit = (node: Nodes) => {
    const p = node.position;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset = map(p.start.offset);
      if (p.end.offset !== undefined) p.end.offset = map(p.end.offset);
    }
    if (strings) {
      // Only these fields hold source text (label and identifier too, but no text that may define references is elided).
      switch (node.type) {
        case 'text':
        case 'inlineCode':
        case 'html':
          node.value = restore(node.value);
          break;
        case 'code':
          node.value = restore(node.value);
          if (node.lang) node.lang = restore(node.lang);
          if (node.meta) node.meta = restore(node.meta);
          break;
        case 'link':
        case 'image':
          node.url = restore(node.url);
          if (node.title) node.title = restore(node.title);
          if (node.type === 'image' && node.alt) node.alt = restore(node.alt);
          break;
        case 'imageReference':
          if (node.alt) node.alt = restore(node.alt);
          break;
        default:
          break;
      }
    }
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(tree);
}
