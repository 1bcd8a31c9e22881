/**
 * The markdown-it instance Crux Map reads drafts with: CommonMark rules (as remark-parse reads them),
 * wikilinks as tokens, inline links and reference definitions marked with where they are, URLs kept
 * as written, and a nesting cap past which blocks are read as plain text (no recursion without bound).
 */
import MarkdownIt, { type StateBlock, type StateInline, type Token } from 'markdown-it';

/** Container depth (in markdown-it's token levels: a list item is two, a quote one) past which blocks are plain text. */
export const MAX_BLOCK_LEVEL = 64;

/** Where an inline link or wikilink lies in its inline token's content (offsets into `content`). */
export interface InlineSpan {
  start: number;
  end: number;
  /** A wikilink written as an embed, `![[…]]` (its span then starts at the `!`). */
  embed?: boolean;
}

/** What a parse records beside its tokens. */
export interface ParseEnv {
  references?: Record<string, { href: string; title: string }>;
  [key: string | symbol]: unknown;
}

/**
 * Inline nesting (links in emphasis in links...) as deep as CommonMark's preset allows: each level multiplies the work
 * on runs of brackets, so more costs time on hostile input and buys nothing on real posts. Blocks get their own cap.
 */
const INLINE_NESTING = 20;
const md = MarkdownIt('commonmark', { html: true, maxNesting: INLINE_NESTING });
/**
 * Tokens made the plain way. markdown-it 15's build defines each of a token's fields with Object.defineProperty,
 * which was a fifth of all parse time; these are the same tokens (same fields, defaults and prototype, so
 * `attrGet` and `instanceof` work), made by the states of this instance only.
 */
const TokenClass = (MarkdownIt as unknown as { Token: new (type: string, tag: string, nesting: Token['nesting']) => Token }).Token;
function PlainToken(this: Token, type: string, tag: string, nesting: Token['nesting']): void {
  this.type = type;
  this.tag = tag;
  this.attrs = null;
  this.map = null;
  this.nesting = nesting;
  this.level = 0;
  this.children = null;
  this.content = '';
  this.markup = '';
  this.info = '';
  this.meta = null;
  this.block = false;
  this.hidden = false;
}
PlainToken.prototype = TokenClass.prototype;
const newToken = (type: string, tag: string, nesting: Token['nesting']): Token => new (PlainToken as unknown as typeof TokenClass)(type, tag, nesting);

type BlockStateClass = new (...args: ConstructorParameters<typeof md.block.State>) => StateBlock;
type InlineStateClass = new (...args: ConstructorParameters<typeof md.inline.State>) => StateInline;
/** The block state, pushing plain tokens (the same steps as markdown-it's own `push`). */
class BlockState extends (md.block.State as unknown as BlockStateClass) {
  override push(type: string, tag: string, nesting: Token['nesting']): Token {
    const token = newToken(type, tag, nesting);
    token.block = true;
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  }
}
/** The inline state, pushing plain tokens (the same steps as markdown-it's own `push` and `pushPending`). */
class InlineState extends (md.inline.State as unknown as InlineStateClass) {
  override pushPending(): Token {
    const token = newToken('text', '', 0);
    token.content = this.pending;
    token.level = this.pendingLevel;
    this.tokens.push(token);
    this.pending = '';
    return token;
  }
  override push(type: string, tag: string, nesting: Token['nesting']): Token {
    if (this.pending) this.pushPending();
    const token = newToken(type, tag, nesting);
    let meta: { delimiters: unknown[] } | undefined;
    const self = this as unknown as { delimiters: unknown[]; _prev_delimiters: unknown[][]; tokens_meta: unknown[] };
    if (nesting < 0) {
      this.level--;
      self.delimiters = self._prev_delimiters.pop()!;
    }
    token.level = this.level;
    if (nesting > 0) {
      this.level++;
      self._prev_delimiters.push(self.delimiters);
      self.delimiters = [];
      meta = { delimiters: self.delimiters };
    }
    this.pendingLevel = this.level;
    this.tokens.push(token);
    self.tokens_meta.push(meta);
    return token;
  }
}
(md.block as unknown as { State: unknown }).State = BlockState;
/**
 * The inline state made the plain way, as tokens are: markdown-it 15's build sets each of its twelve fields through
 * a `_defineProperty` helper, which cost about 3 % of a cold index (an inline state per paragraph). The same fields in
 * the same order, with InlineState's prototype; test/core/fastPaths.test.ts checks they match the library's own.
 */
