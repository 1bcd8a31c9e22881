/** The argument map panel: a webview beside the editor that follows the active draft, updates by diffs, and jumps to the source on click. */
import * as vscode from 'vscode';
import type { DraftStore } from '../draftStore';
import { toVsRange, fromVsPosition } from '../adapters';
import { readSettings } from '../settings';
import { diffMapGraphs, displayText, filesInScope, isEmptyDiff, MAP_SCOPES, toMapGraph, truncateLabel, type MapGraph, type MapScope } from '../../core/map/mapModel';
import { PEER_FORMAT_INFO, scopeGraph, type PeerFormat } from '../../core/export/formats';
import { saveGraphAs } from '../features/publish';
import { isViewMessage, MAX_TARGETS, type ExportFormat, type MapPeerFormat, type HostMessage, type MapEdit, type TargetItem, type ViewMessage } from '../../protocol';
import { EditError, type EditPlan } from '../../core/features/edits';
import { addElementEdits, changeKindEdits, connectEdits, removeLabelEdits, type MapEditPlan } from '../../core/features/mapEdits';
import { toWorkspaceEdit } from '../workspaceEdits';
import { FileVersions } from '../../core/map/fileVersions';
import { createNonce, renderPanelHtml } from './panelHtml';
import type { MapSuggestions } from '../features/suggestions';
import { suggestedMapItems } from '../../core/suggest/suggestMap';

const VIEW_TYPE = 'cruxmap.map';

