/** Suggestions in the editor, quiet and one click away: faded hints at suggested blocks, a hover with the cue, code actions that write the markup, accept-all with a preview, dismiss; the AI variant and the chat tool where a language model API exists. Never Problems entries. */
import * as vscode from 'vscode';
import type { DraftStore } from '../draftStore';
import type { Draft } from '../../core/model';
import { DEFAULT_THRESHOLD, suggestDraft, SuggestMemo, type Suggestion } from '../../core/suggest/suggest';
import { acceptEdits, acceptTitle, hintText, quoteShort } from '../../core/suggest/acceptEdits';
import { modelPrompt, readModelReply, reanchorSuggestions } from '../../core/suggest/modelReply';
import { argumentSummary } from '../../core/suggest/argumentJson';
import type { TextEdit } from '../../core/features/edits';
import { KIND_TITLE, short } from '../../core/wording';
import { toVsPosition, toVsRange } from '../adapters';
import { keepRecent } from '../../core/recent';

const DISMISSED_KEY = 'cruxmap.dismissedSuggestions';
const DISMISSED_MAX = 5000;
/** Drafts whose suggestion memo is kept (the ones edited last): enough for the editors a writer keeps open. */
const MEMOS_KEPT = 8;

// The language model API shapes used here (VS Code 1.90 has selectChatModels; 1.95 adds tools). @types/vscode is 1.90, so they are declared locally and detected at run time.
interface LmChatModel {
  readonly name: string;
  readonly vendor: string;
  sendRequest(messages: unknown[], options: object, token: vscode.CancellationToken): Thenable<{ text: AsyncIterable<string> }>;
}
interface LmApi {
  selectChatModels?: (selector?: object) => Thenable<LmChatModel[]>;
  registerTool?: (name: string, tool: { invoke(options: { input: unknown }, token: vscode.CancellationToken): unknown }) => vscode.Disposable;
}
interface LmNamespace {
  lm?: LmApi;
  LanguageModelChatMessage?: { User(content: string): unknown };
  LanguageModelToolResult?: new (parts: unknown[]) => unknown;
  LanguageModelTextPart?: new (value: string) => unknown;
}
const lmNs = vscode as unknown as LmNamespace;

/** The suggestions settings, checked: a threshold outside [0, 1] or not a number falls back to the default (and is said once in the log). */
function readSuggestionSettings(log: (line: string) => void): { enabled: boolean; threshold: number } {
  const c = vscode.workspace.getConfiguration('cruxmap.suggestions');
  const enabled = c.get<unknown>('enabled', true) !== false;
  const raw = c.get<unknown>('threshold', DEFAULT_THRESHOLD);
  const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= 1;
  if (!ok && warnedThreshold !== JSON.stringify(raw)) {
    warnedThreshold = JSON.stringify(raw);
    log(`cruxmap.suggestions.threshold must be a number from 0 to 1, not ${JSON.stringify(raw)}; using ${DEFAULT_THRESHOLD}`);
  }
  return { enabled, threshold: ok ? (raw as number) : DEFAULT_THRESHOLD };
}
let warnedThreshold: string | undefined;

/** A block's text as the dismissal key: white space and quotes do not matter. */
function dismissKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

