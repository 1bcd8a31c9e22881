/**
 * The parse cache shared by the CLI (`--cache DIR`) and the extension (its storage folder):
 * content hash -> parsed draft, so a warm start re-parses only changed files. Where the
 * cache lives is a CacheStore: node fs for the CLI, workspace.fs for the extension.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentGraph, Draft } from '../../core/model';
import { decodeDraft, DRAFT_CODEC_VERSION, encodeDraft, type EncodedDraft } from '../../core/codec/draftCodec';
import { decodeGraph, encodeGraph, GRAPH_CODEC_VERSION } from '../../core/codec/graphCodec';
import type { WorkspaceIndex } from '../../core/index/workspaceIndex';
import type { ParseJob } from '../workers/parsePool';

/** Bump when the cache file's shape changes: older caches are then ignored. */
export const CACHE_FORMAT = 6;

declare const __PARSER_ID__: string | undefined;
/**
 * A fingerprint of the parser's sources, set at build time (scripts/build.mjs): a build whose
 * parser differs in any way re-parses everything once, even under the same version number.
 */
export const PARSER_ID = typeof __PARSER_ID__ === 'string' ? __PARSER_ID__ : 'unbundled';
export const CACHE_FILE = 'cruxmap-parse-cache.jsonl';

/** Where a cache is kept: one text, read whole as UTF-8 bytes and written whole (atomically where the store can). */
export interface CacheStore {
  read(): Promise<Uint8Array | undefined>;
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
        return readFileSync(join(dir, CACHE_FILE));
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
 * The cache file is JSON lines: a header, one line per draft, and a last line with the graph
 * those drafts made (the snapshot; absent when the cache was written without it).
 *   ["cruxmap-parse-cache", format, draft codec, graph codec, "version/parser"]
 *   ["<path>","<content hash>",<encoded draft>]
 *   ["cruxmap-graph","<key of every path and hash>",<encoded graph>]
 * A warm start where no file changed reads the last line alone: the index starts from the graph
 * and loads each draft from its line when a query first needs it. Otherwise loading reads only
 * each line's path and hash (a few bytes), and a draft is parsed only when its file's hash
 * matches, so a warm start never parses one big JSON value (whose escaped strings and
 * throwaway arrays cost more than the drafts themselves).
 */
const MAGIC = 'cruxmap-parse-cache';
const NEWLINE = 0x0a;
const SNAPSHOT = 'cruxmap-graph';
/** What precedes a line's encoded draft: its path and hash, as JSON strings. */
const PREFIX = /^\["((?:[^"\\]|\\.)*)","([A-Za-z0-9+/=]+)",/;

/** The header line of a cache written by this build. */
function header(version: string): string {
  return JSON.stringify([MAGIC, CACHE_FORMAT, DRAFT_CODEC_VERSION, GRAPH_CODEC_VERSION, `${version}/${PARSER_ID}`]);
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
    if (path === SNAPSHOT && at >= text.length) break; // the graph's line, not a draft's
    entries.set(path, { hash: m[2], line, at: m[0].length });
  }
  return entries;
}

