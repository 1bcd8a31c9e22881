/** Keeps the core's WorkspaceIndex in step with the workspace: open editors, files on disk (via workspace.fs) and the file watcher. */
import * as vscode from 'vscode';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { Draft } from '../core/model';
import { readSettings } from './settings';
import { contentHash, isTempOf, ParseCache, restoreFromSnapshot, serializeCacheInSteps, snapshotKey, STALE_TMP_MS, tempName, type CacheStore } from '../node/cache/parseCache';
import { parseMany, parseSafely } from '../node/workers/parsePool';

const MARKDOWN_EXT = /\.(md|markdown)$/i;

/** What changed in the index: the workspace-relative paths whose diagnostics or graph share changed (every path after a scan; a path may be gone). */
export interface IndexChange {
  paths: string[];
}

/** Where the store may keep its parse cache and find its parse worker. */
export interface DraftStoreOptions {
  /** A folder of the extension's own for this workspace (context.storageUri); none, no cache. */
  storageUri?: vscode.Uri;
  /** The built worker script (dist/parseWorker.js); without it everything is parsed on this thread. */
  workerFile?: string;
  /** The extension's version: a new version re-parses everything once. */
  version?: string;
  /** Where to say what a scan did (the extension's log channel). */
  log?: (line: string) => void;
}

/** Files read at once during a scan. */
const READ_CONCURRENCY = 16;
/** Drafts loaded (or parts built) per idle step after a start from the snapshot. */
const PREPARE_STEP = 50;
/** How long after the last save or change on disk the parse cache is written again. */
const CACHE_WRITE_DELAY_MS = 5000;

/** Lets the extension host's other work run (between steps of a long job). */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The parse cache as a file in the extension's storage folder, through workspace.fs (works for remote and virtual workspaces too). */
function storageCacheStore(folder: vscode.Uri): CacheStore {
  const file = vscode.Uri.joinPath(folder, 'parse-cache.jsonl');
  return {
    async read() {
      try {
        return await vscode.workspace.fs.readFile(file);
      } catch {
        return undefined;
      }
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(folder);
      // Temp files of dead writers go; this process's own name, so two windows never write into one file.
      for (const [name] of await vscode.workspace.fs.readDirectory(folder).then(undefined, () => [])) {
        if (!isTempOf('parse-cache.jsonl', name)) continue;
        const old = vscode.Uri.joinPath(folder, name);
        try {
          if (Date.now() - (await vscode.workspace.fs.stat(old)).mtime > STALE_TMP_MS) await vscode.workspace.fs.delete(old);
        } catch {
          // gone already, or not ours to remove
        }
      }
      const tmp = vscode.Uri.joinPath(folder, tempName('parse-cache.jsonl'));
      await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(tmp, file, { overwrite: true }).then(undefined, async (e: unknown) => {
        await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
        throw e;
      });
    },
  };
}

export class DraftStore implements vscode.Disposable {
  // parseSafely: a draft the parser cannot take gets a warning, never an exception in an event handler.
  readonly index = new WorkspaceIndex(parseSafely);
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<IndexChange>();
  /** Fires after the index changed (debounced for typing). */
  readonly onDidChange = this.changeEmitter.event;
  /** Resolves when the first workspace scan is done. */
  readonly ready: Promise<void>;

