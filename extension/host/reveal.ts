/** Revealing elements in editors: open an element's file with it selected, both sides of a disagreement, the cursor moved. */
import * as vscode from 'vscode';
import type { DraftStore } from './draftStore';
import { toVsPosition, toVsRange } from './adapters';

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
