/**
 * The parse cache shared by the CLI (`--cache DIR`) and the extension (its storage folder):
 * content hash -> parsed draft, so a warm start re-parses only changed files. Where the
 * cache lives is a CacheStore: node fs for the CLI, workspace.fs for the extension.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readRegularFile } from '../readBounded';
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

/** Past this many bytes a cache file is not read at all (a warm start is only an optimisation). */
export const MAX_CACHE_BYTES = 1 << 30;
/** Temp files older than this are a dead process's: removed at the next write. */
export const STALE_TMP_MS = 10 * 60 * 1000;
/** How often a rename that loses a race (e.g. EPERM/EBUSY on Windows while another process renames) is tried. */
const RENAME_TRIES = 3;

/** A temp name of this process alone: `<file>.<pid>.<random>.tmp`, so that two writers never share one. */
export function tempName(file: string): string {
  return `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
}

/** Whether a temp file in `names` belongs to `file` (this layout, or an older build's `<file>.<pid>.tmp` / `<file>.tmp`). */
export function isTempOf(file: string, name: string): boolean {
  return name.startsWith(`${file}.`) && name.endsWith('.tmp');
}

/**
 * A cache file in a folder, through node fs (the CLI). Never hangs on a strange place: the
 * folder is made one level at a time below the nearest existing one (Node 20's recursive mkdir
 * can spin on /proc), the file is read only when it is a regular file and at most
 * MAX_CACHE_BYTES, and a write goes to a temp file of this process, renamed over the cache
 * (retried a few times when the rename loses a race, then abandoned: the temp file is removed).
 * Stale temp files of dead writers are removed on the way.
 */
export function folderCacheStore(dir: string): CacheStore {
  const file = join(dir, CACHE_FILE);
  return {
    async read() {
      return readRegularFile(file, MAX_CACHE_BYTES);
    },
    async write(text) {
      makeFolder(dir);
      removeStaleTemps(dir, CACHE_FILE);
      const tmp = tempName(file);
      // 'wx': a temp name that exists already is someone else's, never written into.
      writeFileSync(tmp, text, { flag: 'wx' });
      for (let attempt = 1; ; attempt++) {
        try {
          renameSync(tmp, file); // atomic: a reader sees the old cache or the new one, never a mix
          return;
        } catch (e) {
          if (attempt < RENAME_TRIES && ['EPERM', 'EBUSY', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) {
            // The other writer's rename is under way: give it a moment (a sync wait, as the rest of the write is sync).
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
            continue;
          }
          rmSync(tmp, { force: true });
          throw e;
        }
      }
    },
  };
}

/** Makes `dir` and its missing parents, one level at a time (see folderCacheStore); throws why it cannot. */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(at);
    } catch {
      const up = dirname(at);
      if (up === at) throw new Error(`no folder can be made at ${dir}`);
      missing.push(at);
      at = up;
      continue;
    }
    if (!st.isDirectory()) throw new Error(`${at} is not a folder`);
    break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** Removes temp files of `file` in `dir` that no live writer owns (older than STALE_TMP_MS). */
function removeStaleTemps(dir: string, file: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!isTempOf(file, name)) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile() && now - st.mtimeMs > STALE_TMP_MS) unlinkSync(join(dir, name));
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/*
 * The cache file is JSON lines: a header, one line per draft, and a last line with the graph
 * those drafts made (the snapshot; absent when the cache was written without it). Every line but
 * the header ends with the checksum (SHA-1) of the bytes before it, so that no change of any byte
 * goes unseen (a line that does not check out is dropped and parsed again):
 *   ["cruxmap-parse-cache", format, draft codec, graph codec, "version/parser", layout]
 *   ["<path>","<content hash>",<encoded draft>,"<sum>"]
 *   ["cruxmap-graph","<key of every path and hash>",[["<path>","<hash>"],...],<encoded graph>,"<sum>"]
 * A warm start where no file changed decodes the last line alone: the index starts from the
 * graph and loads each draft from its line when a query first needs it; the other lines are
 * only checked (their bytes hashed). Otherwise loading reads only each line's path and hash,
 * and a draft is decoded only when its file's hash matches.
 */
const MAGIC = 'cruxmap-parse-cache';
/** The line layout (checksummed lines): a cache of another layout is ignored whole. */
const LAYOUT = 'sum1';
const NEWLINE = 0x0a;
const SNAPSHOT = 'cruxmap-graph';
/** `,"` + a 28-character base64 SHA-1 + `"]`: what ends every checked line. */
const SUM_TAIL = 2 + 28 + 2;
/** What precedes a line's encoded draft: its path and hash, as JSON strings. */
const PREFIX = /^\["((?:[^"\\]|\\.)*)","([A-Za-z0-9+/=]+)",/;
const SNAPSHOT_PREFIX = /^\["cruxmap-graph","([A-Za-z0-9+/=]+)",/;

/** The header line of a cache written by this build. */
function header(version: string): string {
  return JSON.stringify([MAGIC, CACHE_FORMAT, DRAFT_CODEC_VERSION, GRAPH_CODEC_VERSION, `${version}/${PARSER_ID}`, LAYOUT]);
}

/** The checksum of some bytes (or of a string's UTF-8 bytes). */
function checksum(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('base64');
}

/** A line from its checked part (a JSON array without its closing bracket): + `,"<sum>"]`. */
function checkedLine(body: string): string {
  return `${body},"${checksum(body)}"]`;
}

/** One cached draft: its line's checked bytes (`["path","hash",<draft>`), decoded only when asked for, and the hash its file had. */
interface Entry {
  hash: string;
  body: Uint8Array;
  /** Where the encoded draft starts in `body`. */
  at: number;
}

/** What a cache file holds once its lines are checked. */
interface Checked {
  entries: Map<string, Entry>;
  /** The snapshot line's checked text, when the last line is a snapshot that checks out. */
  snapshot?: string;
  /** Lines (1-based) dropped because they did not check out. */
  dropped: number[];
}

/** The paths a cache text holds, in file order; [] for a text that is not a cache (for tests and tools). */
export function cachedPaths(text: string): string[] {
  return [...checkLines(new TextEncoder().encode(text), undefined).entries.keys()];
}

/** Splits and checks a cache file's lines; nothing when its header is not `expected` (when given) or it is no cache at all. */
function checkLines(bytes: Uint8Array, expected: string | undefined): Checked {
  const out: Checked = { entries: new Map(), dropped: [] };
  const first = bytes.indexOf(NEWLINE);
  if (first < 0) return out;
  const decoder = new TextDecoder();
  const head = decoder.decode(bytes.subarray(0, first));
  if (expected !== undefined ? head !== expected : !head.startsWith(`["${MAGIC}",`)) return out;
  // A newline byte is never part of another character in UTF-8: cutting lines in the bytes is safe.
  let at = first + 1;
  for (let n = 2; at < bytes.length; n++) {
    let end = bytes.indexOf(NEWLINE, at);
    const last = end < 0 || end === bytes.length - 1;
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(at, end);
    at = end + 1;
    const body = verify(line);
    const head = body && pathAndHash(body, decoder);
    if (!head) {
      out.dropped.push(n);
      continue;
    }
    if (head.path === SNAPSHOT && last) out.snapshot = decoder.decode(body); // the graph's line, not a draft's
    else out.entries.set(head.path, { hash: head.hash, body, at: head.at });
  }
  return out;
}

/** The path and hash that open a checked line (`["path","hash",`), read from its bytes; undefined when it is not so. */
function pathAndHash(body: Uint8Array, decoder: { decode(bytes: Uint8Array): string }): { path: string; hash: string; at: number } | undefined {
  if (body[0] !== 0x5b || body[1] !== 0x22) return undefined;
  let i = 2;
  while (i < body.length && body[i] !== 0x22) i += body[i] === 0x5c ? 2 : 1;
  if (body[i + 1] !== 0x2c || body[i + 2] !== 0x22) return undefined;
  const hashEnd = body.indexOf(0x22, i + 3);
  if (hashEnd < 0 || body[hashEnd + 1] !== 0x2c) return undefined;
  const m = PREFIX.exec(decoder.decode(body.subarray(0, hashEnd + 2)));
  if (!m) return undefined;
  try {
    return { path: m[1].includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1], hash: m[2], at: hashEnd + 2 };
  } catch {
    return undefined;
  }
}

/** A line's checked bytes (all but its checksum and closing bracket) when the checksum fits them; undefined otherwise. */
function verify(line: Uint8Array): Uint8Array | undefined {
  const n = line.length;
  if (n <= SUM_TAIL || line[n - SUM_TAIL] !== 0x2c || line[n - SUM_TAIL + 1] !== 0x22 || line[n - 2] !== 0x22 || line[n - 1] !== 0x5d) return undefined;
  const body = line.subarray(0, n - SUM_TAIL);
  if (checksum(body) !== String.fromCharCode(...line.subarray(n - SUM_TAIL + 2, n - 2))) return undefined;
  return body;
}

/** The key a snapshot is stored under: every file's path and content hash, in any order. */
export function snapshotKey(files: readonly { path: string; hash: string }[]): string {
  return contentHash(JSON.stringify(sortedPairs(files)));
}

function sortedPairs(files: readonly { path: string; hash: string }[]): [string, string][] {
  return files.map((f): [string, string] => [f.path, f.hash]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** What a cache holds: every line checked at the first question, drafts decoded lazily and only for paths asked for. */
export class ParseCache {
  private checked: Checked | undefined;

  /** `bytes` are the cache file's (empty for no cache); `log` is told of damaged lines. */
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly version: string,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  /** Loads a cache; a missing, unreadable, malformed or outdated one is an empty cache. `log` is told when lines are dropped. */
  static async load(store: CacheStore, version: string, log?: (line: string) => void): Promise<ParseCache> {
    try {
      return new ParseCache((await store.read()) ?? new Uint8Array(), version, log);
    } catch {
      return new ParseCache(new Uint8Array(), version, log);
    }
  }

  private get lines(): Checked {
    if (!this.checked) {
      this.checked = checkLines(this.bytes, header(this.version));
      const d = this.checked.dropped;
      if (d.length > 0) this.log?.(`The parse cache had ${d.length} damaged line${d.length > 1 ? 's' : ''} (line ${d.slice(0, 5).join(', ')}${d.length > 5 ? ', …' : ''}), dropped: those drafts are parsed again and the cache rewritten.`);
    }
    return this.checked;
  }

  /** How many lines were dropped because they did not check out (a rewrite makes the cache whole again). */
  get dropped(): number {
    return this.lines.dropped.length;
  }

  get size(): number {
    return this.lines.entries.size;
  }

  /**
   * The graph stored with the cache when it was made from exactly these files (the same paths
   * with the same content hashes, as listed in the snapshot line) by this build; undefined
   * otherwise or when it is damaged or malformed.
   */
  snapshot(files: readonly { path: string; text: string; hash: string }[], key = snapshotKey(files)): ArgumentGraph | undefined {
    const rest = this.lines.snapshot;
    if (rest === undefined) return undefined;
    const m = SNAPSHOT_PREFIX.exec(rest);
    if (!m || m[1] !== key) return undefined;
    const texts = new Map<string, string>();
    for (const f of files) texts.set(f.path, f.text);
    try {
      const [, , pairs, graph] = JSON.parse(`${rest}]`) as [string, string, unknown, unknown];
      // The keys it was built from, compared one by one (not only through their hash).
      if (JSON.stringify(pairs) !== JSON.stringify(sortedPairs(files))) return undefined;
      return decodeGraph(graph, (path) => texts.get(path));
    } catch {
      return undefined;
    }
  }

  /** The cached draft of a path when its text still has this hash; undefined otherwise (also for a damaged or malformed entry). */
  get(path: string, hash: string): Draft | undefined {
    const hit = this.lines.entries.get(path);
    if (!hit || hit.hash !== hash) return undefined;
    try {
      // The checked bytes are `["path","hash",<draft>`: the draft runs to their end.
      return decodeDraft(path, JSON.parse(new TextDecoder().decode(hit.body.subarray(hit.at))) as EncodedDraft);
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
  if (graph) lines.push(snapshotLine(snapshotValue(items, graph)));
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
    lines.push(snapshotLine(value));
  }
  return `${lines.join('\n')}\n`;
}

function draftLine(it: CacheItem): string {
  const line = JSON.stringify([it.path, it.hash, encodeDraft(it.draft)]);
  return checkedLine(line.slice(0, -1));
}

/** The snapshot line's value, after its checksum: what JSON.stringify makes the line's checked text of. */
function snapshotValue(items: readonly CacheItem[], graph: ArgumentGraph): unknown[] {
  const texts = new Map<string, string | undefined>();
  for (const it of items) texts.set(it.path, it.text);
  return [SNAPSHOT, snapshotKey(items), sortedPairs(items), encodeGraph(graph, (path) => texts.get(path))];
}

function snapshotLine(value: unknown[]): string {
  return checkedLine(JSON.stringify(value).slice(0, -1));
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
 * written, if it could not). A cache that cannot be read or written only costs speed; damaged
 * lines are dropped (told to `log`) and the cache rewritten, even after a start from the snapshot.
 */
export async function indexWithCache(
  index: WorkspaceIndex,
  jobs: ParseJob[],
  store: CacheStore,
  version: string,
  parse: (jobs: ParseJob[]) => Promise<Draft[]>,
  log?: (line: string) => void,
): Promise<{ hits: number; snapshot: boolean; dropped: number; saved: Promise<string | undefined> }> {
  const cache = await ParseCache.load(store, version, log);
  const files = jobs.map((j) => ({ path: j.path, text: j.text, hash: contentHash(j.text) }));
  const write = (items: () => CacheItem[], graph: () => ArgumentGraph) =>
    new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => store.write(serializeCache(version, items(), graph())))
      .then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
  if (index.size === 0 && restoreFromSnapshot(index, cache, files)) {
    // A damaged line beside a sound snapshot: the results stand (that draft is parsed when needed), and the cache is made whole again.
    const saved = cache.dropped > 0 ? write(() => files.map((f) => ({ ...f, draft: index.getDraft(f.path)! })), () => index.getGraph()) : Promise.resolve(undefined);
    return { hits: jobs.length, snapshot: true, dropped: cache.dropped, saved };
  }
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
  const saved = write(() => files.map((f, i) => ({ ...f, draft: drafts[i] })), () => built);
  return { hits: jobs.length - misses.length, snapshot: false, dropped: cache.dropped, saved };
}
