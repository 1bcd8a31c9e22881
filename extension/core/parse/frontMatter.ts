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
/** A plain scalar that YAML reads as this very string: starts with a letter; no comment, quote, flow or mapping character. */
const PLAIN = /^[A-Za-z][A-Za-z0-9 _.,'()?!/-]*$/;
/** Plain words that YAML's core schema reads as booleans or null. */
const SPECIAL = /^(?:true|false|null|y|n|yes|no|on|off|~)$/i;
const ITEM = /^[A-Za-z][A-Za-z0-9 _.'/-]*$/;

function plainValue(raw: string): string | undefined {
  if (!PLAIN.test(raw) || SPECIAL.test(raw) || raw.includes(': ')) return undefined;
  return raw.replace(/[ \t]+$/, '');
}

/**
 * The flat shape only: lines `key: plain words` or `key: [plain, words]`, blank lines,
 * unique keys. Anything else (quotes, comments, nesting, numbers, block lists) is left
 * to the yaml library: undefined.
 */
export function readFlatFrontMatter(source: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of source.split(/\r\n|\n|\r/)) {
    if (line.trim() === '') continue;
    if (line.includes('\t')) return undefined;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1];
    if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__' || SPECIAL.test(key)) return undefined; // yaml refuses duplicate keys
    const raw = m[2] ?? '';
    if (raw === '') {
      out[key] = null;
    } else if (raw.startsWith('[')) {
      if (!raw.endsWith(']')) return undefined;
      const inner = raw.slice(1, -1).trim();
      if (inner === '') {
        out[key] = [];
        continue;
      }
      const items: string[] = [];
      for (const part of inner.split(',')) {
        const item = part.trim();
        if (!ITEM.test(item) || SPECIAL.test(item)) return undefined;
        items.push(item);
      }
      out[key] = items;
    } else {
      const value = plainValue(raw);
      if (value === undefined) return undefined;
      out[key] = value;
    }
  }
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