class Suggestions implements vscode.Disposable {
  /** By path: the suggestions for the indexed draft they were made from (a new parse, e.g. after new workspace label words, is a new draft). */
  private readonly cache = new Map<string, { text: string; draft: Draft; all: Suggestion[] }>();
  /** By path, the drafts edited last first: what the suggester kept of the draft's blocks, so a keystroke reads only the block it changed. */
  private readonly memos = new Map<string, SuggestMemo>();
  /** Suggestions a language model made, by path; carried over to later texts by block text. */
  private readonly fromModel = new Map<string, { text: string; all: Suggestion[] }>();
  private readonly hint = vscode.window.createTextEditorDecorationType({
    before: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0.8em 0 0' },
  });
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: DraftStore,
    readonly log: (line: string) => void,
  ) {}

  settings() {
    return readSuggestionSettings(this.log);
  }

  private dismissed(): Set<string> {
    return new Set(this.context.workspaceState.get<string[]>(DISMISSED_KEY, []));
  }

  async dismiss(text: string): Promise<void> {
    const list = this.context.workspaceState.get<string[]>(DISMISSED_KEY, []).filter((t) => t !== dismissKey(text));
    list.push(dismissKey(text));
    await this.context.workspaceState.update(DISMISSED_KEY, list.slice(-DISMISSED_MAX));
    this.refreshAll();
  }

  async undismissAll(): Promise<number> {
    const n = this.context.workspaceState.get<string[]>(DISMISSED_KEY, []).length;
    await this.context.workspaceState.update(DISMISSED_KEY, []);
    this.refreshAll();
    return n;
  }

  /** Every suggestion for a draft's indexed text (the model's, when it made some), dismissed ones removed. */
  all(path: string): { text: string; all: Suggestion[] } | undefined {
    const text = this.store.index.getText(path);
    const draft = this.store.index.getDraft(path);
    if (text === undefined || !draft) return undefined;
    const hit = this.cache.get(path);
    if (hit && hit.text === text && hit.draft === draft) return hit;
    let all: Suggestion[];
    const model = this.fromModel.get(path);
    if (model) {
      all = model.text === text ? model.all : reanchorSuggestions(model.all, text, draft);
      this.fromModel.set(path, { text, all });
    } else all = suggestDraft(text, draft, this.memoFor(path));
    const gone = this.dismissed();
    if (gone.size > 0) all = dropDismissed(all, gone);
    const entry = { text, draft, all };
    this.cache.set(path, entry);
    return entry;
  }

  /** The draft's memo, made the most recently used; the least recently used beyond MEMOS_KEPT is dropped. */
  private memoFor(path: string): SuggestMemo {
    const memo = this.memos.get(path) ?? new SuggestMemo();
    keepRecent(this.memos, path, memo, MEMOS_KEPT);
    return memo;
  }

  /** The suggestions shown: at or above the threshold, when suggestions are on. */
  shown(path: string): { text: string; all: Suggestion[]; shown: Suggestion[] } | undefined {
    const s = this.settings();
    if (!s.enabled) return undefined;
    const a = this.all(path);
    return a && { ...a, shown: a.all.filter((x) => x.confidence >= s.threshold) };
  }

  setModelSuggestions(path: string, text: string, all: Suggestion[]): void {
    this.fromModel.set(path, { text, all });
    this.cache.delete(path);
    this.refreshAll();
  }

  refreshAll(): void {
    this.cache.clear();
    for (const e of vscode.window.visibleTextEditors) this.decorate(e);
    this.changed.fire();
  }

  forget(path: string): void {
    this.cache.delete(path);
  }

  decorate(editor: vscode.TextEditor): void {
    const path = this.store.isDraft(editor.document) ? this.store.pathOf(editor.document.uri) : undefined;
    // Only while the index holds the editor's text: ranges of an older text would land in the wrong places.
    const s = path && this.store.index.getText(path) === editor.document.getText() ? this.shown(path) : undefined;
    if (!s) {
      if (path) editor.setDecorations(this.hint, []);
      return;
    }
    editor.setDecorations(
      this.hint,
      s.shown.map((x) => {
        const start = toVsPosition(x.contentStart);
        const firstWord = /^\S+/.exec(editor.document.lineAt(start.line).text.slice(start.character))?.[0].length ?? 0;
        const md = new vscode.MarkdownString(undefined, true);
        // Only these two commands may run from the hover's links.
        md.isTrusted = { enabledCommands: ['cruxmap.acceptSuggestion', 'cruxmap.dismissSuggestion'] };
        md.appendMarkdown(`**Crux Map suggests:** ${KIND_TITLE[x.kind].toLowerCase()}`);
        if (x.target) md.appendMarkdown(` → ${escapeMd(quoteShort(x.target.text, 80))}`);
        md.appendMarkdown(`  \nbecause of: *${escapeMd(x.cue)}* (confidence ${x.confidence.toFixed(2)})  \n`);
        const accept = encodeURIComponent(JSON.stringify([editor.document.uri.toString(), x.range.start.line]));
        const dismiss = encodeURIComponent(JSON.stringify([x.text]));
        md.appendMarkdown(`[${escapeMd(acceptTitle(x, s.all))}](command:cruxmap.acceptSuggestion?${accept}) · [Dismiss](command:cruxmap.dismissSuggestion?${dismiss})`);
        return {
          range: new vscode.Range(start, start.translate(0, firstWord)),
          hoverMessage: md,
          renderOptions: { before: { contentText: hintText(x) } },
        };
      }),
    );
  }

  dispose(): void {
    this.hint.dispose();
    this.changed.dispose();
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Removes dismissed suggestions; targets that pointed at a removed one are kept as lines, with their suggestion index renumbered. */
function dropDismissed(all: Suggestion[], gone: Set<string>): Suggestion[] {
  const keep = all.map((s) => !gone.has(dismissKey(s.text)));
  const newIndex: number[] = [];
  let n = 0;
  for (let i = 0; i < all.length; i++) newIndex.push(keep[i] ? n++ : -1);
  return all
    .filter((_, i) => keep[i])
    .map((s) => (s.target && s.target.suggestion >= 0 ? { ...s, target: newIndex[s.target.suggestion] >= 0 ? { ...s.target, suggestion: newIndex[s.target.suggestion] } : null } : s));
}

/** Core text edits for one document as a WorkspaceEdit (applied as they are, one undo step). */
function workspaceEditOf(uri: vscode.Uri, edits: TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toVsRange(e.range), e.newText);
  return we;
}

