/** A parse cache on disk for the CLI (`--cache DIR`): content hash -> parsed draft, so a warm run re-parses only changed files. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from './core/model';
import type { ParseJob } from './parsePool';

/** Bump when parseDraft's output changes shape or meaning: older caches are then ignored. */
export const CACHE_FORMAT = 1;
const FILE = 'cruxmap-parse-cache.json';

interface CacheFile {
  format: number;
  /** The tool version that wrote it: a new version re-parses everything once. */
  version: string;
  entries: Record<string, { hash: string; draft: Draft }>;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * Parses the jobs, taking unchanged files from the cache in `dir` and writing the new
 * cache back. A missing, unreadable or outdated cache just means a cold run.
 */
export async function parseWithCache(jobs: ParseJob[], dir: string, version: string, parse: (jobs: ParseJob[]) => Promise<Draft[]>): Promise<{ drafts: Draft[]; hits: number }> {
  let cache: CacheFile | undefined;
  try {
    const raw = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as CacheFile;
    if (raw && raw.format === CACHE_FORMAT && raw.version === version && raw.entries && typeof raw.entries === 'object') cache = raw;
  } catch {
    cache = undefined;
  }
  const hashes = jobs.map((j) => contentHash(j.text));
  const drafts = new Array<Draft>(jobs.length);
  const misses: number[] = [];
  jobs.forEach((j, i) => {
    const hit = cache?.entries[j.path];
    if (hit && hit.hash === hashes[i]) drafts[i] = hit.draft;
    else misses.push(i);
  });
  const parsed = await parse(misses.map((i) => jobs[i]));
  misses.forEach((i, k) => (drafts[i] = parsed[k]));
  // Nothing new and the same files: the cache on disk is already right.
  if (cache && misses.length === 0 && Object.keys(cache.entries).length === jobs.length) return { drafts, hits: jobs.length };
  const next: CacheFile = { format: CACHE_FORMAT, version, entries: {} };
  jobs.forEach((j, i) => (next.entries[j.path] = { hash: hashes[i], draft: drafts[i] }));
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(next));
    renameSync(tmp, join(dir, FILE)); // never leaves a half-written cache behind
  } catch {
    // a cache that cannot be written only costs speed next time
  }
  return { drafts, hits: jobs.length - misses.length };
}
