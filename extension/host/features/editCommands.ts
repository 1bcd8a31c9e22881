/** Commands that write markup: link a disagreement, show disagreements, add an id, copy a reference, mark as a kind; plus rename and mark-as code actions. */
import * as vscode from 'vscode';
import type { DraftStore } from '../draftStore';
import type { ElementKind, GraphNode } from '../../core/model';
import { addIdEdit, EditError, linkEdits, markAsEdit, renameIdEdits, wikilinkTo, type LinkRelation } from '../../core/features/edits';
import { fromVsPosition, toVsRange } from '../adapters';
import { MarkAsOffers } from './markAsOffers';
import { KIND_TITLE, short } from '../../core/wording';
import { KIND_ICONS } from '../kindIcons';
import { moveCursor, openSideBySide } from '../reveal';
import { toWorkspaceEdit } from '../workspaceEdits';

const MARK_COMMANDS: [string, ElementKind][] = [
  ['cruxmap.markAsClaim', 'claim'],
  ['cruxmap.markAsObjection', 'objection'],
  ['cruxmap.markAsSupport', 'support'],
  ['cruxmap.markAsReply', 'reply'],
  ['cruxmap.markAsQuestion', 'question'],
];

interface ElementPick extends vscode.QuickPickItem {
  id?: string;
}

function showError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  void vscode.window.showErrorMessage(`Crux Map: ${message}`);
}

/** The element under the cursor of the active markdown editor, with the index up to date. */
function currentElement(store: DraftStore): { editor: vscode.TextEditor; id: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !store.isDraft(editor.document)) {
    void vscode.window.showInformationMessage('Crux Map: open a markdown draft first.');
    return undefined;
  }
  const path = store.flush(editor.document)!;
  const hit = store.index.elementAt(path, fromVsPosition(editor.selection.active));
  if (!hit) {
    void vscode.window.showInformationMessage('Crux Map: put the cursor in an element first: a paragraph, list item or heading that starts with a label such as Claim: or Objection:.');
    return undefined;
  }
  return { editor, id: hit.id };
}

