/**
 * The simple-draft fast path: the mdast tree of a draft written in the plainest markdown,
 * built line by line without micromark, which spends most of its time per line and per
 * block however little a line holds. It knows front matter, ATX headings, paragraphs,
 * `- ` bullet lists (one line per item, nested by the content column), `> ` quotes, text
 * with wikilinks, inline links `[text](destination)`, single-backtick code spans and plain
 * `*emphasis*` / `**strong**`. Anything else (nested or intraword emphasis, html, escapes,
 * entities, tabs, CR line ends, ordered lists, setext headings, fences, continuation lines
 * in lists, link definitions, ...) makes it give up, and remark parses the draft as before.
 * Tests compare its trees with remark's, node for node.
 */
import type { Blockquote, Emphasis, Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Strong, Text, Yaml } from 'mdast';
import type { Point, Position } from 'unist';
import { plainFrontMatter } from './frontMatter';

/** What may mean markup this path does not read in the body: html, escapes, entities, images, definitions, fences, double backticks. */
const UNSUPPORTED = /[<&\\]|!\[|\]:|~~~|``/;
/** White space and NUL that micromark treats in ways of its own, anywhere (front matter too). */
const UNSUPPORTED_ANYWHERE = /[\t\r\0\f\v]/;
/** Front matter with bare fences (as remark-frontmatter surely reads it); the yaml in group 1. */
const FRONT_MATTER = /^---\n([\s\S]*?)\n---(?:\n|$)/;
const ATX = /^(#{1,6})(?: (.*))?$/;
/** A heading's closing sequence, which this path leaves to remark. */
const CLOSING = /(?:^| )#+$/;
const ITEM = /^( *)- (.*)$/;
const ORDERED = /^\d{1,9}[.)](?: |$)/;
/** An inline link with a plain label and a destination without spaces, brackets or parentheses. */
const LINK = /\[([^[\]\n]+)\]\(([^()\s]*)\)/g;

/** Thrown (and caught at the top) when the text holds something this path does not read. */
class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/** A `*` bullet, or a thematic break of `*` or `_` (one of `-` starts with `-`, which opensBlock refuses anyway). */
const STAR_BLOCK = /^(?:\*(?: |$)|([*_])(?: *\1){2,} *$)/;

/** Whether a line's content could open a block other than a paragraph, or continue one as a setext underline. */
function opensBlock(content: string): boolean {
  const c = content.charCodeAt(0);
  // space, #, +, -, =, >, an ordered list marker, a `*` bullet or a thematic break
  return c === 32 || c === 35 || c === 43 || c === 45 || c === 61 || c === 62 || (c >= 48 && c <= 57 && ORDERED.test(content)) || ((c === 42 || c === 95) && STAR_BLOCK.test(content));
}

interface Line {
  start: number;
  end: number;
  text: string;
}

class SimpleTreeBuilder {
  private readonly lines: Line[] = [];
  private i = 0;

  constructor(private readonly src: string) {}

  private point(offset: number): Point {
    // Lines are searched from the current one backwards: points are asked for near where the builder is.
    let k = Math.min(this.i, this.lines.length - 1);
    while (k > 0 && this.lines[k].start > offset) k--;
    while (k + 1 < this.lines.length && this.lines[k + 1].start <= offset) k++;
    const line = this.lines[k] ?? { start: 0 };
    return { line: k + 1, column: offset - line.start + 1, offset };
  }

