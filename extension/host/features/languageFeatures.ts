/** Language features on markdown drafts: diagnostics with quick fixes, completion, definition, references, hover, symbols, CodeLens, folding. */
import * as vscode from 'vscode';
import type { DraftStore, IndexChange } from '../draftStore';
import type { Diagnostic, ElementKind } from '../../core/model';
import { codeLensFor, completionsAt, definitionAt, documentSymbols, foldingRanges, hoverAt, quickFixesFor, referencesAt, workspaceSymbols, type SymbolNode } from '../../core/features/language';
import { fromVsPosition, fromVsRange, toVsRange } from '../adapters';
import { readSettings } from '../settings';
import { toWorkspaceEdit } from '../glue';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const SYMBOL_KIND: Record<ElementKind, vscode.SymbolKind> = {
  claim: vscode.SymbolKind.Class,
  support: vscode.SymbolKind.Property,
  objection: vscode.SymbolKind.Event,
  reply: vscode.SymbolKind.Method,
  crux: vscode.SymbolKind.Interface,
  question: vscode.SymbolKind.Key,
};

function location(store: DraftStore, file: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Location | undefined {
  const uri = store.uriOf(file);
  return uri ? new vscode.Location(uri, toVsRange(range)) : undefined;
}

/** Keeps the Problems panel in step with the index: after a change, only the paths it says changed. */
function registerDiagnostics(context: vscode.ExtensionContext, store: DraftStore): void {
  const collection = vscode.languages.createDiagnosticCollection('cruxmap');
  /** What each path shows now (its uri and diagnostics), so a change only touches the files whose problems changed. */
  const shown = new Map<string, { uri: vscode.Uri; signature: string }>();
  const show = (path: string) => {
    const uri = store.index.getText(path) === undefined ? undefined : store.uriOf(path);
    const old = shown.get(path);
    if (!uri) {
      if (old) collection.delete(old.uri);
      shown.delete(path);
      return;
    }
    const diagnostics = store.index.diagnosticsFor(path);
    const signature = JSON.stringify(diagnostics);
    if (old && old.signature === signature && old.uri.toString() === uri.toString()) return;
    if (old && old.uri.toString() !== uri.toString()) collection.delete(old.uri);
    shown.set(path, { uri, signature });
    collection.set(
      uri,
      diagnostics.map((d) => {
        const vd = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
        vd.code = d.code;
        vd.source = 'Crux Map';
        return vd;
      }),
    );
  };
  const refresh = (change?: IndexChange) => {
    for (const path of change ? change.paths : store.index.paths()) show(path);
    // A scan's change lists the paths it found, not the ones it dropped: forget those too.
    if (!change || shown.size > store.index.size) for (const path of [...shown.keys()]) if (store.index.getText(path) === undefined) show(path);
  };
  context.subscriptions.push(collection, store.onDidChange(refresh));
  void store.ready.then(() => refresh());
}

class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  constructor(private readonly store: DraftStore) {}
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const path = this.store.pathOf(doc.uri);
    if (!path) return [];
    const actions: vscode.CodeAction[] = [];
    for (const vd of context.diagnostics) {
      if (vd.source !== 'Crux Map' || typeof vd.code !== 'string') continue;
      const d: Diagnostic = { file: path, range: fromVsRange(vd.range), severity: 'error', code: vd.code as Diagnostic['code'], message: vd.message };
      for (const fix of quickFixesFor(this.store.index, d)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [vd];
        action.isPreferred = fix.preferred;
        if (fix.edits) action.edit = toWorkspaceEdit(this.store, fix.edits);
        if (fix.command) action.command = { command: fix.command.id, title: fix.title, arguments: fix.command.args };
        actions.push(action);
      }
    }
    return actions;
  }
}

class Lenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly store: DraftStore) {
    store.onDidChange(() => this.changed.fire());
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cruxmap.codeLens') && this.changed.fire());
  }
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSettings().codeLens) return [];
    const path = this.store.pathOf(doc.uri);
    if (!path) return [];
    return codeLensFor(this.store.index, path).map((l) => new vscode.CodeLens(toVsRange(l.range), { title: l.title, command: 'cruxmap.showMapAt', arguments: [l.id], tooltip: 'Show this claim in the argument map' }));
  }
}