/** Quick Pick items for every element, grouped by file with separators. */
function elementItems(store: DraftStore, exclude?: string): ElementPick[] {
  const graph = store.index.getGraph();
  const titles = new Map(graph.files.map((f) => [f.file, f.title]));
  const items: ElementPick[] = [];
  let file: string | undefined;
  for (const n of graph.nodes) {
    if (n.id === exclude) continue;
    if (n.file !== file) {
      file = n.file;
      items.push({ label: `${titles.get(n.file) ?? n.file} (${n.file})`, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push(pickFor(n));
  }
  return items;
}

function pickFor(n: GraphNode): ElementPick {
  return { label: `$(${KIND_ICONS[n.kind].icon}) ${short(n.text || `(${n.kind})`, 90)}`, description: `^${n.localId}`, detail: `${n.kind} · ${n.file}:${n.range.start.line + 1}`, id: n.id };
}

async function applyAndMove(store: DraftStore, edit: vscode.WorkspaceEdit, cursor?: { path: string; position: { line: number; character: number } }): Promise<boolean> {
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) {
    void vscode.window.showErrorMessage('Crux Map: the edit could not be applied (a file may have changed meanwhile); nothing was changed.');
    return false;
  }
  if (cursor) {
    const uri = store.uriOf(cursor.path);
    if (uri) moveCursor(uri, cursor.position);
  }
  return true;
}

async function linkDisagreement(store: DraftStore, args?: { target?: string; relation?: LinkRelation; question?: string }): Promise<void> {
  await store.ready;
  const from = currentElement(store);
  if (!from) return;
  try {
    let target = args?.target;
    if (!target) {
      const pick = await vscode.window.showQuickPick(elementItems(store, from.id), {
        title: 'Link Disagreement: pick the element to link to',
        placeHolder: 'Search elements by text or id, in every draft',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!pick?.id) return;
      target = pick.id;
    }
    let relation = args?.relation;
    if (!relation) {
      const relations: (vscode.QuickPickItem & { relation: LinkRelation })[] = [
        { label: '$(circle-slash) Object to it', description: 'a new Objection that references it', relation: 'object' },
        { label: '$(pass) Support it', description: 'a new Support that references it', relation: 'support' },
        { label: '$(reply) Reply to it', description: 'a new Reply that references it', relation: 'reply' },
        { label: '$(git-compare) Crux between them', description: 'a Crux paragraph naming both elements', relation: 'crux' },
      ];
      const chosen = await vscode.window.showQuickPick(relations, { title: 'Link Disagreement: how does this element relate to it?' });
      if (!chosen) return;
      relation = chosen.relation;
    }
    let question = args?.question ?? '';
    if (relation === 'crux' && args?.question === undefined) {
      const q = await vscode.window.showInputBox({ title: 'Crux between them', prompt: 'The question the disagreement turns on', placeHolder: 'e.g. does good outer alignment prevent most scheming?' });
      if (q === undefined) return;
      question = q;
    }
    store.flush(from.editor.document);
    const plan = linkEdits(store.index, from.id, target, relation, question);
    await applyAndMove(store, toWorkspaceEdit(store, plan.edits), plan.cursor);
  } catch (e) {
    showError(e);
  }
}

async function showDisagreements(store: DraftStore): Promise<void> {
  await store.ready;
  const graph = store.index.getGraph();
  if (graph.disagreements.length === 0) {
    void vscode.window.showInformationMessage('Crux Map: no disagreements yet. A crux naming two elements, or an objection or reply to an element in another draft, makes one.');
    return;
  }
  const node = (id: string) => store.index.getNode(id);
  const items = graph.disagreements.map((d) => {
    const a = node(d.a)!;
    const b = node(d.b)!;
    const by = node(d.by);
    return {
      label: `${short(a.text, 60)}  ⟷  ${short(b.text, 60)}`,
      description: d.via === 'crux' ? `crux: ${short(by?.text ?? '', 50)}` : d.via,
      detail: `${a.file}:${a.range.start.line + 1}  ·  ${b.file}:${b.range.start.line + 1}`,
      d,
    };
  });
  const pick = await vscode.window.showQuickPick(items, { title: 'Disagreements in the workspace', matchOnDescription: true, matchOnDetail: true });
  if (pick) await openSideBySide(store, pick.d.a, pick.d.b);
}

async function addId(store: DraftStore): Promise<void> {
  const cur = currentElement(store);
  if (!cur) return;
  try {
    const r = addIdEdit(store.index, cur.id);
    if (!r.edit) {
      void vscode.window.showInformationMessage(`Crux Map: this element already has the id ^${r.id}.`);
      return;
    }
    await applyAndMove(store, toWorkspaceEdit(store, [r.edit]));
  } catch (e) {
    showError(e);
  }
}

async function copyReference(store: DraftStore): Promise<void> {
  const cur = currentElement(store);
  if (!cur) return;
  try {
    const r = addIdEdit(store.index, cur.id);
    if (r.edit && !(await applyAndMove(store, toWorkspaceEdit(store, [r.edit])))) return;
    const file = store.index.getNode(cur.id)!.file;
    // A reference for pasting anywhere: the shortest name that resolves from any draft.
    const ref = wikilinkTo(store.index, '', file, r.id);
    await vscode.env.clipboard.writeText(ref);
    vscode.window.setStatusBarMessage(`$(clippy) Copied ${ref}`, 3000);
  } catch (e) {
    showError(e);
  }
}

async function markAs(store: DraftStore, kind: ElementKind, uri?: vscode.Uri, position?: vscode.Position): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!doc || doc.languageId !== 'markdown') return;
  const at = position ?? editor?.selection.active;
  if (!at) return;
  const e = markAsEdit(doc.getText(), fromVsPosition(at), kind);
  if (!e) {
    void vscode.window.showInformationMessage('Crux Map: put the cursor in a paragraph, list item, quote or heading (not in code) to mark it.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, toVsRange(e.range), e.newText);
  await vscode.workspace.applyEdit(edit);
}

/** Offers "Mark as …" on a paragraph that has no label yet (asked as the cursor moves: see MarkAsOffers). */
class MarkAsActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite];
  private readonly offers = new MarkAsOffers();
  constructor(private readonly store: DraftStore) {}
  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const path = this.store.pathOf(doc.uri);
    const indexed = () => (path !== undefined && this.store.index.getText(path) === doc.getText() ? this.store.index.getDraft(path)?.elements : undefined);
    const asked = { key: doc.uri.toString(), version: doc.version, getText: () => doc.getText(), lineText: (line: number) => doc.lineAt(line).text };
    if (!this.offers.offers(asked, fromVsPosition(range.start), indexed)) return [];
    return MARK_COMMANDS.map(([command, kind]) => {
      const action = new vscode.CodeAction(`Mark as ${KIND_TITLE[kind]}`, vscode.CodeActionKind.RefactorRewrite);
      action.command = { command, title: action.title, arguments: [doc.uri, range.start] };
      return action;
    });
  }
}