function PlainInlineState(this: StateInline, src: string, mdi: typeof md, env: ParseEnv, outTokens: Token[]): void {
  const self = this as unknown as Record<string, unknown>;
  self.pos = 0;
  self.level = 0;
  self.pending = '';
  self.pendingLevel = 0;
  self.cache = {};
  self.backticks = {};
  self.backticksScanned = false;
  self.skipHtmlSpecial = false;
  self.linkLevel = 0;
  self.delimiters = [];
  self._prev_delimiters = [];
  self.Token = TokenClass;
  self.src = src;
  self.env = env;
  self.md = mdi;
  self.tokens = outTokens;
  self.tokens_meta = Array(outTokens.length);
  self.posMax = src.length;
}
PlainInlineState.prototype = InlineState.prototype;
/** Both inline states, for the test that the plain one matches the library's. */
export const inlineStates = { library: InlineState as unknown as new (...a: unknown[]) => object, plain: PlainInlineState as unknown as new (...a: unknown[]) => object };
(md.inline as unknown as { State: unknown }).State = PlainInlineState;

// Keep destinations as written (remark's `url`): no percent-encoding, no link refused for its scheme.
md.normalizeLink = (url: string) => url;
md.validateLink = () => true;

type InlineRule = (state: StateInline, silent: boolean) => boolean;
/** markdown-it's own rule of that name, as the instance had it before Crux Map replaced or wrapped it. */
function libraryInlineRule(name: string): InlineRule {
  return (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__.find((r) => r.name === name)!.fn;
}
function libraryBlockRule(name: string): BlockRule {
  return (md.block.ruler as unknown as { __rules__: { name: string; fn: BlockRule }[] }).__rules__.find((r) => r.name === name)!.fn;
}

const originalLink = libraryInlineRule('link');

/** Whether a link (inline or by reference) starts at `pos`; the state is left as it was. */
function linkAt(state: StateInline, pos: number): boolean {
  if (state.src.charCodeAt(pos) !== 0x5b) return false;
  const keepPos = state.pos;
  const keepMax = state.posMax;
  state.pos = pos;
  try {
    return originalLink(state, true);
  } finally {
    state.pos = keepPos;
    state.posMax = keepMax;
  }
}

const WIKILINK = /\[\[([^[\]\n]*?)\]\]/y;

/**
 * `[[...]]` as one `wikilink` token (content: the whole source), unless a markdown link starts at either
 * bracket (then CommonMark reads a link there, as remark does), or the inner text holds code, emphasis or
 * html, which split remark's text nodes (a wikilink was only ever found inside one text node).
 */
function wikilink(state: StateInline, silent: boolean): boolean {
  const pos = state.pos;
  if (state.src.charCodeAt(pos) !== 0x5b || state.src.charCodeAt(pos + 1) !== 0x5b) return false;
  WIKILINK.lastIndex = pos;
  const m = WIKILINK.exec(state.src);
  if (!m || pos + m[0].length > state.posMax) return false;
  // Escaped characters open nothing (masked with as many characters, so offsets stay those of the source).
  const inner = m[1].replace(/\\[\s\S]/g, 'xx');
  // So does a `*` or `_` run only where it may open or close emphasis (`[[ ** ]]` is a wikilink to both readers).
  if ((inner.includes('*') || inner.includes('_')) && delimiterIn(state, inner, pos + 2)) return false;
  // A backtick or `<` splits remark's text only where it opens something (a code span, a tag, a comment, an autolink).
  if (inner.includes('`') && codeSpanOpensIn(state, inner, pos + 2)) return false;
  if (inner.includes('<') && tagOpensIn(state, inner, pos + 2)) return false;
  if (linkAt(state, pos) || linkAt(state, pos + 1)) return false;
  if (!silent) {
    const token = state.push('wikilink', '', 0);
    token.content = m[0];
    // `![[…]]` is an embed: the `!` just before (not escaped) belongs to it.
    const embed = pos > 0 && state.src.charCodeAt(pos - 1) === 0x21 && !(pos > 1 && state.src.charCodeAt(pos - 2) === 0x5c);
    token.meta = { start: embed ? pos - 1 : pos, end: pos + m[0].length, embed } satisfies InlineSpan;
  }
  state.pos = pos + m[0].length;
  return true;
}

/**
 * Whether a backtick run in `inner` (the masked text at `from` in the inline source) opens a code span: a run as long
 * comes later in the source. The last start of a run of each length is found in one scan per inline source (kept on
 * the state), so many wikilinks with backticks in one paragraph stay linear.
 */
function codeSpanOpensIn(state: StateInline, inner: string, from: number): boolean {
  const st = state as unknown as { lastRunAt?: Map<number, number> };
  let last = st.lastRunAt;
  if (!last) {
    last = new Map();
    const src = state.src;
    // Over the whole inline source, not to posMax: the state is reused with a shorter posMax for a link's text, and the
    // map, made once, must hold for every look (a code span closing past a link's text leaves no link to be inside).
    for (let k = src.indexOf('`'); k >= 0; k = src.indexOf('`', k)) {
      let e = k;
      while (e < src.length && src.charCodeAt(e) === 0x60) e++;
      last.set(e - k, k);
      k = e;
    }
    st.lastRunAt = last;
  }
  for (let i = inner.indexOf('`'); i >= 0; i = inner.indexOf('`', i)) {
    let j = i;
    while (j < inner.length && inner.charCodeAt(j) === 0x60) j++;
    // The run ends inside the inner text (`]]` follows it); a run as long starting after it closes a code span.
    if ((last.get(j - i) ?? -1) >= from + j) return true;
    i = j;
  }
  return false;
}

/** Whether a `*` or `_` run in `inner` (the masked text at `from`) is flanking so that it may open or close emphasis. */
function delimiterIn(state: StateInline, inner: string, from: number): boolean {
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c !== 0x2a && c !== 0x5f) continue;
    const run = state.scanDelims(from + i, c === 0x2a);
    if (run.can_open || run.can_close) return true;
    i += run.length - 1;
  }
  return false;
}

