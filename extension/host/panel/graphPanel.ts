/** The argument map panel: a webview beside the editor that follows the active draft, updates by diffs, and jumps to the source on click. */
import * as vscode from 'vscode';
import type { DraftStore } from '../draftStore';
import { toVsRange, fromVsPosition } from '../adapters';
import { readSettings } from '../settings';
import { diffMapGraphs, filesInScope, isEmptyDiff, MAP_SCOPES, toMapGraph, type MapGraph, type MapScope } from '../../core/map/mapModel';
import { isViewMessage, type ExportFormat, type HostMessage, type ViewMessage } from '../../protocol';
import { createNonce, renderPanelHtml } from './panelHtml';

const VIEW_TYPE = 'cruxmap.map';

class MapPanel implements vscode.Disposable {
  private scope: MapScope;
  private activeFile: string | undefined;
  private shown: MapGraph | undefined;
  private ready = false;
  private lastColumn: vscode.ViewColumn | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReveal: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly store: DraftStore,
    private readonly root: vscode.Uri,
    scope: MapScope | undefined,
    private readonly onDispose: () => void,
  ) {
    this.scope = scope ?? readSettings().defaultScope;
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    const webview = panel.webview;
    webview.html = renderPanelHtml({ cspSource: webview.cspSource, nonce: createNonce(), asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString() });
    this.followEditor(vscode.window.activeTextEditor);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.followEditor(e)) this.update(true);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cruxmap.map')) this.update(true);
      }),
    );
    void vscode.commands.executeCommand('setContext', 'cruxmap.mapOpen', true);
  }

  /** Follows a markdown editor; true when the followed draft changed. */
  private followEditor(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || !this.store.isDraft(editor.document)) return false;
    this.lastColumn = editor.viewColumn ?? this.lastColumn;
    const path = this.store.flush(editor.document);
    if (path === this.activeFile) return false;
    this.activeFile = path;
    return true;
  }

  private currentGraph(): MapGraph {
    const graph = this.store.index.getGraph();
    const files = filesInScope(graph, this.scope, this.activeFile, (f) => this.store.index.linkedFiles(f));
    return toMapGraph(graph, files);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Sends the whole map, or only a diff when the same draft and scope are shown. */
  update(full = false): void {
    if (!this.ready) return;
    const next = this.currentGraph();
    const title = this.activeFile ? this.store.index.getDraft(this.activeFile)?.title : undefined;
    this.panel.title = this.scope === 'workspace' ? 'Argument Map: workspace' : `Argument Map: ${title ?? 'no draft'}`;
    if (!full && this.shown) {
      const diff = diffMapGraphs(this.shown, next);
      this.shown = next;
      if (!isEmptyDiff(diff)) this.post({ type: 'didPatchGraph', payload: { diff } });
      return;
    }
    this.shown = next;
    const s = readSettings();
    this.post({ type: 'didSetGraph', payload: { graph: next, scope: this.scope, activeFile: this.activeFile, defaultLayout: s.defaultLayout, followCursor: s.followCursor } });
  }

  private cursorMoved(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.ready || !readSettings().followCursor || !this.store.isDraft(e.textEditor.document)) return;
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => {
      const path = this.store.pathOf(e.textEditor.document.uri);
      if (!path) return;
      const hit = this.store.index.elementAt(path, fromVsPosition(e.selections[0].active));
      if (hit) this.post({ type: 'didRevealNode', payload: { id: hit.id } });
    }, 120);
  }

  /** Focuses one element (CodeLens, tree views); waits for the page if it is still loading. */
  reveal(id: string): void {
    if (!this.ready) {
      this.pendingReveal = id;
      return;
    }
    this.post({ type: 'didRevealNode', payload: { id } });
  }

  requestExport(format: ExportFormat): void {
    this.post({ type: 'didRequestExport', payload: { format } });
  }

  private receive(raw: unknown): void {
    if (!isViewMessage(raw)) return; // the webview is a trust boundary: drop anything malformed
    const message: ViewMessage = raw;
    switch (message.type) {
      case 'viewDidLoad':
        this.ready = true;
        if (message.payload.scope && MAP_SCOPES.includes(message.payload.scope)) this.scope = message.payload.scope;
        this.shown = undefined;
        this.update(true);
        if (this.pendingReveal) {
          this.post({ type: 'didRevealNode', payload: { id: this.pendingReveal } });
          this.pendingReveal = undefined;
        }
        break;
      case 'viewDidChangeScope':
        this.scope = message.payload.scope;
        this.update(true);
        break;
      case 'viewDidClickNode':
        void this.openElement(message.payload.id, message.payload.toSide);
        break;
      case 'viewDidExport':
        void this.saveExport(message.payload.format, message.payload.data);
        break;
    }
  }

  /** Reveals an element in the editor: the id is looked up in the index; nothing from the webview is used as a path. */
  private async openElement(id: string, toSide: boolean): Promise<void> {
    const node = this.store.index.getNode(id);
    if (!node) return;
    const uri = this.store.uriOf(node.file);
    if (!uri) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = toSide ? vscode.ViewColumn.Beside : (visible?.viewColumn ?? this.lastColumn ?? vscode.ViewColumn.One);
    const range = toVsRange(node.range);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: range, preserveFocus: false, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveExport(format: ExportFormat, data: string): Promise<void> {
    const base = this.activeFile ? this.activeFile.replace(/\.(md|markdown)$/i, '') : 'argument-map';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.map.${format}`) : undefined,
      filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'png' ? Uint8Array.from(atob(data.slice(data.indexOf(',') + 1)), (c) => c.charCodeAt(0)) : new TextEncoder().encode(data);
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      void vscode.window.showInformationMessage(`Crux Map: exported the map to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`Crux Map: could not write ${target.fsPath}: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    clearTimeout(this.revealTimer);
    for (const d of this.disposables) d.dispose();
    void vscode.commands.executeCommand('setContext', 'cruxmap.mapOpen', false);
    this.onDispose();
  }
}

export function registerGraphPanel(context: vscode.ExtensionContext, store: DraftStore): void {
  const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
  let current: MapPanel | undefined;

  const open = (scope?: MapScope): MapPanel => {
    if (current) {
      current.panel.reveal(vscode.ViewColumn.Beside, true);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Argument Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [root] });
    current = new MapPanel(panel, store, root, scope, () => (current = undefined));
    return current;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('cruxmap.showMap', () => {
      open();
    }),
    vscode.commands.registerCommand('cruxmap.showMapAt', (id: unknown) => {
      const panel = open();
      if (typeof id === 'string' && store.index.getNode(id)) panel.reveal(id);
    }),
    vscode.commands.registerCommand('cruxmap.exportPng', () => (current ? current.requestExport('png') : vscode.window.showInformationMessage('Crux Map: open the argument map first.'))),
    vscode.commands.registerCommand('cruxmap.exportSvg', () => (current ? current.requestExport('svg') : vscode.window.showInformationMessage('Crux Map: open the argument map first.'))),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        await store.ready;
        const saved = state && typeof state === 'object' ? (state as { scope?: unknown }).scope : undefined;
        const scope = typeof saved === 'string' && (MAP_SCOPES as readonly string[]).includes(saved) ? (saved as MapScope) : undefined;
        current?.panel.dispose();
        current = new MapPanel(panel, store, root, scope, () => (current = undefined));
      },
    }),
    { dispose: () => current?.panel.dispose() },
  );
}