/** The key a snapshot is stored under: every file's path and content hash, in any order. */
export function snapshotKey(files: readonly { path: string; hash: string }[]): string {
  const pairs = files.map((f) => [f.path, f.hash]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return contentHash(JSON.stringify(pairs));
}

/** What a cache holds: decoded lazily, entry by entry, and only for paths asked for. */
export class ParseCache {
  private lines: Map<string, Entry> | undefined;

  /** `bytes` are the cache file's (empty for no cache), decoded only as far as a question needs. */
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly version: string,
  ) {}

  /** Loads a cache; a missing, unreadable, malformed or outdated one is an empty cache. */
  static async load(store: CacheStore, version: string): Promise<ParseCache> {
    try {
      return new ParseCache((await store.read()) ?? new Uint8Array(), version);
    } catch {
      return new ParseCache(new Uint8Array(), version);
    }
  }

  /** The first line and the last (without its newline): the header and the snapshot's line, decoded alone. */
  private firstAndLast(): [string, string] {
    const bytes = this.bytes;
    // A newline byte is never part of another character in UTF-8: cutting lines in the bytes is safe.
    const end = bytes.length > 0 && bytes[bytes.length - 1] === NEWLINE ? bytes.length - 1 : bytes.length;
    const first = bytes.indexOf(NEWLINE);
    const last = end > 0 ? bytes.lastIndexOf(NEWLINE, end - 1) + 1 : 0;
    const decoder = new TextDecoder();
    return [decoder.decode(bytes.subarray(0, first < 0 ? end : first)), decoder.decode(bytes.subarray(last, end))];
  }

  /** The drafts' lines by path, read at the first question about them. */
  private get entries(): Map<string, Entry> {
    this.lines ??= readEntries(new TextDecoder().decode(this.bytes), header(this.version));
    return this.lines;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The graph stored with the cache when it was made from exactly these files (the same paths
   * with the same content hashes) by this build; undefined otherwise or when it is malformed.
   */
  snapshot(files: readonly { path: string; text: string; hash: string }[], key = snapshotKey(files)): ArgumentGraph | undefined {
    const [head, line] = this.firstAndLast();
    if (head !== header(this.version)) return undefined;
    const prefix = `["${SNAPSHOT}","${key}",`;
    if (!line.startsWith(prefix) || !line.endsWith(']')) return undefined;
    const texts = new Map<string, string>();
    for (const f of files) texts.set(f.path, f.text);
    try {
      return decodeGraph(JSON.parse(line.slice(prefix.length, line.length - 1)), (path) => texts.get(path));
    } catch {
      return undefined;
    }
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

/** One file of a cache: its path, content hash, parsed draft and (for a snapshot) its text. */
export interface CacheItem {
  path: string;
  hash: string;
  draft: Draft;
  text?: string;
}

/** The text of a cache holding these drafts and, when given, the graph they make (every item's text is needed then). */
export function serializeCache(version: string, items: readonly CacheItem[], graph?: ArgumentGraph): string {
  const lines = [header(version)];
  for (const it of items) lines.push(draftLine(it));
  if (graph) lines.push(JSON.stringify(snapshotValue(items, graph)));
  return `${lines.join('\n')}\n`;
}

/** serializeCache a few drafts at a time, awaiting `pause` between them (so that an extension host stays responsive). */
export async function serializeCacheInSteps(version: string, items: readonly CacheItem[], graph: ArgumentGraph | undefined, pause: () => Promise<void>): Promise<string> {
  const lines = [header(version)];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % 100 === 0) await pause();
    lines.push(draftLine(items[i]));
  }
  if (graph) {
    await pause();
    const value = snapshotValue(items, graph);
    await pause();
    lines.push(JSON.stringify(value));
  }
  return `${lines.join('\n')}\n`;
}

function draftLine(it: CacheItem): string {
  return JSON.stringify([it.path, it.hash, encodeDraft(it.draft)]);
}

/** The snapshot line's value: what JSON.stringify makes the line of. */
function snapshotValue(items: readonly CacheItem[], graph: ArgumentGraph): unknown[] {
  const texts = new Map<string, string | undefined>();
  for (const it of items) texts.set(it.path, it.text);
  return [SNAPSHOT, snapshotKey(items), encodeGraph(graph, (path) => texts.get(path))];
}

/**
 * Starts the index anew from the cache's snapshot when it was made from exactly these files
 * (paths, texts and their hashes; `key` is their snapshotKey), drafts loaded from the cache when
 * needed. False, and the index untouched, when there is no such snapshot or the index refuses it.
 */
export function restoreFromSnapshot(index: WorkspaceIndex, cache: ParseCache, files: readonly { path: string; text: string; hash: string }[], key = snapshotKey(files)): boolean {
  const graph = cache.snapshot(files, key);
  if (!graph) return false;
  const hashes = new Map(files.map((f) => [f.path, f.hash]));
  try {
    index.restore(files, graph, (path) => cache.get(path, hashes.get(path) ?? ''));
    return true;
  } catch {
    return false; // e.g. a path given twice: the graph is built the long way
  }
}

/**
 * Fills an empty index with the jobs' drafts: from the cache's snapshot when no file changed
 * (nothing parsed, drafts loaded when needed), else cached drafts plus parsed ones for what
 * changed. Then, once the index is ready, writes the cache back with a new snapshot when it
 * was not right already (`saved` settles when that is done, with why the cache could not be
 * written, if it could not). A cache that cannot be read or written only costs speed.
 */
export async function indexWithCache(
  index: WorkspaceIndex,
  jobs: ParseJob[],
  store: CacheStore,
  version: string,
  parse: (jobs: ParseJob[]) => Promise<Draft[]>,
): Promise<{ hits: number; snapshot: boolean; saved: Promise<string | undefined> }> {
  const cache = await ParseCache.load(store, version);
  const files = jobs.map((j) => ({ path: j.path, text: j.text, hash: contentHash(j.text) }));
  if (index.size === 0 && restoreFromSnapshot(index, cache, files)) return { hits: jobs.length, snapshot: true, saved: Promise.resolve(undefined) };
  const drafts = new Array<Draft>(jobs.length);
  const misses: number[] = [];
  files.forEach((f, i) => {
    const hit = cache.get(f.path, f.hash);
    if (hit) drafts[i] = hit;
    else misses.push(i);
  });
  const parsed = await parse(misses.map((i) => jobs[i]));
  misses.forEach((i, k) => (drafts[i] = parsed[k]));
  jobs.forEach((j, i) => index.setParsedDraft(j.path, j.text, drafts[i]));
  const built = index.getGraph();
  const saved = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => store.write(serializeCache(version, files.map((f, i) => ({ ...f, draft: drafts[i] })), built)))
    .then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
  return { hits: jobs.length - misses.length, snapshot: false, saved };
}
