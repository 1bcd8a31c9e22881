/** Small shared pieces of the VS Code glue: kind icons, core edits as one WorkspaceEdit, revealing elements. */
import * as vscode from 'vscode';
import type { ElementKind } from '../core/model';
import type { FileEdit } from '../core/features/edits';
import type { DraftStore } from './draftStore';
import { toVsPosition, toVsRange } from './adapters';

/** Codicons by element kind, with theme chart colours. */
export const KIND_ICONS: Record<ElementKind, { icon: string; color: string }> = {
  claim: { icon: 'lightbulb', color: 'charts.blue' },
  support: { icon: 'pass', color: 'charts.green' },
  objection: { icon: 'circle-slash', color: 'charts.red' },
  reply: { icon: 'reply', color: 'charts.orange' },
  crux: { icon: 'git-compare', color: 'charts.purple' },
  question: { icon: 'question', color: 'charts.yellow' },
};

export function kindIcon(kind: ElementKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICONS[kind].icon, new vscode.ThemeColor(KIND_ICONS[kind].color));
}

/** Core file edits as one WorkspaceEdit (one undo step per file; applied together). */
export function toWorkspaceEdit(store: DraftStore, edits: FileEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const fe of edits) {
    const uri = store.uriOf(fe.path);
    if (!uri) throw new Error(`${fe.path} is not open in this workspace any more.`);
    for (const e of fe.edits) edit.replace(uri, toVsRange(e.range), e.newText);
  }
  return edit;
}

/** Opens an element's file and selects the element. */
export async function revealElement(store: DraftStore, id: string, column: vscode.ViewColumn = vscode.ViewColumn.Active, preserveFocus = false): Promise<vscode.TextEditor | undefined> {
  const node = store.index.getNode(id);
  const uri = node && store.uriOf(node.file);
  if (!node || !uri) {
    void vscode.window.showWarningMessage(`Crux Map: ${id} is no longer in the workspace.`);
    return undefined;
  }
  const range = toVsRange(node.range);
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: range, preserveFocus, preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Opens both sides of a disagreement side by side, each element selected. */
export async function openSideBySide(store: DraftStore, a: string, b: string): Promise<void> {
  await revealElement(store, a, vscode.ViewColumn.One);
  await revealElement(store, b, vscode.ViewColumn.Two);
}

/** Moves the cursor of the editor showing `uri`. */
export function moveCursor(uri: vscode.Uri, position: { line: number; character: number }): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (!editor) return;
  const p = toVsPosition(position);
  editor.selection = new vscode.Selection(p, p);
  editor.revealRange(new vscode.Range(p, p));
}