/**
 * Whether a `<` in `inner` (the masked text at `from`) starts inline HTML or an autolink, as the inline rules would
 * read it there (through htmlInline, whose memo of missing terminators keeps repeated looks linear).
 */
function tagOpensIn(state: StateInline, inner: string, from: number): boolean {
  const pos = state.pos;
  try {
    for (let i = inner.indexOf('<'); i >= 0; i = inner.indexOf('<', i + 1)) {
      state.pos = from + i;
      if (htmlInline(state, true) || originalAutolink(state, true)) return true;
    }
    return false;
  } finally {
    state.pos = pos;
  }
}

/** The link rule, marking each inline link (`[text](url)`, not by reference) with its span. */
function markedLink(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const before = state.tokens.length;
  const ok = originalLink(state, silent);
  if (ok && !silent) {
    for (let i = before; i < state.tokens.length; i++) {
      const t = state.tokens[i];
      if (t.type !== 'link_open') continue;
      // A link by reference has a label in its meta; an inline link ends with its `)`.
      if (!(t.meta && t.meta.label) && state.src.charCodeAt(state.pos - 1) === 0x29) t.meta = { start, end: state.pos } satisfies InlineSpan;
      break;
    }
  }
  return ok;
}

const originalHtmlInline = libraryInlineRule('html_inline');
const originalAutolink = libraryInlineRule('autolink');

/** The terminator an HTML special (comment, CDATA, processing instruction, declaration) at `pos` waits for, and where its search starts. */
function specialAt(src: string, pos: number): [string, number] | undefined {
  if (src.startsWith('<!--', pos)) return ['-->', pos + 4];
  if (src.startsWith('<![CDATA[', pos)) return [']]>', pos + 9];
  if (src.charCodeAt(pos + 1) === 0x3f) return ['?>', pos + 2];
  if (src.charCodeAt(pos + 1) === 0x21) return ['>', pos + 3];
  return undefined;
}

/**
 * Inline HTML, with markdown-it's guard for unterminated comments made exact: it stops looking for any special
 * once one had no terminator, so after a `[` whose label scan met an unclosed `<!--` further on, an earlier closed
 * `<!-- … -->` was text (remark reads a comment). Here a search is skipped only from where that terminator is known absent.
 */
