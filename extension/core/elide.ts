/**
 * Prose elision: before a draft with markup is parsed, plain prose paragraphs that can
 * hold no element, reference or id are replaced by a one-letter stand-in, so remark
 * parses far less text; node offsets are then mapped back to the original text.
 */
import type { Nodes, Root } from 'mdast';

/** A text with prose elided, and how to map its offsets back. */
export interface Elided {
  /** The text remark parses. */
  text: string;
  /** Offsets in `text` from which the matching `delta` is added (ascending). */
  at: number[];
  delta: number[];
}

/** Paragraphs shorter than this are kept: eliding them saves less than it costs. */
const MIN_CHUNK = 120;
/** Characters that could start or mean markup inside a paragraph (links, html, ids, tags, code, tables, escapes). */
const UNSAFE = /[[\]<>^#`|\\]/;
/** A first word that could be a label: letters, maybe with emphasis, then a colon (or an entity that may be one). */
const LABELISH = /^[A-Za-z*_]*(?::|&)/;
/** A line that could interrupt a paragraph or start another block when it begins with a digit. */
const ORDERED = /^\d{1,9}[.)](?:[ \t]|$)/;

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

/**
 * Finds top-level prose paragraphs that are safe to elide: after a blank line (or the
 * front matter), every line starting at column 0 with a letter (so no list, quote, code,
 * heading, html or table), no markup character, and a first word that is no label. Such a paragraph is
 * a paragraph in any context that matters (inside an open code fence or html block it
 * stays content), so replacing it by another paragraph changes no element, reference or
 * id. `bodyStart` is where the text after the front matter begins.
 * Undefined when there is nothing worth eliding.
 */
export function elideProse(src: string, bodyStart: number): Elided | undefined {
  const parts: string[] = [];
  const at: number[] = [];
  const delta: number[] = [];
  let removed = 0;
  let copied = 0; // src is copied up to here
  let prevBlank = true;
  let pos = bodyStart;
  const n = src.length;
  while (pos < n) {
    let end = pos;
    while (end < n && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
    const line = src.slice(pos, end);
    const next = end < n ? (src.charCodeAt(end) === 13 && src.charCodeAt(end + 1) === 10 ? end + 2 : end + 1) : n;
    const blank = line.trim() === '';
    if (prevBlank && !blank && proseLine(line, true)) {
      // A candidate chunk: this line and the following non-blank lines.
      let chunkEnd = end;
      let ok = !UNSAFE.test(line) && !LABELISH.test(line);
      let cursor = next;
      let afterChunk = next;
      while (ok && cursor < n) {
        let e = cursor;
        while (e < n && src.charCodeAt(e) !== 10 && src.charCodeAt(e) !== 13) e++;
        const l = src.slice(cursor, e);
        const nx = e < n ? (src.charCodeAt(e) === 13 && src.charCodeAt(e + 1) === 10 ? e + 2 : e + 1) : n;
        if (l.trim() === '') break;
        if (!proseLine(l, false) || UNSAFE.test(l)) ok = false;
        chunkEnd = e;
        cursor = nx;
        afterChunk = nx;
      }
      if (ok && chunkEnd - pos >= MIN_CHUNK) {
        parts.push(src.slice(copied, pos), 'x');
        removed += chunkEnd - pos - 1;
        at.push(pos - (removed - (chunkEnd - pos - 1)) + 1);
        delta.push(removed);
        copied = chunkEnd;
        pos = afterChunk;
        prevBlank = false;
        continue;
      }
      // Not elided: skip past the lines already looked at.
      if (!ok) {
        pos = next;
        prevBlank = false;
        continue;
      }
      pos = afterChunk;
      prevBlank = false;
      continue;
    }
    prevBlank = blank;
    pos = next;
  }
  if (at.length === 0) return undefined;
  parts.push(src.slice(copied));
  return { text: parts.join(''), at, delta };
}

/** Rewrites every node's offsets in a tree parsed from `elided.text` to offsets in the original text. */
export function restoreOffsets(tree: Root, elided: Elided): void {
  const { at, delta } = elided;
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
  const visit = (node: Nodes) => {
    const p = node.position;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset = map(p.start.offset);
      if (p.end.offset !== undefined) p.end.offset = map(p.end.offset);
    }
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(tree);
}
