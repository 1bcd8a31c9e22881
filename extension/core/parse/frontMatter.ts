/**
 * Reading a draft's front matter: a fast path for the flat `key: value` shape nearly
 * every draft uses, and the `yaml` library for everything else. Both give the same data.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/** Front matter data as a plain record, or undefined when it is malformed or not a mapping. */
export function readFrontMatterData(source: string): Record<string, unknown> | undefined {
  const fast = readFlatFrontMatter(source);
  if (fast !== undefined) return fast;
  try {
    // Warnings (BAD_ALIAS and the like) are never printed; an error makes the front matter malformed (ignored).
    const doc = parseDocument(source.length > FULL_YAML ? keptEntries(source) : source, { logLevel: 'silent' });
    if (doc.errors.length) return undefined;
    const root = doc.contents;
    if (root === null || root === undefined) return undefined;
    if (!isMap(root)) return undefined;
    // Only the keys Crux Map reads are turned into values: the whole document could hold aliases of aliases whose
    // expansion (and the yaml library's count of it) grows with the square of the front matter.
    const out: Record<string, unknown> = {};
    for (const key of ['title', 'topics', 'aliases']) {
      if (!doc.has(key)) continue;
      out[key] = valueOf(doc, doc.get(key, true));
    }
    return out;
  } catch {
    return undefined; // malformed front matter is ignored
  }
}

/** Front matter longer than this is cut to the entries Crux Map reads before the yaml library sees it (its anchors cost the square of the length). */
const FULL_YAML = 64 * 1024;
const READ_KEY = /^(?:title|topics|aliases)\s*:/;

/** The top-level `title:`, `topics:` and `aliases:` entries of a long front matter, with their indented lines. */
function keptEntries(source: string): string {
  const kept: string[] = [];
  let keeping = false;
  for (const line of source.split(/\r\n|\n|\r/)) {
    if (/^[ \t-]/.test(line) || line === '') {
      if (keeping) kept.push(line);
    } else {
      keeping = READ_KEY.test(line);
      if (keeping) kept.push(line);
    }
  }
  return kept.join('\n');
}

/** A node's value, one level deep: a scalar's value, or a list of its items' scalar values (aliases followed once). */
function valueOf(doc: Document, node: unknown): unknown {
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  if (isScalar(resolved)) return resolved.value;
  if (isSeq(resolved)) {
    return resolved.items.map((item) => {
      const r = isAlias(item) ? item.resolve(doc) : item;
      return isScalar(r) ? r.value : isSeq(r) || isMap(r) ? {} : r;
    });
  }
  if (isMap(resolved)) return {};
  return resolved;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *$/;
/**
 * A one-line plain scalar YAML reads without error (a word, number, date, path or sentence in any script): it starts with
 * no indicator or blank, holds no control or line-break character, no `: ` or ` #`, and does not end with a colon.
 * Enough for the keys Crux Map does not read; the keys it reads also start with a letter and are no special word.
 */
const SAFE_PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff][^\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]*$/u;
const LETTER_START = /^\p{L}/u;
/**
 * Plain scalars YAML 1.2's core schema reads as numbers (with their first-character cousins `+1`, `.5`, `0x1F`, `1e3`,
 * `.inf`, `.nan`, `1_000`, taken broadly): values outside it that start with a digit or dot (`2FA`, `.config`) are strings.
 */
const NUMBER_LIKE = /^(?:[-+]?[0-9._]*(?:[eE][-+]?[0-9_]*)?|0[xXoObB][0-9a-fA-F_]*|[-+]?\.(?:inf|nan)|[0-9._:-]+)$/i;

/** Whether a raw value (trailing blanks already dropped) is a plain scalar YAML reads without error. */
function safePlain(raw: string): boolean {
  return SAFE_PLAIN.test(raw) && !raw.includes(': ') && !raw.includes(' #') && !raw.endsWith(':') && !raw.includes('\t');
}
/** Plain words that YAML's core schema reads as booleans or null. */
const SPECIAL = /^(?:true|false|null|y|n|yes|no|on|off|~)$/i;
const ITEM = /^[A-Za-z][A-Za-z0-9 _.'/-]*$/;
/** A block sequence's item: `- value` under a key, at the indentation of its first item. */
const ITEM_LINE = /^( *)- +(.*?) *$/;
/** A line that is only a comment. */
const COMMENT_LINE = /^ *#/;
/** The keys Crux Map reads; the yaml path turns only these into values too. */
const READ_KEYS = new Set(['title', 'topics', 'aliases']);

/** A quoted scalar with nothing YAML would read otherwise inside (no escapes, no quote of its kind, no control character): its text. */
function quotedValue(raw: string): string | undefined {
  const q = raw.charCodeAt(0);
  if ((q !== 0x22 && q !== 0x27) || raw.length < 2 || raw.charCodeAt(raw.length - 1) !== q) return undefined;
  const inner = raw.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === q || c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (q === 0x22 && c === 0x5c)) return undefined;
  }
  return inner;
}

