/** Keeps the core's WorkspaceIndex in step with the workspace: open editors, files on disk (via workspace.fs) and the file watcher. */
import * as vscode from 'vscode';
import { WorkspaceIndex } from './core/workspaceIndex';
import { readSettings } from './settings';

const MARKDOWN_EXT = /\.(md|markdown)$/i;

/** What changed in the index: workspace-relative paths. */
export interface IndexChange {
  paths: string[];
}

export class DraftStore implements vscode.Disposable {
  readonly index = new WorkspaceIndex();
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<IndexChange>();
  /** Fires after the index changed (debounced for typing). */
  readonly onDidChange = this.changeEmitter.event;
  /** Resolves when the first workspace scan is done. */
  readonly ready: Promise<void>;

  constructor() {
    this.disposables.push(this.changeEmitter);
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleDocument(e.document)),
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
      watcher.onDidCreate((uri) => void this.updateFromDisk(uri)),
      watcher.onDidChange((uri) => void this.updateFromDisk(uri)),
      watcher.onDidDelete((uri) => {
        const path = this.pathOf(uri);
        if (path) this.remove(path);
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
    this.index.setDraft(path, doc.getText());
    this.changeEmitter.fire({ paths: [path] });
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
    if (this.index.removeDraft(path)) this.changeEmitter.fire({ paths: [path] });
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
    this.index.setDraft(path, text);
    this.changeEmitter.fire({ paths: [path] });
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

  /** Indexes every draft in the workspace; shows progress when there are many. */
  async scan(): Promise<void> {
    const { include, exclude } = readSettings();
    const includeGlob = include.length === 1 ? include[0] : `{${include.join(',')}}`;
    const excludeGlob = exclude.length === 0 ? undefined : exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`;
    const uris = await vscode.workspace.findFiles(includeGlob, excludeGlob);
    const work = async (report?: (n: number) => void) => {
      const seen = new Set<string>();
      let done = 0;
      for (const uri of uris) {
        const path = this.pathOf(uri);
        if (!path) continue;
        seen.add(path);
        const open = this.openDocument(uri);
        const text = open ? open.getText() : await this.readText(uri);
        if (text !== undefined) {
          this.uris.set(path, uri);
          this.index.setDraft(path, text);
        }
        if (report && ++done % 50 === 0) report(50);
      }
      for (const d of vscode.workspace.textDocuments) {
        const p = this.pathOf(d.uri);
        if (p && this.isDraft(d)) {
          seen.add(p);
          this.uris.set(p, d.uri);
          this.index.setDraft(p, d.getText());
        }
      }
      for (const p of this.index.paths()) if (!seen.has(p)) this.index.removeDraft(p);
      this.changeEmitter.fire({ paths: [...seen] });
    };
    if (uris.length > 200) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Crux Map: indexing ${uris.length} drafts` },
        (progress) => work((n) => progress.report({ increment: (100 * n) / uris.length })),
      );
    } else {
      await work();
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