/**
 * Accept-all for the refactor preview: the edits for the suggestions above the threshold come
 * ticked, grouped by what they do; the less sure ones (below it) are listed unticked, label only
 * (needsConfirmation is what opens the preview, and VS Code leaves such entries unticked).
 */
function previewEditOf(uri: vscode.Uri, edits: TextEdit[], all: readonly Suggestion[], lessSure: readonly Suggestion[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  const byLine = new Map(all.map((s) => [s.contentStart.line, s]));
  for (const e of edits) {
    const s = byLine.get(e.range.start.line);
    const isLabel = s !== undefined && e.range.start.character === s.contentStart.character && e.newText.endsWith(': ');
    const label = isLabel ? `Mark as ${KIND_TITLE[s.kind]}` : e.newText.includes('[[') ? 'Reference the suggested target' : 'Give the target an explicit id';
    we.insert(uri, toVsPosition(e.range.start), e.newText, { needsConfirmation: false, label, description: isLabel ? quoteShort(s.text, 50) : e.newText.trim() });
  }
  for (const s of lessSure) {
    we.insert(uri, toVsPosition(s.contentStart), `${KIND_TITLE[s.kind]}: `, {
      needsConfirmation: true,
      label: s.kind === 'crux' ? 'Cruxes (name both sides after accepting): tick to accept' : 'Less sure (below the threshold): tick to accept too',
      description: `${KIND_TITLE[s.kind]}: ${quoteShort(s.text, 50)} (${s.confidence.toFixed(2)}, ${s.cue})`,
    });
  }
  return we;
}

/** Code actions on a suggested block: mark it as suggested (with the reference where needed), or dismiss it. */
class SuggestionActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix.append('cruxmap.suggestion'), vscode.CodeActionKind.RefactorRewrite];
  constructor(
    private readonly store: DraftStore,
    private readonly suggestions: Suggestions,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const path = this.store.flush(doc);
    if (!path || this.store.index.getText(path) !== doc.getText()) return [];
    const s = this.suggestions.shown(path);
    if (!s) return [];
    const hit = s.shown.find((x) => x.range.start.line <= range.start.line && range.start.line <= x.range.end.line);
    if (!hit) return [];
    const mark = new vscode.CodeAction(acceptTitle(hit, s.all), vscode.CodeActionKind.QuickFix.append('cruxmap.suggestion'));
    mark.edit = workspaceEditOf(doc.uri, acceptEdits(s.text, path, [hit], s.all));
    mark.isPreferred = true;
    const dismiss = new vscode.CodeAction('Dismiss this suggestion', vscode.CodeActionKind.QuickFix.append('cruxmap.suggestion'));
    dismiss.command = { command: 'cruxmap.dismissSuggestion', title: dismiss.title, arguments: [hit.text] };
    const acceptAll = new vscode.CodeAction('Accept Suggestions in This Draft…', vscode.CodeActionKind.RefactorRewrite);
    acceptAll.command = { command: 'cruxmap.acceptSuggestions', title: acceptAll.title, arguments: [doc.uri] };
    return [mark, dismiss, acceptAll];
  }
}