/** A scalar's value (read keys: exactly as YAML reads it), true for a valid scalar of a key not read, or undefined when unsure. */
function scalarValue(raw: string, read: boolean): string | true | undefined {
  const quoted = quotedValue(raw);
  if (quoted !== undefined) return read ? quoted : true;
  if (!safePlain(raw)) return undefined;
  if (!read) return true;
  // Starting with a letter it is no number; starting with a digit or dot it is one only in the shapes NUMBER_LIKE
  // names (left to the library). The words YAML reads as booleans or null stay with the library too.
  if (LETTER_START.test(raw)) return SPECIAL.test(raw) ? undefined : raw;
  return /^[0-9.]/.test(raw) && !NUMBER_LIKE.test(raw) ? raw : undefined;
}

/**
 * The common shapes only: lines `key: value` (plain words, a quoted string without escapes, or `[plain, words]`),
 * `key:` followed by a block list of such values, blank and comment lines, unique keys. Anything else (nesting,
 * block scalars, anchors, escapes, numbers or booleans in the keys Crux Map reads) is left to the yaml library:
 * undefined. Only the keys Crux Map reads are returned, as the yaml path does.
 */
export function readFlatFrontMatter(source: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  // The key whose block list the next item lines belong to, and that list's indentation once known.
  let listKey: string | undefined;
  let list: string[] | undefined;
  let listIndent = -1;
  for (const line of source.split(/\r\n|\n|\r/)) {
    if (line.trim() === '' || COMMENT_LINE.test(line)) continue;
    if (line.includes('\t')) return undefined;
    const item = listKey !== undefined ? ITEM_LINE.exec(line) : null;
    if (item) {
      if (listIndent < 0) listIndent = item[1].length;
      else if (item[1].length !== listIndent) return undefined;
      const value = scalarValue(item[2], list !== undefined);
      if (value === undefined) return undefined;
      if (list && value !== true) list.push(value);
      continue;
    }
    // A key with nothing after it and no list under it is null.
    if (listKey !== undefined && listIndent < 0 && READ_KEYS.has(listKey)) out[listKey] = null;
    listKey = undefined;
    list = undefined;
    listIndent = -1;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1];
    if (seen.has(key) || key === '__proto__' || SPECIAL.test(key)) return undefined; // yaml refuses duplicate keys
    seen.add(key);
    const read = READ_KEYS.has(key);
    const raw = m[2] ?? '';
    if (raw === '') {
      listKey = key;
      if (read) out[key] = list = [];
    } else if (raw.startsWith('[')) {
      if (!raw.endsWith(']')) return undefined;
      const inner = raw.slice(1, -1).trim();
      const items: string[] = [];
      if (inner !== '') {
        for (const part of inner.split(',')) {
          const value = part.trim();
          if (!ITEM.test(value) || SPECIAL.test(value)) return undefined;
          items.push(value);
        }
      }
      if (read) out[key] = items;
    } else {
      const value = scalarValue(raw, read);
      if (value === undefined) return undefined;
      if (read) out[key] = value;
    }
  }
  if (listKey !== undefined && listIndent < 0 && READ_KEYS.has(listKey)) out[listKey] = null;
  return out;
}

/** Front matter with bare fences, the yaml between them in group 1. */
const PLAIN_FRONT_MATTER = /^---(?:\r?\n)([\s\S]*?)\r?\n---(?:\r?\n|$)/;
/** A line inside that remark-frontmatter could take for the closing fence already (`---` right after the opening one, or with trailing white space). */
const FENCE_INSIDE = /^---[ \t]*\r?$/m;

/** The yaml of front matter exactly as remark-frontmatter reads it, or undefined when it may read it otherwise. */
export function plainFrontMatter(src: string): string | undefined {
  const m = PLAIN_FRONT_MATTER.exec(src);
  return m && !FENCE_INSIDE.test(m[1]) ? m[1] : undefined;
}
