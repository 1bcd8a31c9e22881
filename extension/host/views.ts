/** The Explorer's Arguments and Disagreements views, and the status bar item for the active draft. */
import * as vscode from 'vscode';
import type { DraftStore } from './draftStore';
import type { Disagreement, GraphNode } from '../core/model';
import { plural, short } from '../core/wording';
import { kindIcon } from './kindIcons';
import { openSideBySide, revealElement } from './reveal';

type ArgumentItem = { type: 'file'; file: string; title: string } | { type: 'element'; node: GraphNode };

/** Files, then each file's elements as a tree by edges (children target their parent in the same file). */
class ArgumentsTree implements vscode.TreeDataProvider<ArgumentItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;
  constructor(private readonly store: DraftStore) {
    this.listening = store.onDidChange(() => this.changed.fire());
  }
  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }

  getTreeItem(item: ArgumentItem): vscode.TreeItem {
    if (item.type === 'file') {
      const t = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.Collapsed);
      t.description = item.file;
      t.resourceUri = this.store.uriOf(item.file);
      t.iconPath = vscode.ThemeIcon.File;
      t.contextValue = 'cruxmap.file';
      return t;
    }
    const n = item.node;
    const hasChildren = this.children(n).length > 0;
    const t = new vscode.TreeItem(short(n.text || `(${n.kind})`, 80), hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    t.id = n.id;
    t.description = `${n.kind} ^${n.localId}`;
    t.tooltip = new vscode.MarkdownString().appendText(`${n.kind} · ${n.file}:${n.range.start.line + 1}\n\n${n.text}`);
    t.iconPath = kindIcon(n.kind);
    t.command = { command: 'cruxmap.revealElement', title: 'Reveal', arguments: [n.id] };
    t.contextValue = 'cruxmap.element';
    return t;
  }

  private children(n: GraphNode): GraphNode[] {
    return this.store.index
      .incomingEdges(n.id)
      .map((e) => this.store.index.getNode(e.source))
      .filter((s): s is GraphNode => s !== undefined && s.file === n.file && s.id !== n.id);
  }

  getChildren(item?: ArgumentItem): ArgumentItem[] {
    const graph = this.store.index.getGraph();
    if (!item) return graph.files.filter((f) => graph.nodes.some((n) => n.file === f.file)).map((f) => ({ type: 'file', file: f.file, title: f.title }));
    if (item.type === 'file') {
      const inFile = graph.nodes.filter((n) => n.file === item.file);
      // Roots: no edge to an element of the same file.
      return inFile.filter((n) => !this.store.index.outgoingEdges(n.id).some((e) => e.target !== n.id && e.target.startsWith(`${item.file}#^`))).map((node) => ({ type: 'element', node }));
    }
    return this.children(item.node).map((node) => ({ type: 'element', node }));
  }
}

/** Each derived disagreement, with both sides' text and files. */
class DisagreementsTree implements vscode.TreeDataProvider<Disagreement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;
  constructor(private readonly store: DraftStore) {
    this.listening = store.onDidChange(() => this.changed.fire());
  }
  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
  getTreeItem(d: Disagreement): vscode.TreeItem {
    const a = this.store.index.getNode(d.a);
    const b = this.store.index.getNode(d.b);
    const t = new vscode.TreeItem(`${short(a?.text ?? d.a, 40)} ⟷ ${short(b?.text ?? d.b, 40)}`);
    t.description = `${a?.file ?? ''} · ${b?.file ?? ''}`;
    t.tooltip = new vscode.MarkdownString().appendText(`${a?.text ?? d.a}\n(${a?.file})\n\nversus\n\n${b?.text ?? d.b}\n(${b?.file})\n\nvia ${d.via}`);
    t.iconPath = new vscode.ThemeIcon('git-compare', new vscode.ThemeColor('charts.red'));
    t.command = { command: 'cruxmap.openDisagreement', title: 'Open both sides', arguments: [d.a, d.b] };
    return t;
  }
  getChildren(d?: Disagreement): Disagreement[] {
    return d ? [] : this.store.index.getGraph().disagreements;
  }
}

function registerStatusBar(context: vscode.ExtensionContext, store: DraftStore): void {
  const item = vscode.window.createStatusBarItem('cruxmap.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Crux Map';
  item.command = 'cruxmap.showMap';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const path = editor && store.isDraft(editor.document) ? store.pathOf(editor.document.uri) : undefined;
    const draft = path ? store.index.getDraft(path) : undefined;
    if (!path || !draft) {
      item.hide();
      return;
    }
    const unanswered = store.index.diagnosticsFor(path).filter((d) => d.code === 'unanswered-objection').length;
    const n = draft.elements.length;
    item.text = `$(type-hierarchy-sub) ${plural(n, 'element')}${unanswered ? ` · ${unanswered} unanswered` : ''}`;
    item.tooltip = `Crux Map: ${plural(n, 'argument element')} in this draft, ${plural(unanswered, 'objection')} without a reply. Click to open the argument map.`;
    item.show();
  };
  context.subscriptions.push(item, store.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
  update();
}

export function registerViews(context: vscode.ExtensionContext, store: DraftStore): void {
  // A tree view does not dispose its data provider: the providers' own subscriptions go with the extension's.
  const argumentsTree = new ArgumentsTree(store);
  const disagreementsTree = new DisagreementsTree(store);
  context.subscriptions.push(
    argumentsTree,
    disagreementsTree,
    vscode.window.createTreeView('cruxmap.arguments', { treeDataProvider: argumentsTree, showCollapseAll: true }),
    vscode.window.createTreeView('cruxmap.disagreements', { treeDataProvider: disagreementsTree }),
    vscode.commands.registerCommand('cruxmap.revealElement', (id: unknown) => (typeof id === 'string' ? revealElement(store, id) : undefined)),
    vscode.commands.registerCommand('cruxmap.openDisagreement', (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? openSideBySide(store, a, b) : undefined)),
  );
  registerStatusBar(context, store);
}