async function acceptAll(store: DraftStore, suggestions: Suggestions, uri?: vscode.Uri): Promise<void> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || !store.isDraft(doc)) {
    void vscode.window.showInformationMessage('Crux Map: open a markdown draft first.');
    return;
  }
  const path = store.flush(doc)!;
  const s = suggestions.shown(path);
  if (!s || s.shown.length === 0) {
    const enabled = suggestions.settings().enabled;
    void vscode.window.showInformationMessage(enabled ? 'Crux Map: no suggestions above the threshold in this draft.' : 'Crux Map: suggestions are turned off (cruxmap.suggestions.enabled).');
    return;
  }
  // A crux needs its two sides written by hand (else it is a crux-needs-two warning): cruxes come unticked.
  const sure = s.shown.filter((x) => x.kind !== 'crux');
  const edits = acceptEdits(s.text, path, sure, s.all);
  const labeled = new Set(edits.filter((e) => e.newText.endsWith(': ')).map((e) => e.range.start.line));
  const lessSure = s.all.filter((x) => !labeled.has(x.range.start.line) && !sure.includes(x));
  if (lessSure.length === 0) {
    // Nothing needs confirmation, so VS Code would apply without its preview: ask here instead.
    const n = sure.length;
    const go = await vscode.window.showInformationMessage(`Crux Map: mark ${n} block${n === 1 ? '' : 's'} in this draft as suggested?`, { modal: true, detail: sure.map((x) => `${KIND_TITLE[x.kind]}: ${quoteShort(x.text, 60)}`).join('\n') }, 'Accept');
    if (go !== 'Accept') return;
  }
  const ok = await vscode.workspace.applyEdit(previewEditOf(doc.uri, edits, s.all, lessSure));
  if (!ok) void vscode.window.showWarningMessage('Crux Map: the suggestions were not applied (discarded in the preview, or the draft changed meanwhile).');
}

