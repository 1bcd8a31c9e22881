/** Placeholder until this feature lands: registers nothing yet. */
import type * as vscode from 'vscode';
import type { DraftStore } from './draftStore';

export function registerViews(_context: vscode.ExtensionContext, _store: DraftStore): void {}