function htmlInline(state: StateInline, silent: boolean): boolean {
  const st = state as unknown as { skipHtmlSpecial: boolean; noTerminatorFrom?: Record<string, number> };
  const special = state.src.charCodeAt(state.pos) === 0x3c ? specialAt(state.src, state.pos) : undefined;
  let known = false;
  if (special) {
    const from = st.noTerminatorFrom?.[special[0]];
    known = from !== undefined && special[1] >= from;
    st.skipHtmlSpecial = known;
  }
  const ok = originalHtmlInline(state, silent);
  // Not known before, and the library searched and found no terminator (it sets skipHtmlSpecial only then): none
  // comes after this start either. Only a new search is recorded, so each special costs one search at most
  // (checking the memo again with a search of its own made many unclosed `<!--` quadratic).
  if (special && !ok && !known && st.skipHtmlSpecial) {
    (st.noTerminatorFrom ??= {})[special[0]] = Math.min(st.noTerminatorFrom[special[0]] ?? Infinity, special[1]);
  }
  return ok;
}

const originalBackticks = libraryInlineRule('backticks');

/**
 * Code spans across a line break, as remark gives them: markdown-it turns each line ending into a space and keeps the
 * continuation line's indentation (`` `a⏎    b` `` is `a     b`); remark keeps the line ending, which the element text
 * then reads, with the white space around it, as one space (`a b`, spec section 1). The span's content is taken again
 * from its source with its line endings, one space or line ending of padding dropped from each end as both readers do.
 */
function backticks(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const before = state.tokens.length;
  const ok = originalBackticks(state, silent);
  // The rule pushes the pending text first, then its code token (or, for unmatched backticks, only pending text).
  if (!ok || silent || state.tokens.length === before) return ok;
  const token = state.tokens[state.tokens.length - 1];
  if (token.type !== 'code_inline') return ok;
  const fence = token.markup.length;
  const raw = state.src.slice(start + fence, state.pos - fence);
  if (raw.indexOf('\n') < 0) return ok;
  const pad = (c: number) => c === 0x20 || c === 0x0a;
  token.content = raw.length > 2 && pad(raw.charCodeAt(0)) && pad(raw.charCodeAt(raw.length - 1)) && /[^ \n]/.test(raw) ? raw.slice(1, -1) : raw;
  return ok;
}

md.inline.ruler.at('backticks', backticks);
md.inline.ruler.at('html_inline', htmlInline);
md.inline.ruler.at('link', markedLink);
md.inline.ruler.before('link', 'wikilink', wikilink);

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
const originalBlockquote = libraryBlockRule('blockquote');

/**
 * The blockquote rule, except that a `>` indented four columns or more continues no quote (CommonMark allows three;
 * markdown-it 15 takes any, where remark reads the line as code or as a lazy paragraph line). The rule tests for `>`
 * at the line's first non-space character: for those lines it is shown the indentation instead, then given back.
 */
function blockquote(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (silent) return originalBlockquote(state, startLine, endLine, silent);
  // Not a quote here: the rule says no at once (and the walk below must not run for every line of the draft).
  if (state.sCount[startLine] - state.blkIndent >= 4 || state.src.charCodeAt(state.bMarks[startLine] + state.tShift[startLine]) !== 0x3e) return false;
  const changed: number[] = [];
  // The same walk as the rule's own over the quote's lines (so no line is looked at more often than the rule does).
  const terminators = state.md.block.ruler.getRules('blockquote');
  const parentType = state.parentType;
  state.parentType = 'blockquote';
  let lastLineEmpty = false;
  for (let line = startLine; line < endLine; line++) {
    let pos = state.bMarks[line] + state.tShift[line];
    const max = state.eMarks[line];
    if (pos >= max) break; // an empty line ends every quote
    let count = state.sCount[line];
    if (count < 0) {
      // A lazy line of an outer quote: markdown-it marks it -1, so inner quotes let it start a list or the like,
      // whatever its indentation. Shown its own indentation, four columns or more stay a lazy paragraph line.
      // Deep against this quote's own indentation too: inside a list item in the outer quote (`> - > a`, then
      // `    - b`), four columns are no deeper than the item's content, yet CommonMark reads the line as lazy.
      count = indentOf(state, line);
      if (count >= 4) {
        changed.push(line, state.tShift[line], state.sCount[line]);
        state.sCount[line] = count = Math.max(count, state.blkIndent + 4);
      }
    }
    const deep = count - state.blkIndent >= 4;
    const marker = state.src.charCodeAt(pos) === 0x3e;
    if (marker && !deep && count >= state.blkIndent) {
      pos++;
      if (state.src.charCodeAt(pos) === 0x20 || state.src.charCodeAt(pos) === 0x09) pos++;
      while (pos < max && (state.src.charCodeAt(pos) === 0x20 || state.src.charCodeAt(pos) === 0x09)) pos++;
      lastLineEmpty = pos >= max;
      continue;
    }
    if (marker && deep) {
      changed.push(line, state.tShift[line], state.sCount[line]);
      state.tShift[line] = 0;
    }
    if (lastLineEmpty) break;
    let ends = false;
    for (const rule of terminators) {
      if (rule(state, line, endLine, true)) {
        ends = true;
        break;
      }
    }
    if (ends) break;
  }
  state.parentType = parentType;
  try {
    return originalBlockquote(state, startLine, endLine, silent);
  } finally {
    for (let i = changed.length - 3; i >= 0; i -= 3) {
      state.tShift[changed[i]] = changed[i + 1];
      state.sCount[changed[i]] = changed[i + 2];
    }
  }
}

