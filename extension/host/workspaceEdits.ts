/** The core's file edits as one undoable WorkspaceEdit. */
import * as vscode from 'vscode';
import type { FileEdit } from '../core/features/edits';
import type { DraftStore } from './draftStore';
import { toVsRange } from './adapters';

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
