/** The one way drafts get into an index (extension, CLI and benchmark alike): list and read the files, take unchanged drafts from the parse cache or start from its snapshot, parse the rest, write the cache back. */
import type { ArgumentGraph, Draft, ParseOptions } from '../core/model';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { contentHash, ParseCache, restoreFromSnapshot, serializeCache, serializeCacheInSteps, snapshotKey, type CacheItem, type CacheStore } from './cache/parseCache';
import type { ParseJob } from './workers/parsePool';

/**
 * Where loadWorkspace finds the drafts: the extension implements it with workspace.fs,
 * the CLI with node fs, tests in memory.
 */
export interface DraftSource {
  /** Every draft to index, as workspace-relative paths with `/` separators (a path listed twice is read once). */
  list(): Promise<readonly string[]>;
  /** A draft's text; undefined when the file cannot be a draft (too large, not text, not UTF-8, gone). */
  read(path: string): Promise<string | undefined>;
}

/** How to load. */
export interface LoadOptions {
  source: DraftSource;
  /** Parses what the cache does not hold, in order (e.g. parseMany in worker threads). */
  parse: (jobs: ParseJob[]) => Promise<Draft[]>;
  /** The parse cache; none: every draft is parsed and nothing is written. */
  cache?: CacheStore;
  /** The build's version: a cache written by another version is ignored. */
  version: string;
  /** The parse options of a path (the label words of its folder's `.cruxmap.json`). */
  optionsFor?: (path: string) => ParseOptions | undefined;
  /** Told what is being done and how much of it is done (0 to 1), every hundred files or so. */
  progress?: (message: string, done: number) => void;
  /** Awaited between steps of a long job so the caller stays responsive (the extension host); none: no breaks. */
  pause?: () => Promise<void>;
  /** Files read at once (default 16). */
  readConcurrency?: number;
  /** Told what went wrong with the cache that costs nothing but speed (damaged lines dropped). */
  log?: (line: string) => void;
}

/** One draft as loaded: path, text and its cache key (see draftHash; '' when loaded without a cache). */
export interface LoadedFile {
  path: string;
  text: string;
  hash: string;
}

/** What a load did. */
export interface LoadResult {
  /** The drafts now in the index, in the source's order. */
  files: LoadedFile[];
  /** How many came from the cache (all of them for a start from the snapshot) and how many were parsed. */
  cached: number;
  parsed: number;
  /** Whether the index started from the cache's snapshot (no draft changed since it was written). */
  snapshot: boolean;
  /** Damaged cache lines dropped (and told to `log`); the cache is then written whole again. */
  dropped: number;
  /** The snapshot key of these files: what the cache holds once `saved` settles without a problem ('' without a cache). */
  key: string;
  /** Settles when the cache has been written back (at once when it was right already or there is none): undefined, or why it could not be written. */
  saved: Promise<string | undefined>;
}

/** A stable text of a path's label words: part of its drafts' cache key. */
export function labelsKey(options: ParseOptions | undefined): string {
  const labels = options?.labels;
  if (!labels) return '';
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : JSON.stringify(keys.map((k) => [k, labels[k]]));
}

/**
 * The key a draft is cached under: the hash of its text, and of its label words when the workspace
 * has any, so a changed `.cruxmap.json` never reuses drafts parsed with other labels.
 */
export function draftHash(text: string, options: ParseOptions | undefined): string {
  const labels = labelsKey(options);
  return contentHash(labels === '' ? text : `${labels}\n${text}`);
}

/**
 * Fills `index` with the source's drafts, replacing whatever it held: from the cache's snapshot
 * when no draft changed (nothing parsed; drafts load from the cache when first needed), else
 * cached drafts plus parsed ones for what changed. The index's graph is then built, and the cache
 * written back from it (unless it was right already) while the caller goes on; a cache that cannot
 * be read or written only costs speed. Open editors' texts are for the caller to apply afterwards
 * (the cache keeps what is on disk).
 */
