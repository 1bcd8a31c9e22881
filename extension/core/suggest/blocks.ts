/** The suggester's own block scan: one pass over a draft's lines, finding the paragraphs, list items, quote paragraphs and headings that could be elements (no parser internals, linear in the text). */
import type { Position, Range } from '../model';
import type { Kept } from './kept';

/** One block that could be an element (spec section 1), as the suggester sees it. */
export interface ProseBlock {
  block: 'paragraph' | 'listItem' | 'heading' | 'blockquote';
  /** The block's range as an element's would be: the paragraph, a list item's first paragraph, the heading line. */
  range: Range;
  /** Where a label is written (after list and quote markers, after `#`s for a heading). */
  contentStart: Position;
  /** Plain text on one line: emphasis markers, link targets and inline HTML tags dropped, line breaks read as spaces. */
  text: string;
  /** The block is nothing but an image or an embed (`![alt](fig.png)`, `![[figure.png]]`, `<img …>`): its text is the alt text, no prose. */
  figure?: boolean;
  /** A callout (`> [!note] Title` and its body): where the body starts in `text`, after the type and the title line. */
  callout?: number;
  /** Heading depth 1-6, for headings. */
  depth?: number;
  /** Index of the section (stretch between headings or thematic breaks); a heading opens the section it names. */
  section: number;
  /** Index (in the returned list) of the block this one is nested in: the enclosing list item, or the first paragraph of its blockquote; -1 when loose. */
  parent: number;
}

interface OpenItem {
  /** Column where the item's content starts: lines indented this far belong to it. */
  contentCol: number;
  block: number;
}

interface OpenParagraph {
  block: ProseBlock['block'];
  startLine: number;
  startChar: number;
  contentStart: Position;
  endLine: number;
  endChar: number;
  parts: string[];
  parent: number;
  quote: boolean;
}

