/** Activation: builds the draft store and registers every Crux Map feature on it. */
import * as vscode from 'vscode';
import { DraftStore } from './draftStore';
import { registerGraphPanel } from './panel/graphPanel';
import { registerLanguageFeatures } from './features/languageFeatures';
import { registerEditCommands } from './features/editCommands';
import { registerViews } from './views';
import { setSettingsLog } from './settings';
import { registerPublish } from './features/publish';
import { registerSuggestions } from './features/suggestions';

export function activate(context: vscode.ExtensionContext): { store: DraftStore; extendMarkdownIt: ReturnType<typeof registerPublish>['extendMarkdownIt'] } {
  const log = vscode.window.createOutputChannel('Crux Map', { log: true });
  context.subscriptions.push(log);
  setSettingsLog((line) => log.warn(line));
  const store = new DraftStore({
    log: (line) => log.info(line),
    // Per workspace only: empty windows share global storage, and would share (and race on) one cache.
    storageUri: context.storageUri,
    workerFile: vscode.Uri.joinPath(context.extensionUri, 'dist', 'parseWorker.js').fsPath,
    version: String(context.extension.packageJSON.version ?? '0'),
  });
  context.subscriptions.push(store);
  context.subscriptions.push(vscode.commands.registerCommand('cruxmap.reindex', () => store.scan()));
  const suggestions = registerSuggestions(context, store, (line) => log.info(line));
  registerGraphPanel(context, store, suggestions, (line) => log.info(line));
  registerLanguageFeatures(context, store);
  registerEditCommands(context, store);
  registerViews(context, store);
  const preview = registerPublish(context, store);
  return { store, extendMarkdownIt: preview.extendMarkdownIt };
}

export function deactivate(): void {}