/** F2 on an id: the `^id` marker or the id part of a reference. */
class IdRenames implements vscode.RenameProvider {
  constructor(private readonly store: DraftStore) {}

  private target(doc: vscode.TextDocument, position: vscode.Position): { id: string; range: vscode.Range } | undefined {
    const path = this.store.flush(doc);
    if (!path) return undefined;
    const p = fromVsPosition(position);
    const draft = this.store.index.getDraft(path);
    const el = draft?.elements.find((e) => e.idRange && toVsRange(e.idRange).contains(position));
    if (el && el.idRange) {
      const r = toVsRange(el.idRange);
      return { id: `${path}#^${el.localId}`, range: new vscode.Range(r.start.translate(0, 1), r.end) };
    }
    const ref = this.store.index.referenceAt(path, p);
    if (ref?.reference.idRange && toVsRange(ref.reference.idRange).contains(position) && ref.resolution.status === 'ok' && ref.resolution.localId) {
      return { id: `${ref.resolution.file}#^${ref.resolution.localId}`, range: toVsRange(ref.reference.idRange) };
    }
    return undefined;
  }

  prepareRename(doc: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const t = this.target(doc, position);
    if (!t) throw new Error('Crux Map renames element ids: put the cursor on a ^id or on the id in a reference such as [[file#^id]].');
    return { range: t.range, placeholder: doc.getText(t.range) };
  }

  async provideRenameEdits(doc: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    // Every referencing draft must be indexed, or the rename would miss some.
    await this.store.ready;
    const t = this.target(doc, position);
    if (!t) throw new Error('Nothing to rename here.');
    try {
      return toWorkspaceEdit(this.store, renameIdEdits(this.store.index, t.id, newName));
    } catch (e) {
      throw new Error(e instanceof EditError ? e.message : String(e), { cause: e });
    }
  }
}

export function registerEditCommands(context: vscode.ExtensionContext, store: DraftStore): void {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  context.subscriptions.push(
    vscode.commands.registerCommand('cruxmap.linkDisagreement', (args?: { target?: string; relation?: LinkRelation; question?: string }) => linkDisagreement(store, args)),
    vscode.commands.registerCommand('cruxmap.showDisagreements', () => showDisagreements(store)),
    vscode.commands.registerCommand('cruxmap.addId', () => addId(store)),
    vscode.commands.registerCommand('cruxmap.copyReference', () => copyReference(store)),
    ...MARK_COMMANDS.map(([command, kind]) => vscode.commands.registerCommand(command, (uri?: vscode.Uri, position?: vscode.Position) => markAs(store, kind, uri, position))),
    vscode.languages.registerCodeActionsProvider(selector, new MarkAsActions(store), { providedCodeActionKinds: MarkAsActions.kinds }),
    vscode.languages.registerRenameProvider(selector, new IdRenames(store)),
  );
}