class MapPanel implements vscode.Disposable {
  private scope: MapScope;
  private activeFile: string | undefined;
  /** The document the map follows (also when it is not read), and why it is not read as last sent. */
  private followedDoc: vscode.TextDocument | undefined;
  private sentUnread: string | undefined;
  private shown: MapGraph | undefined;
  private ready = false;
  private lastColumn: vscode.ViewColumn | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReveal: string | undefined;
  /** Per file, the version of the text the map was drawn from (it grows when the index's text changes). */
  private readonly versions = new FileVersions();
  /** The versions last sent to the view. */
  private sentVersions = new Map<string, number>();
  /** Whether the view's "Show suggestions" is on. */
  private showSuggestions = false;
  /** The suggestions last sent (as JSON, to send only changes), and their ghost ids' draft and line. */
  private sentSuggestions = '';
  private ghosts = new Map<string, { path: string; line: number }>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly store: DraftStore,
    private readonly root: vscode.Uri,
    scope: MapScope | undefined,
    private readonly onDispose: () => void,
    private readonly suggestions?: MapSuggestions,
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
      ...(suggestions ? [suggestions.onDidChange(() => this.sendSuggestions())] : []),
    );
    void vscode.commands.executeCommand('setContext', 'cruxmap.mapOpen', true);
  }

  /** Follows a markdown editor; true when the followed draft changed. */
  private followEditor(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || !this.store.isDraft(editor.document)) return false;
    this.lastColumn = editor.viewColumn ?? this.lastColumn;
    this.followedDoc = editor.document;
    const path = this.store.flush(editor.document);
    if (path === this.activeFile) return false;
    this.activeFile = path;
    return true;
  }

  private currentGraph(): MapGraph {
    return toMapGraph(this.store.index.getGraph(), this.currentFiles());
  }

  /** The drafts the current scope shows. */
  private currentFiles(): Set<string> {
    return new Set(filesInScope(this.store.index.getGraph(), this.scope, this.activeFile, (f) => this.store.index.linkedFiles(f)));
  }

  /** Writes the drafts in scope in a peer tool's format (the core's exporter, through publish's save dialog). */
  private async savePeerExport(format: MapPeerFormat): Promise<void> {
    const peer: PeerFormat = format;
    const near = this.scope !== 'workspace' && this.activeFile ? this.store.uriOf(this.activeFile) : undefined;
    try {
      await saveGraphAs(scopeGraph(this.store.index.getGraph(), this.currentFiles()), peer, near);
    } catch (e) {
      void vscode.window.showErrorMessage(`Crux Map: the ${PEER_FORMAT_INFO[peer].name} export failed: ${(e as Error).message}`);
    }
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Sends the whole map, or only a diff when the same draft and scope are shown. */
  update(full = false): void {
    if (!this.ready) return;
    const next = this.currentGraph();
    const title = this.activeFile ? this.store.index.getDraft(this.activeFile)?.title : undefined;
    // A followed draft over the size limit: the map says why it is empty (a whole new map when that changes).
    const unread = this.scope !== 'workspace' && this.followedDoc ? this.store.unreadReason(this.followedDoc) : undefined;
    if (unread !== this.sentUnread) full = true;
    this.sentUnread = unread;
    const shownName = title ?? (unread && this.followedDoc ? this.store.pathOf(this.followedDoc.uri) : undefined);
    this.panel.title = this.scope === 'workspace' ? 'Argument Map: workspace' : `Argument Map: ${shownName ?? 'no draft'}${unread ? ' (not read)' : ''}`;
    const versions = new Map(next.files.map((f) => [f.file, this.versionOf(f.file)]));
    if (!full && this.shown) {
      const diff = diffMapGraphs(this.shown, next);
      this.shown = next;
      const changed = [...versions].filter(([f, v]) => this.sentVersions.get(f) !== v);
      this.sentVersions = versions;
      if (!isEmptyDiff(diff) || changed.length) this.post({ type: 'didPatchGraph', payload: { diff, versions: Object.fromEntries(changed) } });
      this.sendSuggestions();
      return;
    }
    this.shown = next;
    this.sentVersions = versions;
    const s = readSettings();
    this.post({ type: 'didSetGraph', payload: { graph: next, scope: this.scope, activeFile: this.activeFile, defaultLayout: s.defaultLayout, followCursor: s.followCursor, versions: Object.fromEntries(versions), ...(unread ? { unread } : {}) } });
    this.sendSuggestions(true);
  }

  /**
   * Sends the suggestions for the drafts shown (as cruxmap.suggestions.enabled, threshold and
   * the dismissed ones leave them): always their count, the ghost nodes and edges only while
   * the view shows suggestions. Only when something changed, unless `force` (a whole new map).
   */
  private sendSuggestions(force = false): void {
    if (!this.ready || !this.suggestions || !this.shown) return;
    const ghosts = new Map<string, { path: string; line: number }>();
    const payload: { count: number; nodes: ReturnType<typeof suggestedMapItems>['nodes']; edges: ReturnType<typeof suggestedMapItems>['edges'] } = { count: 0, nodes: [], edges: [] };
    for (const f of this.shown.files) {
      const s = this.suggestions.shown(f.file);
      const draft = this.store.index.getDraft(f.file);
      if (!s || !draft) continue;
      payload.count += s.shown.length;
      if (!this.showSuggestions) continue;
      // shown() has applied the threshold already.
      const items = suggestedMapItems(draft, s.shown, 0);
      for (const n of items.nodes) ghosts.set(n.id, { path: f.file, line: n.line });
      payload.nodes.push(...items.nodes);
      payload.edges.push(...items.edges);
    }
    const json = JSON.stringify(payload);
    if (!force && json === this.sentSuggestions) return;
    this.sentSuggestions = json;
    this.ghosts = ghosts;
    this.post({ type: 'didSetSuggestions', payload });
  }

  /** Accepts a ghost node: its id is looked up among those sent; the label goes in through the editor's accept edits. */
  private async acceptSuggestion(id: string): Promise<void> {
    const ghost = this.ghosts.get(id);
    const problem = ghost && this.suggestions ? await this.suggestions.accept(ghost.path, ghost.line) : 'gone';
    if (problem === 'gone') {
      void vscode.window.showInformationMessage('Crux Map: that suggestion is gone (the draft changed).');
      this.sendSuggestions(true);
      return;
    }
    if (problem) {
      void vscode.window.showWarningMessage(problem);
      return;
    }
    // Index the edited text now: the map draws the accepted element (solid) without the typing delay.
    const doc = ghost && this.documentOf(ghost.path);
    if (doc) this.store.updateFromDocument(doc);
  }

  /** A file's version: a number that grows whenever the text the index holds for it changes. */
  private versionOf(path: string): number {
    return this.versions.versionOf(path, this.store.index.getText(path));
  }

  private documentOf(path: string): vscode.TextDocument | undefined {
    const uri = this.store.uriOf(path);
    return uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
  }

  /**
   * Writes an edit asked for on the map: the ids are looked up in the index, the files'
   * versions compared with those the map was drawn from (after taking in what was typed
   * but not yet indexed), the text edits computed by the core and applied as one
   * WorkspaceEdit (one undo step). The index is updated at once, so the new node is drawn
   * without the typing delay; the answer names the node to select.
   */
  private async applyMapEdit(requestId: number, edit: MapEdit, versions: Record<string, number>): Promise<void> {
    const answer = (ok: boolean, message?: string, select?: string) => this.post({ type: 'didCompleteEdit', payload: { requestId, ok, ...(message ? { message } : {}), ...(select ? { select } : {}) } });
    const index = this.store.index;
    try {
      const ids = edit.type === 'connect' ? [edit.id, edit.targetId] : [edit.id];
      for (const id of ids) if (!index.getNode(id)) throw new EditError(`No element ${id} in the workspace (was it renamed or deleted?). Nothing was changed.`);
      // Only the files the named elements are in count (file names from the view are lookup keys, never paths).
      const files = new Set(ids.map((id) => index.getNode(id)!.file));
      for (const f of files) {
        const doc = this.documentOf(f);
        if (doc) this.store.flush(doc);
      }
      const claimed = Object.fromEntries(Object.entries(versions).filter(([f]) => files.has(f)));
      const stale = this.versions.stale(claimed, (f) => index.getText(f));
      if (stale.length) throw new EditError(`${stale.join(' and ')} changed since the map was drawn; nothing was changed. Look at the map again and retry.`);
      for (const id of ids) if (!index.getNode(id)) throw new EditError(`No element ${id} in the workspace any more. Nothing was changed.`);
      const plan: MapEditPlan =
        edit.type === 'add'
          ? addElementEdits(index, edit.id, edit.kind, edit.text)
          : edit.type === 'connect'
            ? connectEdits(index, edit.id, edit.targetId, edit.relation)
            : edit.type === 'changeKind'
              ? changeKindEdits(index, edit.id, edit.kind)
              : removeLabelEdits(index, edit.id);
      const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(this.store, plan.edits));
      if (!ok) throw new EditError('The edit could not be applied (a file may have changed meanwhile); nothing was changed.');
      // Index the edited texts now, not after the typing delay: the map draws the change at once.
      for (const fe of plan.edits) {
        const doc = this.documentOf(fe.path) ?? (await vscode.workspace.openTextDocument(this.store.uriOf(fe.path)!));
        this.store.updateFromDocument(doc);
      }
      const select = this.selectionAfter(edit, plan);
      answer(true, plan.note, select);
      if (plan.cursor) void this.showLine(plan.cursor.path, select);
    } catch (e) {
      answer(false, e instanceof EditError ? e.message : `The edit failed: ${(e as Error).message}`);
    }
  }

  /** The node to select after an edit: the new element, or the one edited (none when its label went). */
  private selectionAfter(edit: MapEdit, plan: EditPlan): string | undefined {
    if (edit.type === 'removeLabel') return undefined;
    if (edit.type === 'add' && plan.cursor) return this.store.index.elementAt(plan.cursor.path, plan.cursor.position)?.id;
    if (edit.type === 'connect' && edit.relation === 'crux' && plan.cursor) return this.store.index.elementAt(plan.cursor.path, plan.cursor.position)?.id ?? edit.id;
    return this.store.index.getNode(edit.id) ? edit.id : undefined;
  }

  /** Shows the edited line in the editor beside the map, keeping the focus on the map. */
  private async showLine(path: string, id: string | undefined): Promise<void> {
    const uri = this.store.uriOf(path);
    if (!uri) return;
    const node = id ? this.store.index.getNode(id) : undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? this.lastColumn ?? vscode.ViewColumn.One, preserveFocus: true, preview: false, ...(node ? { selection: toVsRange(node.range) } : {}) });
    if (node) editor.revealRange(toVsRange(node.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Elements of the whole workspace whose text, id or kind holds every word of the query. */
  private listTargets(requestId: number, query: string): void {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const items: TargetItem[] = [];
    for (const n of this.store.index.getGraph().nodes) {
      const hay = `${n.text} ${n.id} ${n.kind}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
      items.push({ id: n.id, kind: n.kind, label: truncateLabel(displayText(n.text) || `(${n.kind})`, 90), file: n.file });
      if (items.length >= MAX_TARGETS) break;
    }
    this.post({ type: 'didListTargets', payload: { requestId, items } });
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
        this.showSuggestions = message.payload.suggestions === true;
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
      case 'viewDidRequestEdit':
        void this.applyMapEdit(message.payload.requestId, message.payload.edit, message.payload.versions);
        break;
      case 'viewDidRequestTargets':
        this.listTargets(message.payload.requestId, message.payload.query);
        break;
      case 'viewDidToggleSuggestions':
        this.showSuggestions = message.payload.show;
        this.sendSuggestions(true);
        break;
      case 'viewDidAcceptSuggestion':
        void this.acceptSuggestion(message.payload.id);
        break;
      case 'viewDidRequestPeerExport':
        void this.savePeerExport(message.payload.format);
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

export function registerGraphPanel(context: vscode.ExtensionContext, store: DraftStore, suggestions?: MapSuggestions): void {
  const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
  let current: MapPanel | undefined;

  const open = (scope?: MapScope): MapPanel => {
    if (current) {
      current.panel.reveal(vscode.ViewColumn.Beside, true);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Argument Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [root] });
    current = new MapPanel(panel, store, root, scope, () => (current = undefined), suggestions);
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
        current = new MapPanel(panel, store, root, scope, () => (current = undefined), suggestions);
      },
    }),
    { dispose: () => current?.panel.dispose() },
  );
}
