/** Keeps the core's WorkspaceIndex in step with the workspace: open editors, files on disk (via workspace.fs) and the file watcher. */
import * as vscode from 'vscode';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { ParseOptions } from '../core/model';
import { parseDraft } from '../core/parse/parse';
import { DocumentParsers } from '../core/parse/incremental';
import { WorkspaceConfigs } from './workspaceConfigs';
import { readSettings } from './settings';
import { createDraftFilter, type DraftFilter } from './draftFilter';
import { isTempOf, serializeCacheInSteps, snapshotKey, STALE_TMP_MS, tempName, type CacheStore } from '../node/cache/parseCache';
import { parseMany, parseSafely } from '../node/workers/parsePool';
import { draftHash, loadWorkspace, SerialRunner, type DraftSource } from '../node/loadWorkspace';

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
  /** Each workspace folder's .cruxmap.json: label words for its drafts' parses, problems for the Problems panel. */
  readonly configs = new WorkspaceConfigs();
  /**
   * Drafts parse with the label words of their folder's .cruxmap.json; parseSafely: a draft the
   * parser cannot take gets a warning, never an exception in an event handler.
   */
  readonly index = new WorkspaceIndex((text, path) => parseSafely(text, path, parseDraft, this.optionsFor(path)));
  /** Open documents' incremental parsers: a keystroke re-parses only what it can change (one per document, made again when its label words change). */
  private readonly documentParsers = new DocumentParsers();
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
  private readonly scans = new SerialRunner(() => this.scanNow());
  /** The draft filter of the current settings (made again when they change). */
  private draftFilter: DraftFilter | undefined;

  constructor(private readonly options: DraftStoreOptions = {}) {
    this.cacheStore = options.storageUri ? storageCacheStore(options.storageUri) : undefined;
    this.disposables.push(this.changeEmitter, this.configs);
    // A changed .cruxmap.json: its problems show at once, and the scan parses again the drafts whose label words changed (the cache key holds them).
    this.disposables.push(
      this.configs.onDidChange((uri) => {
        const path = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1).replace(/\\/g, '/');
        this.changeEmitter.fire({ paths: [path] });
        void this.scan();
      }),
    );
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleDocument(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.isDraft(d)) this.scheduleCacheWrite();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.updateFromDocument(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const path = this.pathOf(d.uri);
        if (!path) return;
        this.documentParsers.forget(path);
        // Untitled drafts leave the index with their editor; a file closed without saving goes back to what is on disk.
        if (d.uri.scheme === 'untitled') this.remove(path);
        else if (d.isDirty || this.timers.has(path)) void this.updateFromDisk(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cruxmap.include') || e.affectsConfiguration('cruxmap.exclude') || e.affectsConfiguration('cruxmap.maxFileSize')) {
          this.draftFilter = undefined;
          void this.scan();
        }
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
    // An open document obeys the same size limit as a file on disk: it leaves the index, with one notice, and the rest of the workspace is unaffected.
    const bytes = Buffer.byteLength(text, 'utf8');
    if (!this.filter().fits(bytes)) {
      if (!this.tooLarge.has(path)) {
        this.tooLarge.add(path);
        const message = `Crux Map does not read ${path}: it is ${Math.round(bytes / 1000)} KB, over cruxmap.maxFileSize.`;
        this.tooLargeMessage.set(path, message);
        this.options.log?.(message);
        void vscode.window.showInformationMessage(message);
      }
      if (this.index.getDraft(path)) this.remove(path);
      return undefined;
    }
    this.tooLarge.delete(path);
    // Opening an editor on an indexed draft changes nothing (and keeps a start from the snapshot unparsed).
    if (this.index.getText(path) === text) return path;
    // The document's own parser: after the first parse, only the stretch an edit can change is parsed again (the same
    // draft as a full parse). A document closed meanwhile keeps none (the index's parser reads it in full).
    const draft = doc.isClosed ? undefined : parseSafely(text, path, (t, p, o) => this.documentParsers.parse(t, p, o), this.optionsFor(path));
    this.changeEmitter.fire({ paths: this.index.update(path, text, draft) });
    return path;
  }

  /**
   * Indexes drafts' texts now, as an edit about to be applied will leave them (the map's own
   * edits are drawn without waiting for VS Code); the documents' changes, when they come, find
   * the same texts and change nothing. Only for drafts the index holds. `first` runs once they
   * are indexed; the change is announced to the rest of the extension on the next turn of the
   * event loop (so the map's answer leaves for the workbench ahead of diagnostics and decorations).
   */
  updateTexts(texts: ReadonlyMap<string, string>, first?: () => void): void {
    const paths = new Set<string>();
    for (const [path, text] of texts) {
      const old = this.index.getText(path);
      if (old === undefined || old === text) continue;
      // An open document's own parser reads it, as a keystroke would (so the next keystroke starts from this text).
      const uri = this.uris.get(path);
      const open = uri ? this.openDocument(uri) : undefined;
      const draft = open && !open.isClosed ? parseSafely(text, path, (t, p, o) => this.documentParsers.parse(t, p, o), this.optionsFor(path)) : undefined;
      for (const p of this.index.update(path, text, draft)) paths.add(p);
    }
    first?.();
    // The rest of the extension hears of it a moment later: the map's messages leave first.
    if (paths.size > 0) setTimeout(() => this.changeEmitter.fire({ paths: [...paths] }), 0);
  }

  /** The parse options (workspace label words) of the folder a document lies in. */
  optionsForUri(uri: vscode.Uri): ParseOptions | undefined {
    return this.configs.optionsFor(uri);
  }

  /** Why a document is not in the index although it is a draft (over cruxmap.maxFileSize), or undefined. */
  unreadReason(doc: vscode.TextDocument): string | undefined {
    const path = this.pathOf(doc.uri);
    return path !== undefined && this.tooLarge.has(path) ? this.tooLargeMessage.get(path) : undefined;
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
    this.documentParsers.forget(path);
    const paths = this.index.remove(path);
    if (paths.length > 0) this.changeEmitter.fire({ paths });
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  /** The parse options of an indexed path: the label words of its workspace folder's .cruxmap.json. */
  private optionsFor(path: string): ParseOptions | undefined {
    return this.configs.optionsFor(this.uris.get(path));
  }

  /** Whether a file on disk is a draft to index: cruxmap.include and cruxmap.exclude, relative to its workspace folder (the size is checked on reading). */
  private accepts(uri: vscode.Uri): boolean {
    return this.filter().accepts(vscode.workspace.asRelativePath(uri, false));
  }

  /** Open documents over the size limit, each told once until it fits again. */
  private readonly tooLarge = new Set<string>();
  private readonly tooLargeMessage = new Map<string, string>();

  private filter(): DraftFilter {
    this.draftFilter ??= createDraftFilter(readSettings());
    return this.draftFilter;
  }

  /** A file on disk was created or changed (or its editor closed): index what it holds now, or drop it when it is no draft (any more). */
  private async updateFromDisk(uri: vscode.Uri): Promise<void> {
    const path = this.pathOf(uri);
    if (!path) return;
    const open = this.openDocument(uri);
    if (open) {
      // The editor's text is newer than the disk's while it is dirty.
      this.updateFromDocument(open);
      return;
    }
    const text = this.accepts(uri) ? await this.readText(uri) : undefined;
    if (text === undefined) {
      this.remove(path);
      return;
    }
    this.uris.set(path, uri);
    this.changeEmitter.fire({ paths: this.index.update(path, text) });
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!this.filter().fits(stat.size)) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) return undefined;
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined; // unreadable, not UTF-8, or gone: not a draft we can show
    }
  }

  /**
   * Indexes every draft in the workspace (loadWorkspace: the files through workspace.fs, unchanged
   * drafts from the parse cache or its snapshot, the rest parsed in worker threads when there is
   * much, the cache written back), then open editors' texts on top. Shows progress when there are
   * many files. One scan at a time: asked during one, it runs once more after it.
   */
  scan(): Promise<void> {
    return this.scans.run();
  }

  private async scanNow(): Promise<void> {
    await this.configs.ready;
    const started = Date.now();
    this.draftFilter = undefined;
    const { include, exclude } = readSettings();
    const includeGlob = include.length === 1 ? include[0] : `{${include.join(',')}}`;
    const excludeGlob = exclude.length === 0 ? undefined : exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`;
    const listed = new Map<string, vscode.Uri>();
    for (const uri of await vscode.workspace.findFiles(includeGlob, excludeGlob)) {
      const path = this.pathOf(uri);
      if (path && !listed.has(path) && this.accepts(uri)) listed.set(path, uri);
    }
    const source: DraftSource = {
      list: async () => [...listed.keys()],
      read: (path) => this.readText(listed.get(path)!),
    };
    const version = this.options.version ?? '0';
    let workers = 0;
    const work = async (report?: (message: string, done: number) => void) => {
      const result = await loadWorkspace(this.index, {
        source,
        version,
        cache: this.cacheStore,
        // The extension host stays responsive: workers parse, or this thread parses in slices.
        parse: (jobs) => parseMany(jobs, this.options.workerFile, { mainThread: false, yieldMs: 15, onWorkers: (n) => (workers = n) }),
        pause,
        progress: report,
        log: this.options.log,
        optionsFor: (path) => this.configs.optionsFor(listed.get(path)),
      });
      const loaded = new Set(result.files.map((f) => f.path));
      for (const path of [...this.uris.keys()]) if (!loaded.has(path)) this.uris.delete(path);
      for (const f of result.files) this.uris.set(f.path, listed.get(f.path)!);
      // Open editors' texts are newer than the disk's (also drafts typed in while the scan ran, and untitled ones). They
      // go in as typing puts them in, size limit included: a scan after a lower cruxmap.maxFileSize (or one that ran while
      // a draft was typed past it) must not index an open draft that is over it.
      for (const d of vscode.workspace.textDocuments) {
        if (!this.isDraft(d)) continue;
        const path = this.pathOf(d.uri)!;
        this.uris.set(path, d.uri);
        if (this.index.getText(path) !== d.getText()) this.updateFromDocument(d);
      }
      const ms = Date.now() - started;
      this.lastScan = { drafts: result.files.length, cached: result.cached, parsed: result.parsed, ms, snapshot: result.snapshot };
      if (result.snapshot) {
        this.prepareInSteps();
        this.options.log?.(`Indexed ${result.files.length} drafts in ${ms} ms from the saved snapshot (no draft changed since); drafts load in the background.`);
      } else {
        this.options.log?.(
          `Indexed ${result.files.length} drafts in ${ms} ms: ${result.cached} from the parse cache, ${result.parsed} parsed ${workers > 0 ? `in ${workers} worker thread${workers > 1 ? 's' : ''}` : 'on the extension host thread'}.`,
        );
      }
      if (this.cacheStore) {
        // Written in steps after the index is ready (the next start's snapshot), or already right; a failure only costs speed next time.
        this.cachedKey = result.key;
        void result.saved.then((problem) => problem !== undefined && this.cacheWriteFailed(problem));
      }
      this.changeEmitter.fire({ paths: this.index.paths() });
    };
    if (listed.size > 200) {
      let reported = 0;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Crux Map: indexing ${listed.size} drafts` }, (progress) =>
        work((message, done) => {
          progress.report({ message, increment: Math.max(0, done * 100 - reported) });
          reported = Math.max(reported, done * 100);
        }),
      );
    } else {
      await work();
    }
  }

  /** After a start from the snapshot: loads the drafts and builds their parts in idle steps, so that the first edit costs what any other does. */
  private prepareInSteps(): void {
    const step = () => {
      this.prepareTimer = this.index.prepare(PREPARE_STEP) ? setTimeout(step, 0) : undefined;
    };
    if (this.prepareTimer !== undefined) clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(step, 0);
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
      return { path, text, hash: draftHash(text, this.optionsFor(path)) };
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
    this.options.log?.(`Could not write the parse cache (${e instanceof Error ? e.message : typeof e === 'string' ? e : String(e)}); the next start parses the drafts again.`);
  }

  dispose(): void {
    if (this.cacheTimer !== undefined) clearTimeout(this.cacheTimer);
    if (this.prepareTimer !== undefined) clearTimeout(this.prepareTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
