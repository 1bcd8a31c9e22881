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
export const CACHE_FORMAT = 3;

declare const __PARSER_ID__: string | undefined;
/**
 * A fingerprint of the parser's sources, set at build time (scripts/build.mjs): a build whose
 * parser differs in any way re-parses everything once, even under the same version number.
 */
export const PARSER_ID = typeof __PARSER_ID__ === 'string' ? __PARSER_ID__ : 'unbundled';
export const CACHE_FILE = 'cruxmap-parse-cache.json';

/** Where a cache is kept: one text, read whole and written whole (atomically where the store can). */
export interface CacheStore {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

interface CacheFile {
  format: number;
  codec: number;
  /** The tool version and parser fingerprint that wrote it: any change re-parses everything once. */
  version: string;
  /**
   * path -> [content hash, the encoded draft as JSON text]. Each draft is a string of its own,
   * parsed only when its hash matches, so its intermediate arrays die young (less garbage collection).
   */
  entries: Record<string, [string, string]>;
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

/** What a cache holds: decoded lazily, entry by entry, and only for paths asked for. */
export class ParseCache {
  private constructor(private readonly entries: Record<string, [string, string]> | undefined) {}

  /** Loads a cache; a missing, unreadable, malformed or outdated one is an empty cache. */
  static async load(store: CacheStore, version: string): Promise<ParseCache> {
    try {
      const text = await store.read();
      const raw = text === undefined ? undefined : (JSON.parse(text) as CacheFile);
      const ok = raw && raw.format === CACHE_FORMAT && raw.codec === DRAFT_CODEC_VERSION && raw.version === `${version}/${PARSER_ID}` && raw.entries && typeof raw.entries === 'object';
      return new ParseCache(ok ? raw.entries : undefined);
    } catch {
      return new ParseCache(undefined);
    }
  }

  get size(): number {
    return this.entries ? Object.keys(this.entries).length : 0;
  }

  /** The cached draft of a path when its text still has this hash; undefined otherwise (also for a malformed entry). */
  get(path: string, hash: string): Draft | undefined {
    const hit = this.entries && Object.prototype.hasOwnProperty.call(this.entries, path) ? this.entries[path] : undefined;
    if (!Array.isArray(hit) || hit[0] !== hash || typeof hit[1] !== 'string') return undefined;
    try {
      return decodeDraft(path, JSON.parse(hit[1]) as EncodedDraft);
    } catch {
      return undefined;
    }
  }
}

/** The text of a cache holding these drafts. */
export function serializeCache(version: string, items: { path: string; hash: string; draft: Draft }[]): string {
  const file: CacheFile = { format: CACHE_FORMAT, codec: DRAFT_CODEC_VERSION, version: `${version}/${PARSER_ID}`, entries: {} };
  for (const it of items) file.entries[it.path] = [it.hash, JSON.stringify(encodeDraft(it.draft))];
  return JSON.stringify(file);
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
