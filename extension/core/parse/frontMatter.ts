/**
 * Reading a draft's front matter: a fast path for the flat `key: value` shape nearly
 * every draft uses, and the `yaml` library for everything else. Both give the same data.
 */
import { parse as parseYaml } from 'yaml';

/** Front matter data as a plain record, or undefined when it is malformed or not a mapping. */
export function readFrontMatterData(source: string): Record<string, unknown> | undefined {
  const fast = readFlatFrontMatter(source);
  if (fast !== undefined) return fast;
  let data: unknown;
  try {
    // Errors throw (malformed front matter is ignored); warnings (BAD_ALIAS and the like) are never printed.
    data = parseYaml(source, { logLevel: 'error' });
  } catch {
    return undefined; // malformed front matter is ignored
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return data as Record<string, unknown>;
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
