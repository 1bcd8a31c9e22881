/** Each workspace folder's `.cruxmap.json` (markup spec 1.1 section 1): read at the start, watched, its label words given to the parses of that folder's drafts and its problems to the Problems panel. */
import * as vscode from 'vscode';
import { CONFIG_FILE, parseOptionsOf, readConfig, type WorkspaceConfig } from '../core/config';
import type { Diagnostic, ParseOptions } from '../core/model';

/** One folder's config as read last. */
interface FolderConfig {
  uri: vscode.Uri;
  config: WorkspaceConfig | undefined;
  options: ParseOptions | undefined;
}

export class WorkspaceConfigs implements vscode.Disposable {
  private readonly folders = new Map<string, FolderConfig>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the config file's uri when what a folder's config gives changed (labels or problems). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Settles when every folder's config has been read once. */
  readonly ready: Promise<void>;

  constructor() {
    // One watcher for every folder; only a file at a folder's root counts.
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const changed = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE).toString() === uri.toString()) void this.read(folder);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete(changed),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const gone = this.folders.get(f.uri.toString());
          this.folders.delete(f.uri.toString());
          if (gone?.config) this.changeEmitter.fire(gone.uri);
        }
        for (const f of e.added) void this.read(f);
      }),
    );
    this.ready = Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.read(f, false))).then(() => undefined);
  }

  /** The parse options (label words) for a draft: its workspace folder's. */
  optionsFor(uri: vscode.Uri | undefined): ParseOptions | undefined {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.folders.get(folder.uri.toString())?.options : undefined;
  }

  /** Every config file with problems, and its bad-config diagnostics. */
  problems(): { uri: vscode.Uri; diagnostics: Diagnostic[] }[] {
    return [...this.folders.values()].filter((f) => f.config && f.config.diagnostics.length > 0).map((f) => ({ uri: f.uri, diagnostics: f.config!.diagnostics }));
  }

  /** Reads a folder's config; fires onDidChange when what it gives differs from before (`notify` false at the start). */
  private async read(folder: vscode.WorkspaceFolder, notify = true): Promise<void> {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let config: WorkspaceConfig | undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      config = readConfig(new TextDecoder().decode(bytes), vscode.workspace.asRelativePath(uri, multiRoot).replace(/\\/g, '/'));
    } catch {
      config = undefined; // no such file: the spec's label words alone
    }
    const key = folder.uri.toString();
    const before = this.folders.get(key)?.config;
    this.folders.set(key, { uri, config, options: parseOptionsOf(config) });
    if (notify && JSON.stringify(before) !== JSON.stringify(config)) this.changeEmitter.fire(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
