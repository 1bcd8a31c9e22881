/** Publishing commands (copy or save a draft as a post) and the markdown preview's Crux Map plugin, resolved through the live index. */
import { headingRange } from '../../core/features/headings';
import * as vscode from 'vscode';
import { posix } from 'node:path';
import type MarkdownItModule from 'markdown-it';
import type { DraftStore } from '../draftStore';
import type { Reference } from '../../core/model';
import type { LabelMode, LinkMode, PublishResult } from '../../core/export/publish';
import { cruxmapPreview, type PreviewTarget } from '../../core/export/previewPlugin';
import { exportGraphAs, PEER_FORMATS, PEER_FORMAT_INFO, scopeGraph, type PeerFormat } from '../../core/export/formats';
import { filesInScope, type MapScope } from '../../core/map/mapModel';
import type { ArgumentGraph } from '../../core/model';

type MarkdownIt = InstanceType<typeof MarkdownItModule>;

function publishOptions(): { labels: LabelMode; links: LinkMode } {
  const c = vscode.workspace.getConfiguration('cruxmap');
  return { labels: c.get<LabelMode>('publish.labels', 'bold'), links: c.get<LinkMode>('publish.links', 'url') };
}

/** Publishes the active draft with the index up to date; says why not when there is none. */
async function publishActive(store: DraftStore): Promise<{ result: PublishResult; uri: vscode.Uri } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !store.isDraft(editor.document)) {
    void vscode.window.showInformationMessage('Crux Map: open a markdown draft first.');
    return undefined;
  }
  const path = store.flush(editor.document)!;
  // The publish export (remark, about 230 KB) is loaded when first used (dist/publish.js), not at activation.
  const { publishDraft } = await import('../../core/export/publish');
  return { result: publishDraft(store.index, path, publishOptions()), uri: editor.document.uri };
}

/** Dangling references are published as their words; the writer is told which. */
function reportProblems(result: PublishResult, done: string): void {
  if (result.problems.length === 0) {
    void vscode.window.showInformationMessage(`Crux Map: ${done}`);
    return;
  }
  const first = result.problems[0];
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
  void vscode.window.showWarningMessage(`Crux Map: ${done}, with ${result.problems.length} dangling reference${result.problems.length === 1 ? '' : 's'} as plain text. Line ${first.range.start.line + 1}: ${first.message}${more}`);
}

async function copyForPublishing(store: DraftStore): Promise<void> {
  const p = await publishActive(store);
  if (!p) return;
  await vscode.env.clipboard.writeText(p.result.text);
  reportProblems(p.result, 'copied the draft for publishing to the clipboard');
}

async function exportForPublishing(store: DraftStore): Promise<void> {
  const p = await publishActive(store);
  if (!p) return;
  const base = posix.basename(p.uri.path).replace(/\.(md|markdown)$/i, '');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(p.uri, '..', `${base}.post.md`),
    filters: { Markdown: ['md'] },
    saveLabel: 'Export for Publishing',
  });
  if (!target) return;
  if (target.toString() === p.uri.toString()) {
    void vscode.window.showErrorMessage('Crux Map: choose another file than the draft itself; the draft is left as it is.');
    return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(p.result.text, 'utf8'));
  reportProblems(p.result, `wrote ${vscode.workspace.asRelativePath(target)}`);
}

/**
 * Saves a graph (a map scope's, from `scopeGraph`) in a peer tool's format through a save dialog.
 * The map's export menu can call this with the scope it shows.
 */