/** Columns of white space a line starts with (from its block start, tabs to the next multiple of 4). */
function indentOf(state: StateBlock, line: number): number {
  let col = 0;
  for (let p = state.bMarks[line]; p < state.eMarks[line]; p++) {
    const c = state.src.charCodeAt(p);
    if (c === 0x20) col++;
    else if (c === 0x09) col += 4 - (col % 4);
    else break;
  }
  return col;
}

const originalReference = libraryBlockRule('reference');
const paragraphRule = libraryBlockRule('paragraph');
const lheadingRule = libraryBlockRule('lheading');

/**
 * Reference definitions, then (as CommonMark reads them, being the start of a paragraph) a line right after
 * them that could not interrupt a paragraph continues it: a line indented four columns or more is no code block,
 * `2) x` no list (markdown-it reads both as new blocks).
 */
function reference(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (silent) return originalReference(state, startLine, endLine, silent);
  // Read the definition into an empty table of its own, so its token can say what it defines (even when an earlier
  // definition of the label wins); then it joins the draft's table, first definition first.
  const env = state.env as ParseEnv;
  const table = env.references;
  env.references = {};
  const before = state.tokens.length;
  let ok = false;
  try {
    ok = originalReference(state, startLine, endLine, silent);
  } finally {
    const own = env.references;
    env.references = table ?? (ok ? {} : undefined);
    if (ok && env.references) {
      for (const label of Object.keys(own)) {
        if (!(label in env.references)) env.references[label] = own[label];
        const token = state.tokens[before];
        if (token && token.type === 'reference_definition') token.meta = { label, href: own[label].href, title: own[label].title };
      }
    }
  }
  if (!ok) return ok;
  const line = state.line;
  if (line < endLine && !state.isEmpty(line) && continuesParagraph(state, line, endLine)) {
    if (!lheadingRule(state, line, endLine, false)) paragraphRule(state, line, endLine, false);
  }
  return ok;
}

/**
 * Whether a line right after reference definitions goes on with the paragraph they began: it is no further
 * definition, and nothing that may interrupt a paragraph starts there (a line indented four columns, an ordered
 * item from another number than 1, an empty item, an inline-level tag). markdown-it starts afresh there.
 */