const FENCE = /^(`{3,}|~{3,})/;
const ATX = /^(#{1,6})(?:[ \t]+|$)/;
const SETEXT = /^(=+|-+)[ \t]*$/;
const HR = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST = /^([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const HTML_START = /^<(?:!--|\?|![A-Za-z]|\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))/;
const LINK_DEF = /^\[[^\]]+\]:\s*\S/;
const TABLE_DELIM = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** What `\s` matches (as String.prototype.trim removes it). */
function isWhiteCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** The length of a line without its trailing white space (`line.trimEnd().length`, without the copy). */
function trimmedEnd(line: string): number {
  let end = line.length;
  while (end > 0 && isWhiteCode(line.charCodeAt(end - 1))) end--;
  return end;
}

/** Leading white space as columns (a tab to the next multiple of 4), left in indentCols; returns its length in characters. */
function indentOf(line: string): number {
  let cols = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) cols++;
    else if (c === 9) cols += 4 - (cols % 4);
    else break;
  }
  indentCols = cols;
  return i;
}
/** The columns of the white space indentOf last read (a result beside its return value, so no object per line). */
let indentCols = 0;

/**
 * Inline markdown to plain text, close to what the parser gives an element: emphasis and code
 * markers dropped, link text and image alt text kept, wikilinks by alias or name, HTML tags dropped.
 */
export function plainInline(s: string, oddWhite = true): string {
  // Most prose has no inline markup at all: then only the white space changes.
  // (Two spaces, or white space other than a space, are what can change; the cheap tests go first. `oddWhite`
  // false says the caller knows the text holds no white space but spaces.)
  if (!/[[<*_`]/.test(s)) return s.includes('  ') || (oddWhite && /[^\S ]/.test(s) && /\s\s|[\t\n\r\f\v]/.test(s)) ? s.replace(WHITE_RUN, ' ').trim() : s.trim();
  // Every pattern is bounded (no unbounded scan to the end of the text from each start), so a paragraph of a
  // thousand unclosed brackets or stars costs linear time. A pattern runs only when the text holds what it needs.
  let t = s;
  if (t.includes('[[')) t = t.replace(/!?\[\[([^\][|\n]{0,300})(?:\|([^\][\n]{0,300}))?\]\]/g, (_, name: string, alias?: string) => alias ?? name);
  if (t.includes('](')) t = t.replace(/!?\[([^\][]{0,500})\]\([^()\s]{0,500}(?:\s+"[^"]{0,200}")?\)/g, '$1');
  if (t.includes('][')) t = t.replace(/!?\[([^\][]{0,500})\]\[[^\][]{0,200}\]/g, '$1');
  if (t.includes('<')) t = t.replace(/<\/?[A-Za-z][^<>]{0,500}>/g, '');
  if (t.includes('*') || t.includes('_')) {
    // (Stars may hold underscores and underscores stars: "**maple_road:**" is bold.)
    if (t.includes('**')) t = t.replace(STRONG_STAR, '$1');
    if (t.includes('__')) t = t.replace(STRONG_UNDER, '$1');
    if (t.includes('*')) t = t.replace(EM_STAR, '$1$2');
    if (t.includes('_')) t = t.replace(EM_UNDER, '$1$2');
    if (t.includes('**')) t = t.replace(STRONG_STAR, '$1');
    if (t.includes('__')) t = t.replace(STRONG_UNDER, '$1');
  }
  if (t.includes('`')) t = t.replace(/`+([^`]{0,1000})`+/g, '$1');
  // As above: only doubled spaces or other white space need the replacement (the patterns add no white space of their own).
  return (t.includes('  ') || (oddWhite && /[^\S ]/.test(t)) ? t.replace(WHITE_RUN, ' ') : t).trim();
}
const WHITE = /\s/;
/** One image or embed, as a block's whole source may be (bounded, so linear). */
const ONE_FIGURE = String.raw`(?:!\[[^\]\n]{0,1000}\]\([^()\s]{0,1000}(?:\s+"[^"]{0,300}")?\)|!\[\[[^\]\n]{0,600}\]\]|<img\b[^<>]{0,2000}>)`;
const FIGURE_ONLY = new RegExp(`^\\s*${ONE_FIGURE}(?:\\s+${ONE_FIGURE}){0,20}\\s*$`);
/**
 * What makes a block's text more than its lines joined and trimmed: inline markup, an id marker, two spaces, white
 * space but a space, or any character beyond ASCII (no white space but a space is ASCII; so a text without any is
 * known to need no normalizing either, see findCues). One class and one literal, so one fast scan.
 */
const SPECIAL = /[[<*_`^\t\n\v\f\r\u0080-\uffff]| {2}/;
/** What follows the `^` of an id marker at the end of a block. */
const ID_TAIL = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const STRONG_STAR = /\*\*(?=\S)([^*]{0,500}?\S)\*\*/g;
const STRONG_UNDER = /__(?=\S)([^_]{0,500}?\S)__/g;
const EM_STAR = /(^|[^\w*])\*(?=\S)([^*]{0,500}?\S)\*(?![\w*])/g;
const EM_UNDER = /(^|[^\w_])_(?=\S)([^_]{0,500}?\S)_(?![\w_])/g;
/** A run of white space that `\s+` → ` ` would change: not a lone space (most of a text's gaps, left alone). */
const WHITE_RUN = /(?! (?!\s))\s+/g;
/**
 * Finds the blocks of a draft that could be elements, in source order. Code (fenced and
 * indented), HTML blocks, front matter, tables and link definitions are skipped. Lines are
 * split at \n, \r\n and \r; a leading BOM is not counted. One pass, linear in the text.
 * `plain`, when given, receives one entry a block: true when its text is known to be plain
 * ASCII (no markup, no white space but single spaces), so the cue reader need not look again.
 * `texts`, when given, keeps each marked-up block's plain text by its source from call to call.
 */
export function scanBlocks(text: string, plain?: boolean[], texts?: Kept<string>): ProseBlock[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most drafts end their lines with \n alone: a plain split then.
  const lines = src.includes('\r') ? src.split(/\r\n|\n|\r/) : src.split('\n');
  const blocks: ProseBlock[] = [];
  let section = 0;
  let items: OpenItem[] = [];
  let para: OpenParagraph | undefined;
  let fence: { marker: string } | undefined;
  let html: 'comment' | 'block' | undefined;
  let table = false;
  /** Index of the first paragraph of the open blockquote, or -1. */
  let quoteFirst = -1;
  let inQuote = false;
  let prevBlank = true;

  const close = () => {
    if (!para) return;
    const p = para;
    para = undefined;
    const joined = p.parts.length === 1 ? p.parts[0] : p.parts.join(' ');
    let body: string;
    // Most blocks hold no inline markup, no `^`, no doubled or odd white space: then the text is the lines as they are
    // (one test instead of plainInline's several and the marker look-up).
    const special = SPECIAL.test(joined);
    if (!special) body = joined.trim();
    else {
      const kept = texts?.get(joined);
      if (kept !== undefined) body = kept;
      else {
        body = plainInline(joined);
        // A trailing ` ^id` marker is markup, not text.
        const caret = body.lastIndexOf('^');
        if (caret >= 0 && (caret === 0 || WHITE.test(body[caret - 1])) && ID_TAIL.test(body.slice(caret + 1))) body = body.slice(0, Math.max(0, caret - 1)).trim();
        texts?.set(joined, body);
      }
    }
    if (!body) return;
    // (A paragraph's lines start where its text does: the first character says whether a figure can be all it holds.)
    const first = joined.charCodeAt(0);
    const figure = (first === 33 || first === 60) && FIGURE_ONLY.test(joined);
    // (A callout's first line is its type and title: the writer's prose starts on the next line.)
    let callout: number | undefined;
    if (p.quote && first === 91 && joined.charCodeAt(1) === 33 && p.parts.length > 1) {
      const title = plainInline(p.parts[0]);
      if (body.startsWith(title) && body.length > title.length + 1) callout = title.length + 1;
    }
    const idx = blocks.length;
    plain?.push(!special);
    blocks.push({
      block: p.block,
      range: { start: { line: p.startLine, character: p.startChar }, end: { line: p.endLine, character: p.endChar } },
      contentStart: p.contentStart,
      text: body,
      figure,
      callout,
      section,
      parent: p.parent,
    });
    if (p.block === 'listItem' && !p.quote && items.length > 0) items[items.length - 1].block = idx;
    if (p.quote && quoteFirst < 0) quoteFirst = idx;
  };

  /** How many of the open items a line indented `cols` columns stays inside. */
  const within = (cols: number) => {
    let k = items.length;
    while (k > 0 && items[k - 1].contentCol > cols) k--;
    return k;
  };

  let lineNo = 0;
  // Front matter: a `---` first line up to the next `---` or `...` line.
  if (lines.length > 1 && /^---[ \t]*$/.test(lines[0])) {
    const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
    if (end > 0) lineNo = end + 1;
  }

  for (; lineNo < lines.length; lineNo++) {
    const raw = lines[lineNo];
    // Quote markers: strip every level; the text after them is what the line holds.
    let rest = raw;
    let offset = 0;
    let quoted = false;
    // Only a line with `>` among its first characters can be quoted.
    let gt = -1;
    for (let k = 0; k < 4 && k < raw.length; k++) {
      if (raw.charCodeAt(k) === 0x3e) {
        gt = k;
        break;
      }
    }
    for (; gt >= 0 && gt < 4 + offset; ) {
      const q = /^ {0,3}> ?/.exec(rest);
      if (!q) break;
      quoted = true;
      rest = rest.slice(q[0].length);
      offset += q[0].length;
    }
    // Where the line's text ends, trailing white space left out (0: a blank line); one backward look, no copy.
    const restEnd = trimmedEnd(rest);
    const blank = restEnd === 0;

    if (fence) {
      const t = rest.trimStart();
      if (t.startsWith(fence.marker) && /^(`+|~+)[ \t]*$/.test(t)) fence = undefined;
      continue;
    }
    if (html) {
      if (html === 'comment' ? rest.includes('-->') : blank) html = undefined;
      continue;
    }
    if (table) {
      if (blank) table = false;
      else continue;
    }

    if (!quoted && inQuote && !(para?.quote && !blank)) {
      // A line without `>` ends the quote unless it continues the quote's open paragraph (lazily).
      close();
      inQuote = false;
      quoteFirst = -1;
    }
    if (quoted && !inQuote) {
      close();
      inQuote = true;
      quoteFirst = -1;
    }

    if (blank) {
      close();
      prevBlank = true;
      continue;
    }

    const indChars = indentOf(rest);
    const indCols = indentCols;
    const body = indChars === 0 ? rest : rest.slice(indChars);
    const bodyChar = offset + indChars;

    // Inside a quote: paragraphs only (lists and code inside quotes are read as plain paragraphs).
    if (inQuote) {
      if (FENCE.test(body) && indCols < 4) {
        close();
        fence = { marker: FENCE.exec(body)![1] };
        continue;
      }
      // A list item inside the quote: its text starts after the marker (nested lists in quotes are read flat).
      const qm = LIST.exec(body);
      if (qm && body.slice(qm[0].length).trim() !== '' && !HR.test(body.trimEnd())) {
        close();
        const c = bodyChar + qm[0].length;
        para = {
          block: 'listItem',
          startLine: lineNo,
          startChar: c,
          contentStart: { line: lineNo, character: c },
          endLine: lineNo,
          endChar: offset + restEnd,
          parts: [body.slice(qm[0].length)],
          parent: quoteFirst,
          quote: true,
        };
      } else if (para) {
        para.parts.push(body);
        para.endLine = lineNo;
        para.endChar = offset + restEnd;
      } else {
        para = {
          block: 'blockquote',
          startLine: lineNo,
          startChar: bodyChar,
          contentStart: { line: lineNo, character: bodyChar },
          endLine: lineNo,
          endChar: offset + restEnd,
          parts: [body],
          parent: quoteFirst,
          quote: true,
        };
      }
      prevBlank = false;
      continue;
    }

    if (indCols < 4 || (items.length > 0 && indCols >= 4 && indCols - (items[within(indCols) - 1]?.contentCol ?? 0) < 4)) {
      // Setext underline turns the open paragraph into a heading.
      const c0 = body[0];
      const maybeRule = c0 === '-' || c0 === '*' || c0 === '_' || c0 === '=';
      if (maybeRule && para && para.block === 'paragraph' && para.parent < 0 && SETEXT.test(body) && indCols < 4) {
        para.block = 'heading';
        const depth = body[0] === '=' ? 1 : 2;
        const p = para;
        para = undefined;
        const t = plainInline(p.parts.join(' '));
        if (t) plain?.push(false);
        if (t) blocks.push({ block: 'heading', range: { start: { line: p.startLine, character: p.startChar }, end: { line: p.endLine, character: p.endChar } }, contentStart: p.contentStart, text: t, depth, section: ++section, parent: -1 });
        prevBlank = false;
        continue;
      }
      if (maybeRule && HR.test(body.trimEnd())) {
        close();
        items = [];
        section++;
        prevBlank = true;
        continue;
      }
      const fm = c0 === '`' || c0 === '~' ? FENCE.exec(body) : null;
      if (fm && !(fm[1][0] === '`' && body.slice(fm[1].length).includes('`'))) {
        close();
        if (indCols < (items[items.length - 1]?.contentCol ?? 0)) items.length = within(indCols);
        fence = { marker: fm[1] };
        continue;
      }
      const atx = c0 === '#' ? ATX.exec(body) : null;
      if (atx) {
        close();
        items = [];
        const depth = atx[1].length;
        const inner = body.slice(atx[0].length).replace(/[ \t]+#+[ \t]*$|^#+[ \t]*$/, '').trimEnd();
        const t = plainInline(inner);
        section++;
        if (t) {
          plain?.push(false);
          blocks.push({
            block: 'heading',
            range: { start: { line: lineNo, character: bodyChar }, end: { line: lineNo, character: offset + restEnd } },
            contentStart: { line: lineNo, character: bodyChar + atx[0].length },
            text: t,
            depth,
            section,
            parent: -1,
          });
        }
        prevBlank = false;
        continue;
      }
      if (!para && c0 === '<' && HTML_START.test(body)) {
        html = body.startsWith('<!--') && !body.includes('-->') ? 'comment' : body.startsWith('<!--') ? undefined : 'block';
        if (html === 'block' && blank) html = undefined;
        continue;
      }
      if (!para && c0 === '[' && LINK_DEF.test(body)) continue;
      if (para && para.parts.length === 1 && (c0 === '|' || c0 === ':' || c0 === '-') && TABLE_DELIM.test(body) && body.includes('-') && (body.includes('|') || para.parts[0].includes('|'))) {
        para = undefined; // a table: its header row was not a paragraph
        table = true;
        continue;
      }
      const lm = c0 === '-' || c0 === '*' || c0 === '+' || (c0 >= '0' && c0 <= '9') ? LIST.exec(body) : null;
      // An ordered list interrupts a paragraph only when it starts at 1; an empty item never does.
      // Inside a list, any marker starts the next item.
      const interrupts = lm && (!para || items.length > 0 || ((/^[-*+]$/.test(lm[1]) || /^1[.)]$/.test(lm[1])) && body.slice(lm[0].length).trim() !== ''));
      if (lm && interrupts) {
        close();
        const k = within(indCols);
        if (k !== items.length) items.length = k;
        const spaces = lm[2].length;
        const contentCol = indCols + lm[1].length + (spaces > 4 || spaces === 0 ? 1 : spaces);
        const parent = items.length > 0 ? items[items.length - 1].block : -1;
        const text = body.slice(lm[0].length);
        const c = bodyChar + lm[0].length;
        items.push({ contentCol, block: -1 });
        if (text.trim() === '' || HR.test(text.trim()) || FENCE.test(text.trimStart())) {
          if (FENCE.test(text.trimStart())) fence = { marker: FENCE.exec(text.trimStart())![1] };
          prevBlank = false;
          continue;
        }
        const tiChars = indentOf(text);
        const t = text.slice(tiChars);
        const atxIn = ATX.exec(t);
        para = {
          block: 'listItem',
          startLine: lineNo,
          startChar: c + tiChars,
          contentStart: { line: lineNo, character: c + tiChars + (atxIn ? atxIn[0].length : 0) },
          endLine: lineNo,
          endChar: offset + restEnd,
          parts: [atxIn ? t.slice(atxIn[0].length) : t],
          parent,
          quote: false,
        };
        prevBlank = false;
        continue;
      }
      if (para) {
        para.parts.push(body);
        para.endLine = lineNo;
        para.endChar = offset + restEnd;
        prevBlank = false;
        continue;
      }
      // A new paragraph: inside the items its indentation reaches (after a blank line), else loose.
      if (prevBlank && items.length > 0) {
        const k = within(indCols);
        if (k !== items.length) items.length = k;
      }
      const parent = items.length > 0 ? items[items.length - 1].block : -1;
      para = {
        block: 'paragraph',
        startLine: lineNo,
        startChar: bodyChar,
        contentStart: { line: lineNo, character: bodyChar },
        endLine: lineNo,
        endChar: offset + restEnd,
        parts: [body],
        parent,
        quote: false,
      };
      prevBlank = false;
      continue;
    }
    // Indented four or more: a paragraph's continuation, else indented code.
    if (para) {
      para.parts.push(body);
      para.endLine = lineNo;
      para.endChar = offset + restEnd;
    }
    prevBlank = false;
  }
  close();
  return blocks;
}