  private position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  build(): Root {
    const src = this.src;
    let at = 0;
    const children: RootContent[] = [];
    const front = src.startsWith('---\n') ? FRONT_MATTER.exec(src) : null;
    // A fence-like line inside may close the front matter for remark already: remark decides.
    if (front && plainFrontMatter(src) === undefined) unsupported();
    const bodyStart = front ? front[0].length : 0;
    if (UNSUPPORTED_ANYWHERE.test(src) || UNSUPPORTED.test(bodyStart ? src.slice(bodyStart) : src)) unsupported();
    while (at <= src.length) {
      let end = src.indexOf('\n', at);
      if (end < 0) end = src.length;
      const text = src.slice(at, end);
      if (text.endsWith(' ')) unsupported(); // trailing spaces may be hard breaks
      this.lines.push({ start: at, end, text });
      at = end + 1;
    }
    if (front) {
      const close = front[0].endsWith('\n') ? front[0].length - 1 : front[0].length;
      while (this.i < this.lines.length && this.lines[this.i].start < close) this.i++;
      const yaml: Yaml = { type: 'yaml', value: front[1], position: this.position(0, close) };
      children.push(yaml);
    }
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.text === '') {
        this.i++;
        continue;
      }
      children.push(this.block(line));
    }
    return { type: 'root', children, position: this.position(0, src.length) };
  }

  /** The block starting at the current line (which is not blank). */
  private block(line: Line): RootContent {
    const t = line.text;
    const c = t.charCodeAt(0);
    if (c === 35) {
      const m = ATX.exec(t);
      if (m) return this.heading(line, m[1].length, m[2]);
    } else if (c === 62) return this.quote();
    else if (c === 45) {
      if (ITEM.test(t)) return this.list();
      unsupported(); // thematic breaks, setext underlines
    }
    if (opensBlock(t)) unsupported();
    return this.paragraph();
  }

  private heading(line: Line, depth: number, content: string | undefined): Heading {
    this.i++;
    // Empty headings, more than one space after the #s, and closing sequences are remark's to read.
    if (!content || content.charCodeAt(0) === 32 || CLOSING.test(content)) unsupported();
    const start = line.start + depth + 1;
    return { type: 'heading', depth: depth as Heading['depth'], children: this.inline(start, line.end, ''), position: this.position(line.start, line.end) };
  }

  /** A paragraph at the top level: this line and the next ones up to a blank line. */
  private paragraph(): Paragraph {
    const first = this.lines[this.i++];
    let last = first;
    while (this.i < this.lines.length && this.lines[this.i].text !== '') {
      const next = this.lines[this.i];
      // Interruptions, setext underlines and indented continuations are remark's to read.
      if (opensBlock(next.text)) unsupported();
      last = next;
      this.i++;
    }
    return { type: 'paragraph', children: this.inline(first.start, last.end, ''), position: this.position(first.start, last.end) };
  }

  /** A quote of `> text` lines: one paragraph. */
  private quote(): Blockquote {
    const first = this.lines[this.i];
    let last = first;
    while (this.i < this.lines.length && this.lines[this.i].text !== '') {
      const line = this.lines[this.i];
      // Every line must carry its own `> ` (no lazy lines) and hold plain paragraph text.
      if (!line.text.startsWith('> ') || opensBlock(line.text.slice(2))) unsupported();
      last = line;
      this.i++;
    }
    const paragraph: Paragraph = { type: 'paragraph', children: this.inline(first.start + 2, last.end, '> '), position: this.position(first.start + 2, last.end) };
    return { type: 'blockquote', children: [paragraph], position: this.position(first.start, last.end) };
  }

  /** A bullet list of one-line `- ` items, nested by their content column. */
  private list(): List {
    const newList = (start: number): List => ({ type: 'list', ordered: false, start: null, spread: false, children: [], position: this.position(start, start) });
    const root = newList(this.lines[this.i].start);
    /** Open items, outermost first: the list they are in, their marker's indent, and themselves. */
    const open: { list: List; indent: number; item: ListItem }[] = [];
    let blankBefore = false;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.text === '') {
        blankBefore = true;
        this.i++;
        continue;
      }
      const m = ITEM.exec(line.text);
      if (!m) {
        // After a blank line, a block at the left margin ends the list; anything else would belong to an item.
        if (blankBefore && line.text.charCodeAt(0) !== 32) break;
        unsupported();
      }
      const indent = m![1].length;
      const content = m![2];
      if (content === '' || opensBlock(content)) unsupported();
      let list: List;
      if (open.length === 0) list = root;
      else if (indent === open[open.length - 1].indent + 2) {
        // A new list inside the innermost open item.
        const parent = open[open.length - 1].item;
        list = newList(line.start + indent);
        parent.children.push(list);
      } else {
        const level = open.findIndex((o) => o.indent === indent);
        if (level < 0) unsupported();
        list = open[level].list;
        open.length = level;
      }
      if (blankBefore) {
        // A blank line between items makes the list loose (remark's `spread`); nothing here reads it.
        list.spread = true;
      }
      blankBefore = false;
      const start = line.start + indent + 2;
      const paragraph: Paragraph = { type: 'paragraph', children: this.inline(start, line.end, ''), position: this.position(start, line.end) };
      const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [paragraph], position: this.position(line.start + indent, line.end) };
      list.children.push(item);
      open.push({ list, indent, item });
      // Every open item and list now ends here (points of their own: restoreOffsets rewrites them in place).
      for (const o of open) {
        o.item.position!.end = this.point(line.end);
        o.list.position!.end = this.point(line.end);
      }
      this.i++;
    }
    return root;
  }

  /**
   * The phrasing content of src[start, end): text, code spans, inline links and emphasis;
   * `prefix` is what each continuation line starts with (`> ` in quotes). Code spans come first
   * (they bind tightest), then links in what lies between them, then emphasis in the rest.
   */
  private inline(start: number, end: number, prefix: string): PhrasingContent[] {
    // Searches run in this slice, never past `end`: a search of the whole draft per paragraph would be quadratic.
    const seg = this.src.slice(start, end);
    const out: PhrasingContent[] = [];
    let done = 0;
    for (let open = seg.indexOf('`'); open >= 0; open = seg.indexOf('`', done)) {
      const close = seg.indexOf('`', open + 1);
      // Only single backticks around a one-line value with no space at either end.
      if (close < 0 || close === open + 1 || seg[close + 1] === '`' || seg[open + 1] === ' ' || seg[close - 1] === ' ') unsupported();
      const value = seg.slice(open + 1, close);
      if (value.includes('\n')) unsupported();
      this.links(start + done, start + open, prefix, out);
      out.push({ type: 'inlineCode', value, position: this.position(start + open, start + close + 1) });
      done = close + 1;
    }
    this.links(start + done, end, prefix, out);
    return out;
  }

  /** Inline links in src[start, end), emphasis and text around them. */
  private links(start: number, end: number, prefix: string, out: PhrasingContent[]): void {
    const src = this.src;
    const source = src.slice(start, end);
    let done = start;
    if (source.includes('](')) {
      LINK.lastIndex = 0;
      for (let m = LINK.exec(source); m; m = LINK.exec(source)) {
        const at = start + m.index;
        // A label right after `[` or `]` may be part of a bigger bracket structure, and one with emphasis has more inside: remark decides.
        if (m.index > 0 && (source[m.index - 1] === '[' || source[m.index - 1] === ']')) unsupported();
        if (/[*_]/.test(m[1])) unsupported();
        this.emphasis(done, at, prefix, out);
        const labelStart = at + 1;
        const labelEnd = labelStart + m[1].length;
        const link: Link = { type: 'link', title: null, url: m[2], children: [], position: this.position(at, at + m[0].length) };
        link.children.push({ type: 'text', value: m[1], position: this.position(labelStart, labelEnd) });
        out.push(link);
        done = at + m[0].length;
      }
      // Any `](` left over belongs to a link this path cannot read.
      if (src.slice(done, end).includes('](') || out.some((n) => n.type === 'text' && n.value.includes(']('))) unsupported();
    }
    this.emphasis(done, end, prefix, out);
  }

  /**
   * Emphasis and strong emphasis in src[start, end), in the plainest form: delimiter runs of one
   * or two `*` or `_` that can only open or only close (judged by CommonMark's flanking rules on
   * ASCII neighbours), pairing in order with the same character and length, on one line, nothing
   * nested; anything else is remark's.
   */
  private emphasis(start: number, end: number, prefix: string, out: PhrasingContent[]): void {
    const src = this.src;
    const seg = src.slice(start, end);
    let done = start;
    let open: { at: number; run: string } | undefined;
    DELIMITERS.lastIndex = 0;
    for (let m = DELIMITERS.exec(seg); m; m = DELIMITERS.exec(seg)) {
      const run = m[0];
      const at = start + m.index;
      if (run.length > 2) unsupported();
      const before = at > 0 ? src.charCodeAt(at - 1) : 10;
      const after = at + run.length < src.length ? src.charCodeAt(at + run.length) : 10;
      if (before > 127 || after > 127) unsupported();
      const left = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
      const right = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
      if (left === right) unsupported();
      if (!open) {
        if (!left) unsupported();
        open = { at, run };
        continue;
      }
      if (!right || run !== open.run || src.slice(open.at, at).includes('\n')) unsupported();
      this.text(done, open.at, prefix, out);
      const inner: PhrasingContent[] = [];
      this.text(open.at + run.length, at, prefix, inner);
      const position = this.position(open.at, at + run.length);
      out.push(run.length === 1 ? ({ type: 'emphasis', children: inner, position } as Emphasis) : ({ type: 'strong', children: inner, position } as Strong));
      done = at + run.length;
      open = undefined;
    }
    if (open) unsupported();
    this.text(done, end, prefix, out);
  }

  /** A text node for src[start, end) (none when empty), without the continuation lines' prefix. */
  private text(start: number, end: number, prefix: string, out: PhrasingContent[]): void {
    if (end <= start) return;
    let value = this.src.slice(start, end);
    if (prefix) value = value.split(`\n${prefix}`).join('\n');
    const node: Text = { type: 'text', value, position: this.position(start, end) };
    out.push(node);
  }
}

const DELIMITERS = /\*+|_+/g;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/** ASCII punctuation, as CommonMark counts it. */
function isPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** The mdast tree remark would build for `src`, when the text is simple enough (see above); undefined otherwise. */
export function simpleTree(src: string): Root | undefined {
  try {
    return new SimpleTreeBuilder(src).build();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