export async function loadWorkspace(index: WorkspaceIndex, options: LoadOptions): Promise<LoadResult> {
  const { source, cache: store, version, optionsFor = () => undefined, progress, pause } = options;
  const cacheLoad = store ? ParseCache.load(store, version, options.log) : undefined;
  const listed = await source.list();
  const paths = [...new Set(listed)];
  const texts = new Array<string | undefined>(paths.length);
  let next = 0;
  let read = 0;
  const reader = async () => {
    while (next < paths.length) {
      const i = next++;
      texts[i] = await source.read(paths[i]);
      if (progress && ++read % 100 === 0) progress(`read ${read} of ${paths.length}`, (0.5 * read) / paths.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.readConcurrency ?? 16, paths.length) }, reader));
  const files: LoadedFile[] = [];
  const fileOptions: (ParseOptions | undefined)[] = [];
  paths.forEach((path, i) => {
    const text = texts[i];
    if (text === undefined) return;
    const o = optionsFor(path);
    fileOptions.push(o);
    // Without a cache nothing needs the hashes (the CLI without --cache): not computed then.
    files.push({ path, text, hash: store ? draftHash(text, o) : '' });
  });
  const key = store ? snapshotKey(files) : '';
  const cache = cacheLoad ? await cacheLoad : undefined;
  /**
   * Writes the cache back from these drafts and the graph they make (taken now, before the caller
   * changes the index), in steps when there is a pause; settles with why not, if it could not.
   */
  const writeBack = (items: CacheItem[], graph: ArgumentGraph): Promise<string | undefined> => {
    const text = pause ? serializeCacheInSteps(version, items, graph, pause) : new Promise<void>((resolve) => setImmediate(resolve)).then(() => serializeCache(version, items, graph));
    return text
      .then((t) => store!.write(t))
      .then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
  };
  if (cache && restoreFromSnapshot(index, cache, files, key)) {
    // A damaged line beside a sound snapshot: the results stand (that draft is parsed when needed), and the cache is made whole again.
    const saved = cache.dropped > 0 ? writeBack(files.map((f) => ({ ...f, draft: index.getDraft(f.path)! })), index.getGraph()) : Promise.resolve(undefined);
    return { files, cached: files.length, parsed: 0, snapshot: true, dropped: cache.dropped, key, saved };
  }
  const drafts: (Draft | undefined)[] = files.map((f) => cache?.get(f.path, f.hash));
  const misses = files.map((_, i) => i).filter((i) => drafts[i] === undefined);
  if (progress && misses.length > 0) progress(`parsing ${misses.length} drafts`, 0.5);
  const parsed = await options.parse(misses.map((i) => ({ path: files[i].path, text: files[i].text, options: fileOptions[i] })));
  misses.forEach((i, k) => (drafts[i] = parsed[k]));
  const found = new Set(files.map((f) => f.path));
  for (const p of index.paths()) if (!found.has(p)) index.removeDraft(p);
  files.forEach((f, i) => index.setParsedDraft(f.path, f.text, drafts[i]!));
  // The graph of exactly these texts: the next start's snapshot, whatever the caller changes in the index meanwhile.
  const graph = index.getGraph();
  if (!store) return { files, cached: files.length - misses.length, parsed: misses.length, snapshot: false, dropped: 0, key, saved: Promise.resolve(undefined) };
  const saved = writeBack(files.map((f, i) => ({ ...f, draft: drafts[i]! })), graph);
  return { files, cached: files.length - misses.length, parsed: misses.length, snapshot: false, dropped: cache?.dropped ?? 0, key, saved };
}

/**
 * Runs a job one at a time: asked while it runs, it runs once more afterwards, however many times
 * it was asked meanwhile (those requests share that one run). Used so that two scans never run at once.
 */
export class SerialRunner {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly job: () => Promise<void>) {}

  /** Settles when a run that started after this call has ended. */
  run(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running.then(
        () => this.next(),
        () => this.next(),
      );
      return this.queued;
    }
    return this.start();
  }

  private next(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.job().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}