  /** What the last scan found: how many drafts, how many came from the cache, how long it took. */
  lastScan: { drafts: number; cached: number; parsed: number; ms: number; snapshot: boolean } | undefined;
  private readonly cacheStore: CacheStore | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  /** The snapshot key (every path and hash) of what the cache file holds, as far as this store knows. */
  private cachedKey: string | undefined;
  private prepareTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DraftStoreOptions = {}) {
    this.cacheStore = options.storageUri ? storageCacheStore(options.storageUri) : undefined;
    this.disposables.push(this.changeEmitter);
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleDocument(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.isDraft(d)) this.scheduleCacheWrite();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.updateFromDocument(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const path = this.pathOf(d.uri);
        if (!path) return;
        // Untitled drafts leave the index with their editor; a file closed without saving goes back to what is on disk.
        if (d.uri.scheme === 'untitled') this.remove(path);
        else if (d.isDirty || this.timers.has(path)) void this.updateFromDisk(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cruxmap.include') || e.affectsConfiguration('cruxmap.exclude') || e.affectsConfiguration('cruxmap.maxFileSize')) void this.scan();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.updateFromDisk(uri).then(() => this.scheduleCacheWrite())),
      watcher.onDidChange((uri) => void this.updateFromDisk(uri).then(() => this.scheduleCacheWrite())),
      watcher.onDidDelete((uri) => {
        const path = this.pathOf(uri);
        if (path) this.remove(path);
        this.scheduleCacheWrite();
      }),
    );
    this.ready = this.scan();
  }

  /** The workspace-relative path under which a document is indexed, or undefined when it is not a markdown draft. */
  pathOf(uri: vscode.Uri): string | undefined {
    if (!MARKDOWN_EXT.test(uri.path) && uri.scheme !== 'untitled') return undefined;
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const rel = vscode.workspace.asRelativePath(uri, multiRoot);
    return rel.replace(/\\/g, '/');
  }

  /** The uri of an indexed path. */
  uriOf(path: string): vscode.Uri | undefined {
    return this.uris.get(path);
  }

  /** Whether a document is a markdown draft this store follows. */
  isDraft(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'markdown' && this.pathOf(doc.uri) !== undefined;
  }

  /** Parses a document's current text now (no debounce) and returns its path. */
  updateFromDocument(doc: vscode.TextDocument): string | undefined {
    if (!this.isDraft(doc)) return undefined;
    const path = this.pathOf(doc.uri)!;
    this.uris.set(path, doc.uri);
    const text = doc.getText();
    // Opening an editor on an indexed draft changes nothing (and keeps a start from the snapshot unparsed).
    if (this.index.getText(path) === text) return path;
    this.changeEmitter.fire({ paths: this.index.update(path, text) });
    return path;
  }

  /** Makes sure the index holds the newest text of a document (flushes a pending debounce). */
  flush(doc: vscode.TextDocument): string | undefined {
    const path = this.pathOf(doc.uri);
    if (!path) return undefined;
    const t = this.timers.get(path);
    if (t !== undefined) {
      clearTimeout(t);
      this.timers.delete(path);
      return this.updateFromDocument(doc);
    }
    if (!this.index.getDraft(path)) return this.updateFromDocument(doc);
    return path;
  }

  private scheduleDocument(doc: vscode.TextDocument): void {
    if (!this.isDraft(doc)) return;
    const path = this.pathOf(doc.uri)!;
    const old = this.timers.get(path);
    if (old !== undefined) clearTimeout(old);
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        this.updateFromDocument(doc);
      }, readSettings().debounceMs),
    );
  }

  private remove(path: string): void {
    this.uris.delete(path);
    const paths = this.index.remove(path);
    if (paths.length > 0) this.changeEmitter.fire({ paths });
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  private async updateFromDisk(uri: vscode.Uri): Promise<void> {
    const path = this.pathOf(uri);
    if (!path) return;
    const open = this.openDocument(uri);
    if (open) {
      // The editor's text is newer than the disk's while it is dirty.
      this.updateFromDocument(open);
      return;
    }
    const text = await this.readText(uri);
    if (text === undefined) return;
    this.uris.set(path, uri);
    this.changeEmitter.fire({ paths: this.index.update(path, text) });
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const { maxFileSize } = readSettings();
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxFileSize) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) return undefined;
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined; // unreadable, not UTF-8, or gone: not a draft we can show
    }
  }

  /**
   * Indexes every draft in the workspace: reads the files a few at a time, takes unchanged
   * drafts from the parse cache, parses the rest (in worker threads when there is much),
   * and writes the cache back. Shows progress when there are many files.
   */
  async scan(): Promise<void> {
    const started = Date.now();
    const { include, exclude } = readSettings();
    const includeGlob = include.length === 1 ? include[0] : `{${include.join(',')}}`;
    const excludeGlob = exclude.length === 0 ? undefined : exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`;
    const uris = await vscode.workspace.findFiles(includeGlob, excludeGlob);
    const version = this.options.version ?? '0';
    const work = async (report?: (message: string, increment: number) => void) => {
      const cache = this.cacheStore ? ParseCache.load(this.cacheStore, version, this.options.log) : undefined;
      const found: { path: string; uri: vscode.Uri; text: string }[] = [];
      const seen = new Set<string>();
      let next = 0;
      const reader = async () => {
        while (next < uris.length) {
          const uri = uris[next++];
          const path = this.pathOf(uri);
          if (!path || seen.has(path)) continue;
          seen.add(path);
          const open = this.openDocument(uri);
          const text = open ? open.getText() : await this.readText(uri);
          if (text !== undefined) found.push({ path, uri, text });
          if (report && found.length % 100 === 0) report(`read ${found.length} of ${uris.length}`, 50 / Math.max(1, uris.length / 100));
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, reader));
      for (const d of vscode.workspace.textDocuments) {
        const p = this.pathOf(d.uri);
        if (p && this.isDraft(d) && !seen.has(p)) {
          seen.add(p);
          found.push({ path: p, uri: d.uri, text: d.getText() });
        }
      }
      // Unchanged drafts come from the cache; the rest are parsed, in worker threads when there is much.
      const loaded = cache ? await cache : undefined;
      const hashes = found.map((f) => contentHash(f.text));
      // Drafts opened in editors while the scan read the disk are in the index already; the snapshot holds them too when their text is the same.
      const foundText = new Map(found.map((f) => [f.path, f.text]));
      const fits = this.index.paths().every((p) => foundText.get(p) === this.index.getText(p));
      if (loaded && fits && this.restore(found, hashes, loaded)) {
        this.lastScan = { drafts: found.length, cached: found.length, parsed: 0, ms: Date.now() - started, snapshot: true };
        this.options.log?.(`Indexed ${found.length} drafts in ${this.lastScan.ms} ms from the saved snapshot (no draft changed since); drafts load in the background.`);
        this.changeEmitter.fire({ paths: [...seen] });
        return;
      }
      const drafts: (Draft | undefined)[] = found.map((f, i) => loaded?.get(f.path, hashes[i]));
      const misses = found.map((_, i) => i).filter((i) => drafts[i] === undefined);
      if (report && misses.length > 0) report(`parsing ${misses.length} drafts`, 0);
      // The extension host stays responsive: workers parse, or this thread parses in slices.
      let workers = 0;
      const parsed = await parseMany(misses.map((i) => found[i]), this.options.workerFile, { mainThread: false, yieldMs: 15, onWorkers: (n) => (workers = n) });
      misses.forEach((i, k) => (drafts[i] = parsed[k]));
      let typed = false;
      found.forEach((f, i) => {
        this.uris.set(f.path, f.uri);
        // A draft typed in while the scan ran: its editor's text wins.
        const now = this.openDocument(f.uri)?.getText();
        typed ||= now !== undefined && now !== f.text;
        if (now !== undefined && now !== f.text) this.index.setDraft(f.path, now);
        else this.index.setParsedDraft(f.path, f.text, drafts[i]!);
      });
      for (const p of this.index.paths()) if (!seen.has(p)) this.index.removeDraft(p);
      this.lastScan = { drafts: found.length, cached: found.length - misses.length, parsed: misses.length, ms: Date.now() - started, snapshot: false };
      this.options.log?.(
        `Indexed ${found.length} drafts in ${this.lastScan.ms} ms: ${this.lastScan.cached} from the parse cache, ${misses.length} parsed ${workers > 0 ? `in ${workers} worker thread${workers > 1 ? 's' : ''}` : 'on the extension host thread'}.`,
      );
      this.changeEmitter.fire({ paths: [...seen] });
      if (this.cacheStore) {
        // Written after the index is ready, in steps, with the graph as the next start's snapshot (not when a draft typed in meanwhile makes the graph another text's); a failure only costs speed next time.
        const items = found.map((f, i) => ({ path: f.path, text: f.text, hash: hashes[i], draft: drafts[i]! }));
        const key = typed ? undefined : snapshotKey(items);
        if (key === undefined || key !== this.cachedKey) {
          this.cachedKey = key;
          const store = this.cacheStore;
          void serializeCacheInSteps(version, items, typed ? undefined : this.index.getGraph(), pause)
            .then((text) => store.write(text))
            .catch((e: unknown) => this.cacheWriteFailed(e));
        }
      }
    };
    if (uris.length > 200) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Crux Map: indexing ${uris.length} drafts` },
        (progress) => work((message, increment) => progress.report({ message, increment })),
      );
    } else {
      await work();
    }
  }

  /**
   * Starts the empty index from the cache's snapshot when it was made from exactly these drafts
   * (no file changed since), then loads the drafts and builds their parts in idle steps, so that
   * the first edit costs what any other does. False when there is no such snapshot.
   */
  private restore(found: { path: string; uri: vscode.Uri; text: string }[], hashes: string[], cache: ParseCache): boolean {
    const files = found.map((f, i) => ({ path: f.path, text: f.text, hash: hashes[i] }));
    const key = snapshotKey(files);
    if (!restoreFromSnapshot(this.index, cache, files, key)) return false;
    // Damaged lines were dropped: the cache is written whole again.
    this.cachedKey = cache.dropped > 0 ? undefined : key;
    if (cache.dropped > 0) this.scheduleCacheWrite();
    for (const f of found) {
      this.uris.set(f.path, f.uri);
      // A draft typed in while the scan ran: its editor's text wins.
      const now = this.openDocument(f.uri)?.getText();
      if (now !== undefined && now !== f.text) this.index.setDraft(f.path, now);
    }
    const step = () => {
      this.prepareTimer = this.index.prepare(PREPARE_STEP) ? setTimeout(step, 0) : undefined;
    };
    if (this.prepareTimer !== undefined) clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(step, 0);
    return true;
  }

  private scheduleCacheWrite(): void {
    if (!this.cacheStore) return;
    if (this.cacheTimer !== undefined) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      void this.writeCache();
    }, CACHE_WRITE_DELAY_MS);
  }

  /** Writes the parse cache and snapshot of the index as it is now, unless the cache holds just that (after saves: so that the next start finds nothing changed). */
  async writeCache(): Promise<void> {
    if (!this.cacheStore) return;
    const files = this.index.paths().map((path) => {
      const text = this.index.getText(path)!;
      return { path, text, hash: contentHash(text) };
    });
    const key = snapshotKey(files);
    if (key === this.cachedKey) return;
    const items = files.map((f) => ({ ...f, draft: this.index.getDraft(f.path)! }));
    const graph = this.index.getGraph();
    // In steps, so that typing is not held up; what changes meanwhile is written next time.
    const text = await serializeCacheInSteps(this.options.version ?? '0', items, graph, pause);
    this.cachedKey = key;
    await this.cacheStore.write(text).catch((e: unknown) => this.cacheWriteFailed(e));
  }

  /** A cache that cannot be written only costs speed next time: say so in the log, and try again after the next save. */
  private cacheWriteFailed(e: unknown): void {
    this.cachedKey = undefined;
    this.options.log?.(`Could not write the parse cache (${e instanceof Error ? e.message : String(e)}); the next start parses the drafts again.`);
  }

    dispose(): void {
    if (this.cacheTimer !== undefined) clearTimeout(this.cacheTimer);
    if (this.prepareTimer !== undefined) clearTimeout(this.prepareTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
