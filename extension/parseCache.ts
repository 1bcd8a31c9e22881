/**
 * The parse cache shared by the CLI (`--cache DIR`) and the extension (its storage folder):
 * content hash -> parsed draft, so a warm start re-parses only changed files. Where the
 * cache lives is a CacheStore: node fs for the CLI, workspace.fs for the extension.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from './core/model';
import { decodeDraft, DRAFT_CODEC_VERSION, encodeDraft, type EncodedDraft } from './core/draftCodec';
import type { ParseJob } from './parsePool';

/** Bump when the cache file's shape changes: older caches are then ignored. */
export const CACHE_FORMAT = 4;

declare const __PARSER_ID__: string | undefined;
/**
 * A fingerprint of the parser's sources, set at build time (scripts/build.mjs): a build whose
 * parser differs in any way re-parses everything once, even under the same version number.
 */
export const PARSER_ID = typeof __PARSER_ID__ === 'string' ? __PARSER_ID__ : 'unbundled';
export const CACHE_FILE = 'cruxmap-parse-cache.jsonl';

/** Where a cache is kept: one text, read whole and written whole (atomically where the store can). */
export interface CacheStore {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64') => string }).hash;

/** The content hash a cache entry is keyed by (node's one-shot hash where it exists: cheaper per file). */
export function contentHash(text: string): string {
  return oneShotHash ? oneShotHash('sha1', text, 'base64') : createHash('sha1').update(text).digest('base64');
}

/** A cache file in a folder, through node fs (the CLI). */
export function folderCacheStore(dir: string): CacheStore {
  return {
    async read() {
      try {
        return readFileSync(join(dir, CACHE_FILE), 'utf8');
      } catch {
        return undefined;
      }
    },
    async write(text) {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, join(dir, CACHE_FILE)); // never leaves a half-written cache behind
    },
  };
}

/*
 * The cache file is JSON lines: a header, then one line per draft.
 *   ["cruxmap-parse-cache", format, codec, "version/parser"]
 *   ["<path>","<content hash>",<encoded draft>]
 * Loading splits it into lines and reads only each line's path and hash (a few bytes); a draft
 * is parsed only when its file's hash matches, so a warm start never parses one big JSON value
 * (whose escaped strings and throwaway arrays cost more than the drafts themselves).
 */
const MAGIC = 'cruxmap-parse-cache';
/** What precedes a line's encoded draft: its path and hash, as JSON strings. */
const PREFIX = /^\["((?:[^"\\]|\\.)*)","([A-Za-z0-9+/=]+)",/;

/** The header line of a cache written by this build. */
function header(version: string): string {
  return JSON.stringify([MAGIC, CACHE_FORMAT, DRAFT_CODEC_VERSION, `${version}/${PARSER_ID}`]);
}

/** One cached draft: where its line is, and the hash its file had. */
interface Entry {
  hash: string;
  line: string;
  /** Where the encoded draft starts in the line. */
  at: number;
}

/** The paths a cache text holds, in file order; [] for a text that is not a cache (for tests and tools). */
export function cachedPaths(text: string): string[] {
  return [...readEntries(text, undefined).keys()];
}

/** path -> entry of a cache text; empty when its header is not `expected` (when given) or it is no cache at all. */
function readEntries(text: string, expected: string | undefined): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const first = text.indexOf('\n');
  if (first < 0) return entries;
  try {
    const head = JSON.parse(text.slice(0, first)) as unknown[];
    if (!Array.isArray(head) || head[0] !== MAGIC || (expected !== undefined && text.slice(0, first) !== expected)) return entries;
  } catch {
    return entries;
  }
  let at = first + 1;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    const m = PREFIX.exec(line);
    if (!m) continue; // a torn or foreign line: that draft is parsed again
    const path = m[1].includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1];
    entries.set(path, { hash: m[2], line, at: m[0].length });
  }
  return entries;
}

/** What a cache holds: decoded lazily, entry by entry, and only for paths asked for. */
export class ParseCache {
  private constructor(private readonly entries: Map<string, Entry>) {}

  /** Loads a cache; a missing, unreadable, malformed or outdated one is an empty cache. */
  static async load(store: CacheStore, version: string): Promise<ParseCache> {
    try {
      const text = await store.read();
      return new ParseCache(text === undefined ? new Map() : readEntries(text, header(version)));
    } catch {
      return new ParseCache(new Map());
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached draft of a path when its text still has this hash; undefined otherwise (also for a malformed entry). */
  get(path: string, hash: string): Draft | undefined {
    const hit = this.entries.get(path);
    if (!hit || hit.hash !== hash) return undefined;
    try {
      // The line is `[path,hash,<draft>]`: the draft runs to the line's closing bracket.
      return decodeDraft(path, JSON.parse(hit.line.slice(hit.at, hit.line.length - 1)) as EncodedDraft);
    } catch {
      return undefined;
    }
  }
}

/** The text of a cache holding these drafts. */
export function serializeCache(version: string, items: { path: string; hash: string; draft: Draft }[]): string {
  const lines = [header(version)];
  for (const it of items) lines.push(JSON.stringify([it.path, it.hash, encodeDraft(it.draft)]));
  return `${lines.join('\n')}\n`;
}

/**
 * Parses the jobs, taking unchanged files from the cache and writing the new cache back
 * when anything changed. A cache that cannot be read or written only costs speed.
 */
export async function parseWithCache(
  jobs: ParseJob[],
  store: CacheStore,
  version: string,
  parse: (jobs: ParseJob[]) => Promise<Draft[]>,
): Promise<{ drafts: Draft[]; hits: number }> {
  const cache = await ParseCache.load(store, version);
  const hashes = jobs.map((j) => contentHash(j.text));
  const drafts = new Array<Draft>(jobs.length);
  const misses: number[] = [];
  jobs.forEach((j, i) => {
    const hit = cache.get(j.path, hashes[i]);
    if (hit) drafts[i] = hit;
    else misses.push(i);
  });
  const parsed = await parse(misses.map((i) => jobs[i]));
  misses.forEach((i, k) => (drafts[i] = parsed[k]));
  // Nothing new and the same files: the cache is already right.
  if (misses.length === 0 && cache.size === jobs.length) return { drafts, hits: jobs.length };
  try {
    await store.write(serializeCache(version, jobs.map((j, i) => ({ path: j.path, hash: hashes[i], draft: drafts[i] }))));
  } catch {
    // a cache that cannot be written only costs speed next time
  }
  return { drafts, hits: jobs.length - misses.length };
}