/** Lists the draft's suggestions (above the threshold) in a Quick Pick; picking one selects its block. What the map's empty state can offer. */
async function showSuggestions(store: DraftStore, suggestions: Suggestions, uri?: vscode.Uri): Promise<void> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || !store.isDraft(doc)) {
    void vscode.window.showInformationMessage('Crux Map: open a markdown draft first.');
    return;
  }
  const path = store.flush(doc)!;
  const s = suggestions.shown(path);
  if (!s || s.shown.length === 0) {
    void vscode.window.showInformationMessage(suggestions.settings().enabled ? 'Crux Map: no suggestions above the threshold in this draft.' : 'Crux Map: suggestions are turned off (cruxmap.suggestions.enabled).');
    return;
  }
  const items = s.shown.map((x) => ({
    label: `${KIND_TITLE[x.kind]}? ${short(x.text, 90)}`,
    description: `line ${x.range.start.line + 1}`,
    detail: `${x.target ? `→ ${quoteShort(x.target.text, 50)} · ` : ''}because of: ${x.cue} · confidence ${x.confidence.toFixed(2)}`,
    x,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: `Suggestions in ${path} (${items.length})`, matchOnDetail: true, placeHolder: 'Pick one to go to it; Ctrl+. there marks it' });
  if (!pick) return;
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const r = toVsRange(pick.x.range);
  editor.selection = new vscode.Selection(r.start, r.start);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Asks a chat model (when VS Code offers one) for the same schema; validated, cancellable, with progress. */
async function suggestWithModel(store: DraftStore, suggestions: Suggestions): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const select = lmNs.lm?.selectChatModels;
  const models = select ? await Promise.resolve(select({})).then((m) => m ?? [], () => [] as LmChatModel[]) : [];
  if (models.length === 0 || !lmNs.LanguageModelChatMessage) {
    void vscode.window.showInformationMessage('Crux Map: no language model is available (a chat model extension such as GitHub Copilot provides one). Suggestions from the draft\'s own wording still work without one.');
    return;
  }
  if (!editor || !store.isDraft(editor.document)) {
    void vscode.window.showInformationMessage('Crux Map: open a markdown draft first.');
    return;
  }
  const model = models[0];
  const path = store.flush(editor.document)!;
  const text = store.index.getText(path)!;
  const draft = store.index.getDraft(path)!;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Crux Map: asking ${model.name} for the argument structure`, cancellable: true }, async (_progress, token) => {
    try {
      const response = await model.sendRequest([lmNs.LanguageModelChatMessage!.User(modelPrompt(text, draft))], {}, token);
      let reply = '';
      for await (const part of response.text) {
        if (token.isCancellationRequested) return;
        reply += part;
      }
      if (token.isCancellationRequested) return;
      const { suggestions: list, dropped } = readModelReply(reply, text, draft);
      for (const d of dropped) suggestions.log(`AI suggestions for ${path}: dropped ${d}`);
      if (store.index.getText(path) !== text) {
        suggestions.log(`AI suggestions for ${path}: the draft changed while the model answered; carried over by block text`);
      }
      suggestions.setModelSuggestions(path, text, list);
      void vscode.window.showInformationMessage(`Crux Map: ${model.name} suggested ${list.length} element${list.length === 1 ? '' : 's'}${dropped.length ? `; ${dropped.length} malformed entr${dropped.length === 1 ? 'y' : 'ies'} dropped (see the Crux Map log)` : ''}.`);
    } catch (e) {
      if (token.isCancellationRequested) return;
      const message = e instanceof Error ? e.message : String(e);
      suggestions.log(`AI suggestions for ${path} failed: ${message}`);
      void vscode.window.showWarningMessage(`Crux Map: the language model gave no suggestions (${message}).`);
    }
  });
}

/** The chat tool: the argument of a draft (input `file`, workspace-relative) or of the workspace, as compact JSON. */
function registerTool(context: vscode.ExtensionContext, store: DraftStore, suggestions: Suggestions): void {
  const lm = lmNs.lm;
  if (!lm?.registerTool || !lmNs.LanguageModelToolResult || !lmNs.LanguageModelTextPart) return;
  const Result = lmNs.LanguageModelToolResult;
  const Text = lmNs.LanguageModelTextPart;
  context.subscriptions.push(
    lm.registerTool('cruxmap_argument', {
      async invoke(options) {
        await store.ready;
        const input = (options?.input ?? {}) as { file?: unknown };
        const file = typeof input.file === 'string' && input.file.trim() ? input.file.trim().replace(/\\/g, '/') : undefined;
        if (file !== undefined && store.index.getText(file) === undefined) {
          return new Result([new Text(JSON.stringify({ error: `no draft ${file} in the workspace`, drafts: store.index.paths().slice(0, 200) }))]);
        }
        const paths = file ? [file] : store.index.paths();
        const map = new Map<string, Suggestion[]>();
        for (const p of paths) {
          const s = suggestions.shown(p);
          if (s && s.shown.length) map.set(p, s.shown);
        }
        return new Result([new Text(JSON.stringify(argumentSummary(store.index.getGraph(), file, map)))]);
      },
    }),
  );
}

/**
 * Accepts the suggestion at `line` of a draft whose document is open and indexed: the same core
 * edits as the editor's code action, applied as one WorkspaceEdit. Returns 'gone' when no such
 * suggestion is shown for the indexed text, a message when the edit failed, undefined when done.
 */
async function acceptOne(store: DraftStore, suggestions: Suggestions, doc: vscode.TextDocument, path: string, line: number): Promise<string | undefined> {
  const s = suggestions.shown(path);
  const hit = s?.shown.find((x) => x.range.start.line === line);
  if (!s || !hit || store.index.getText(path) !== doc.getText()) return 'gone';
  if (!(await vscode.workspace.applyEdit(workspaceEditOf(doc.uri, acceptEdits(s.text, path, [hit], s.all))))) return 'Crux Map: the edit could not be applied; nothing was changed.';
  return undefined;
}

/** What the map needs of the suggestions: the shown ones per draft, a change event, and accepting one. */
export interface MapSuggestions {
  shown(path: string): { shown: Suggestion[] } | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** Accepts the suggestion at a line of an indexed draft (the document is opened if need be); as acceptOne. */
  accept(path: string, line: number): Promise<string | undefined>;
}

/** Registers the suggestion hints, code actions and commands (and the chat tool where the API exists); returns what the map uses. */
export function registerSuggestions(context: vscode.ExtensionContext, store: DraftStore, log: (line: string) => void): MapSuggestions {
  const suggestions = new Suggestions(context, store, log);
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  context.subscriptions.push(
    suggestions,
    store.onDidChange((e) => {
      for (const p of e.paths) suggestions.forget(p);
      for (const ed of vscode.window.visibleTextEditors) {
        const p = store.pathOf(ed.document.uri);
        if (p && e.paths.includes(p)) suggestions.decorate(ed);
      }
    }),
    vscode.window.onDidChangeVisibleTextEditors((eds) => eds.forEach((e) => suggestions.decorate(e))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cruxmap.suggestions')) suggestions.refreshAll();
    }),
    vscode.languages.registerCodeActionsProvider(selector, new SuggestionActions(store, suggestions), { providedCodeActionKinds: SuggestionActions.kinds }),
    vscode.commands.registerCommand('cruxmap.acceptSuggestions', (uri?: vscode.Uri) => acceptAll(store, suggestions, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('cruxmap.acceptSuggestion', async (uri?: string, line?: number) => {
      const doc = typeof uri === 'string' ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
      const path = doc && store.flush(doc);
      const problem = doc && path && typeof line === 'number' ? await acceptOne(store, suggestions, doc, path, line) : 'gone';
      if (problem === 'gone') void vscode.window.showInformationMessage('Crux Map: that suggestion is gone (the draft changed); hover the block again.');
      else if (problem) void vscode.window.showWarningMessage(problem);
    }),
    vscode.commands.registerCommand('cruxmap.dismissSuggestion', async (text?: string) => {
      if (typeof text === 'string') await suggestions.dismiss(text);
    }),
    vscode.commands.registerCommand('cruxmap.showDismissedSuggestions', async () => {
      const n = await suggestions.undismissAll();
      void vscode.window.showInformationMessage(`Crux Map: ${n} dismissed suggestion${n === 1 ? '' : 's'} will show again.`);
    }),
    vscode.commands.registerCommand('cruxmap.suggestWithAI', () => suggestWithModel(store, suggestions)),
    vscode.commands.registerCommand('cruxmap.showSuggestions', (uri?: vscode.Uri) => showSuggestions(store, suggestions, uri instanceof vscode.Uri ? uri : undefined)),
  );
  registerTool(context, store, suggestions);
  void store.ready.then(() => vscode.window.visibleTextEditors.forEach((e) => suggestions.decorate(e)));
  return {
    shown: (path) => suggestions.shown(path),
    onDidChange: suggestions.onDidChange,
    accept: async (path, line) => {
      const uri = store.uriOf(path);
      if (!uri) return 'gone';
      const doc = await vscode.workspace.openTextDocument(uri);
      store.flush(doc);
      return acceptOne(store, suggestions, doc, path, line);
    },
  };
}