function continuesParagraph(state: StateBlock, line: number, endLine: number): boolean {
  if (state.sCount[line] - state.blkIndent >= 4) return true;
  if (originalReference(state, line, endLine, true)) return false;
  const parentType = state.parentType;
  state.parentType = 'paragraph';
  try {
    for (const rule of state.md.block.ruler.getRules('paragraph')) if (rule(state, line, endLine, true)) return false;
  } finally {
    state.parentType = parentType;
  }
  return true;
}
md.block.ruler.at('blockquote', blockquote, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
md.block.ruler.at('reference', reference);

/**
 * A line outdented from the list item it would interrupt belongs to the item's parent, where four columns of
 * indentation make it no block start (CommonMark reads a lazy paragraph line; markdown-it measured it against
 * the item's indentation and let a fence, quote, rule, heading or html block interrupt).
 */
for (const name of ['fence', 'blockquote', 'hr', 'html_block', 'heading', 'list']) {
  const rules = (md.block.ruler as unknown as { __rules__: { name: string; fn: BlockRule; alt: string[] }[] }).__rules__;
  const rule = rules.find((r) => r.name === name)!;
  const inner = rule.fn;
  md.block.ruler.at(
    name,
    (state, startLine, endLine, silent) => {
      if (silent && outdentedTooFar(state, startLine)) return false;
      return inner(state, startLine, endLine, silent);
    },
    { alt: rule.alt.slice() },
  );
}

/**
 * Whether a line outdented from the current list item is indented four columns or more past the container it falls
 * back to (the nearest enclosing item whose indentation it reaches, or the quote or root around them).
 */
function outdentedTooFar(state: StateBlock, line: number): boolean {
  const count = state.sCount[line];
  if (count < 0 || count >= state.blkIndent) return false;
  let base = 0;
  for (let k = indents.length - 1; k >= 0; k--) {
    const indent = indents[k];
    if (indent === 0) break; // a quote or the root: indentation counts from here
    if (indent <= count) {
      base = indent;
      break;
    }
  }
  return count - base >= 4;
}

/** The indentation of each block tokenizer running (nested list items push theirs; quotes and the root push 0). */
const indents: number[] = [];

type Tokenize = (state: StateBlock, startLine: number, endLine: number) => void;
const tokenize = md.block.tokenize.bind(md.block) as Tokenize;
/** The block tokenizer with the nesting cap: past it, the lines are one plain-text paragraph (no recursion). */
md.block.tokenize = function cappedTokenize(state: StateBlock, startLine: number, endLine: number): void {
  if (state.level < MAX_BLOCK_LEVEL) {
    indents.push(state.blkIndent);
    try {
      return tokenize(state, startLine, endLine);
    } finally {
      indents.pop();
    }
  }
  const line = state.skipEmptyLines(startLine);
  if (line >= endLine || state.sCount[line] < state.blkIndent) return;
  // The container's lines: up to the first one outdented from it (where markdown-it's own loop stops).
  let last = line;
  let stop = line + 1;
  for (; stop < endLine; stop++) {
    if (state.isEmpty(stop)) continue;
    if (state.sCount[stop] < state.blkIndent) break;
    last = stop;
  }
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [line, last + 1];
  open.meta = { tooDeep: true };
  const inline = state.push('inline', '', 0);
  inline.content = state.getLines(line, last + 1, state.blkIndent, false).trim();
  inline.map = [line, last + 1];
  // Plain text: one text child, never parsed for markup.
  const text = new state.Token('text', '', 0);
  text.content = inline.content;
  inline.children = [text];
  state.push('paragraph_close', 'p', -1);
  state.line = stop;
};

/** A backslash escape, or a numeric character reference (hex, decimal). */
const ESCAPE_OR_NUMERIC = /\\[\s\S]|&#[xX]([0-9a-fA-F]{1,6});|&#([0-9]{1,7});/g;

/** Decodes backslash escapes and character references, as CommonMark does in text. */
export function unescapeAll(text: string): string {
  // markdown-it's unescapeAll leaves a numeric reference to an invalid code point (`&#0;`) as written; its entity rule,
  // micromark and CommonMark read U+FFFD there. Escapes are matched too, so that `\\&#0;` stays literal.
  if (text.includes('&#')) text = text.replace(ESCAPE_OR_NUMERIC, (m: string, hex?: string, dec?: string) => (m.charCodeAt(0) === 0x5c || md.utils.isValidEntityCode(hex !== undefined ? parseInt(hex, 16) : Number(dec)) ? m : '&#xFFFD;'));
  return md.utils.unescapeAll(text);
}

/** Block tokens of a normalized source (only `\n` line ends) from line `firstLine` on; inline tokens are left unparsed (children empty). */
export function parseBlocks(src: string, env: ParseEnv, firstLine = 0): Token[] {
  const tokens: Token[] = [];
  // markdown-it's own block limit (which drops what lies deeper) stays above ours, which keeps it as plain text.
  md.options.maxNesting = MAX_BLOCK_LEVEL + 2;
  try {
    if (firstLine === 0) md.block.parse(src, md, env, tokens);
    else if (src) {
      // What md.block.parse does, from a later line (after front matter: its lines keep their text and offsets).
      const state = new (md.block as unknown as { State: new (s: string, m: typeof md, e: ParseEnv, t: Token[]) => StateBlock }).State(src, md, env, tokens);
      md.block.tokenize(state, Math.min(firstLine, state.lineMax), state.lineMax);
    }
  } finally {
    md.options.maxNesting = INLINE_NESTING;
  }
  return tokens;
}

/** Parses one inline token's content into its children (once). */
export function parseInline(token: Token, env: ParseEnv): Token[] {
  if (token.children && token.children.length) return token.children;
  const children: Token[] = [];
  md.inline.parse(token.content, md, env, children);
  token.children = children;
  return children;
}

export type { Token };