export async function saveGraphAs(graph: ArgumentGraph, format: PeerFormat, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const info = PEER_FORMAT_INFO[format];
  const folder = near ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = graph.files.length === 1 ? posix.basename(graph.files[0].file).replace(/\.(md|markdown)$/i, '') : 'argument-map';
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.${info.extension}`) : undefined,
    filters: { [info.name]: [info.extension] },
    saveLabel: `Export as ${info.name}`,
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(exportGraphAs(graph, format), 'utf8'));
  void vscode.window.showInformationMessage(`Crux Map: wrote ${vscode.workspace.asRelativePath(target)} (${graph.nodes.length} elements, ${graph.edges.length} edges, ${info.name}).`);
  return target;
}

/** Export Argument Map for Another Tool…: pick a format and a scope (this draft, linked drafts, workspace), then a file. */
async function exportForTool(store: DraftStore): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    PEER_FORMATS.map((f) => ({ label: PEER_FORMAT_INFO[f].name, description: `.${PEER_FORMAT_INFO[f].extension}`, format: f })),
    { title: 'Crux Map: export the argument map for', placeHolder: 'Argdown, Graphviz, Mermaid, GraphML, AIF or JSON Canvas' },
  );
  if (!picked) return;
  const editor = vscode.window.activeTextEditor;
  const active = editor && store.isDraft(editor.document) ? store.flush(editor.document) : undefined;
  const scopes: { label: string; scope: MapScope }[] = [
    ...(active ? [{ label: 'This draft', scope: 'draft' as const }, { label: 'This draft and the drafts it links with', scope: 'linked' as const }] : []),
    { label: 'The whole workspace', scope: 'workspace' },
  ];
  const scope = scopes.length === 1 ? scopes[0] : await vscode.window.showQuickPick(scopes, { title: 'Crux Map: which part of the map?' });
  if (!scope) return;
  const graph = store.index.getGraph();
  const files = filesInScope(graph, scope.scope, active, (f) => store.index.linkedFiles(f));
  await saveGraphAs(scopeGraph(graph, files), picked.format, editor?.document.uri);
}

/** A relative link from one workspace path to another, with a `#L` line fragment the preview opens at. */
export function relativeHref(from: string, to: string, line: number): string {
  const rel = posix.relative(posix.dirname(`/${from}`), `/${to}`) || posix.basename(to);
  return `${rel.split('/').map(encodeURIComponent).join('/')}#L${line + 1}`;
}

/** The resolver the preview plugin calls for each wikilink of the rendered document. */
function previewResolver(store: DraftStore) {
  return (ref: { target: string; blockId?: string; anchor?: string; syntax?: 'wikilink' | 'link' }, env: unknown): PreviewTarget | undefined => {
    const doc = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    const from = doc ? store.pathOf(doc) : undefined;
    if (!from) return undefined;
    const zero = { line: 0, character: 0 };
    const reference: Reference = { syntax: ref.syntax ?? 'wikilink', target: ref.target, blockId: ref.blockId, anchor: ref.anchor, range: { start: zero, end: zero }, element: -1 };
    const r = store.index.resolveReference(from, reference);
    if (r.status !== 'ok') return undefined;
    const draft = store.index.getDraft(r.file);
    const element = r.elementIndex !== undefined ? draft?.elements[r.elementIndex] : undefined;
    // A heading anchor opens at its heading (when the file has one that matches), not at the file's first line.
    const text = !element && ref.anchor ? store.index.getText(r.file) : undefined;
    const heading = text !== undefined ? headingRange(text, ref.anchor!) : undefined;
    const line = element?.range.start.line ?? heading?.start.line ?? 0;
    return { href: relativeHref(from, r.file, line), title: element ? `${element.kind}: ${element.text}` : draft?.title, text: element?.text };
  };
}

/** Registers the publishing commands; returns what `activate` hands VS Code's markdown preview. */
export function registerPublish(context: vscode.ExtensionContext, store: DraftStore): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  context.subscriptions.push(
    vscode.commands.registerCommand('cruxmap.copyForPublishing', () => copyForPublishing(store)),
    vscode.commands.registerCommand('cruxmap.exportForPublishing', () => exportForPublishing(store)),
    vscode.commands.registerCommand('cruxmap.exportForTool', () => exportForTool(store)),
  );
  // Wikilinks resolve through the index: an open preview renders again once the index is ready, and when other drafts change.
  const refresh = () => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  void store.ready.then(refresh);
  context.subscriptions.push(
    store.onDidChange((change) => {
      const active = vscode.window.activeTextEditor?.document;
      const activePath = active ? store.pathOf(active.uri) : undefined;
      if (change.paths.every((p) => p === activePath)) return; // the preview follows its own document's edits already
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(refresh, 500);
    }),
    // New label words in a folder's .cruxmap.json change the badges of every preview.
    store.configs.onDidChange(refresh),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );
  // Badges for the label words of the rendered document's folder (.cruxmap.json) too, as the parser reads them.
  const labels = (env: unknown) => {
    const doc = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    // The markdown extension's Uri may not be this extension's class (getWorkspaceFolder wants one): make it one.
    return doc ? store.optionsForUri(doc instanceof vscode.Uri ? doc : vscode.Uri.parse(String(doc)))?.labels : undefined;
  };
  return { extendMarkdownIt: (md: MarkdownIt) => md.use(cruxmapPreview, { resolve: previewResolver(store), labels }) };
}