function toDocumentSymbol(s: SymbolNode): vscode.DocumentSymbol {
  const sym = new vscode.DocumentSymbol(s.name.length > 120 ? `${s.name.slice(0, 119)}…` : s.name, s.detail, SYMBOL_KIND[s.kind], toVsRange(s.range), toVsRange(s.selectionRange));
  sym.children = s.children.map(toDocumentSymbol);
  return sym;
}

export function registerLanguageFeatures(context: vscode.ExtensionContext, store: DraftStore): void {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  const pathOf = (doc: vscode.TextDocument) => store.flush(doc);
  registerDiagnostics(context, store);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixes(store), { providedCodeActionKinds: QuickFixes.kinds }),
    vscode.languages.registerCodeLensProvider(selector, new Lenses(store)),
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        async provideCompletionItems(doc, position) {
          await store.ready;
          const path = pathOf(doc);
          if (!path) return [];
          return completionsAt(store.index, path, doc.lineAt(position.line).text, fromVsPosition(position)).map((c) => {
            const kind = c.kind === 'file' ? vscode.CompletionItemKind.File : c.kind === 'id' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.Keyword;
            const item = new vscode.CompletionItem({ label: c.label, description: c.detail }, kind);
            item.insertText = c.insertText;
            item.range = toVsRange(c.range);
            // Files match by name, title or path; ids by id or the element's text.
            item.filterText = c.kind === 'file' ? `${c.label} ${c.detail ?? ''} ${c.documentation ?? ''}` : c.kind === 'id' ? `${c.label} ${c.documentation ?? ''}` : c.label;
            if (c.documentation) item.documentation = c.documentation;
            if (c.sortText) item.sortText = c.sortText;
            return item;
          });
        },
      },
      '[',
      '^',
    ),
    vscode.languages.registerDefinitionProvider(selector, {
      async provideDefinition(doc, position) {
        await store.ready;
        const path = pathOf(doc);
        const loc = path ? definitionAt(store.index, path, fromVsPosition(position)) : undefined;
        return loc ? location(store, loc.file, loc.range) : undefined;
      },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(doc, position, ctx) {
        await store.ready;
        const path = pathOf(doc);
        if (!path) return [];
        return referencesAt(store.index, path, fromVsPosition(position), ctx.includeDeclaration)
          .map((l) => location(store, l.file, l.range))
          .filter((l): l is vscode.Location => l !== undefined);
      },
    }),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(doc, position) {
        const path = pathOf(doc);
        const h = path ? hoverAt(store.index, path, fromVsPosition(position)) : undefined;
        if (!h) return undefined;
        const md = new vscode.MarkdownString(h.markdown);
        md.isTrusted = false;
        md.supportHtml = false;
        return new vscode.Hover(md, toVsRange(h.range));
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(
      selector,
      {
        provideDocumentSymbols(doc) {
          const path = pathOf(doc);
          return path ? documentSymbols(store.index, path).map(toDocumentSymbol) : [];
        },
      },
      { label: 'Crux Map' },
    ),
    vscode.languages.registerWorkspaceSymbolProvider({
      async provideWorkspaceSymbols(query) {
        await store.ready;
        return workspaceSymbols(store.index, query)
          .map((n) => {
            const loc = location(store, n.file, n.range);
            return loc ? new vscode.SymbolInformation(n.text.length > 100 ? `${n.text.slice(0, 99)}…` : n.text, SYMBOL_KIND[n.kind], `${n.kind} · ${n.file}`, loc) : undefined;
          })
          .filter((s): s is vscode.SymbolInformation => s !== undefined);
      },
    }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(doc) {
        const path = pathOf(doc);
        return path ? foldingRanges(store.index, path).map((r) => new vscode.FoldingRange(r.start, r.end)) : [];
      },
    }),
  );
}
