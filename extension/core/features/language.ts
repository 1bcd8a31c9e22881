/** Language features computed by the core: completion, definition, references, hover, symbols, CodeLens, folding and quick fixes. */
import type { Diagnostic, Disagreement, ElementKind, GraphNode, Position, Range } from '../model';
import { headingRange } from './headings';
import { globalId } from '../model';
import { LABELS, comparePos } from '../parse/parse';
import { freshId, renameIdEdits, wikilinkTo, type FileEdit } from './edits';
import { KIND_TITLE, plural } from '../wording';
import type { WorkspaceIndex } from '../index/workspaceIndex';

/** A completion item, in core terms. */
export interface Completion {
  label: string;
  kind: 'file' | 'id' | 'label';
  detail?: string;
  documentation?: string;
  insertText: string;
  /** The text the item replaces (what was typed of it so far). */
  range: Range;
  sortText?: string;
}

/** A place in the workspace. */
export interface Location {
  file: string;
  range: Range;
}

const LABEL_WORDS = Object.keys(LABELS).map((w) => w[0].toUpperCase() + w.slice(1));

function at(line: number, character: number): Position {
  return { line, character };
}

/**
 * Completions at a position, from the text of its line: after `[[` the drafts (by their
 * shortest wikilink name), after `#^` the ids of that draft, at a label position the label words.
 */
export function completionsAt(index: WorkspaceIndex, path: string, lineText: string, position: Position): Completion[] {
  const before = lineText.slice(0, position.character);
  const line = position.line;
  const wikiId = /\[\[([^\[\]|#]*)#\^([A-Za-z0-9-]*)$/.exec(before);
  const linkId = /\]\(([^()\s#]*)#\^([A-Za-z0-9-]*)$/.exec(before);
  if (wikiId || linkId) {
    const [, name, typed] = (wikiId ?? linkId)!;
    const file = name === '' ? { status: 'ok' as const, file: path } : index.resolveFile(path, { syntax: wikiId ? 'wikilink' : 'link', target: name });
    if (file.status !== 'ok') return [];
    const draft = index.getDraft(file.file);
    if (!draft) return [];
    const range = { start: at(line, position.character - typed.length), end: position };
    return draft.elements.map((e, i) => ({
      label: e.localId,
      kind: 'id' as const,
      detail: `${e.kind}${e.explicitId ? '' : ' (implicit id)'}`,
      documentation: e.text,
      insertText: e.localId,
      range,
      sortText: String(i).padStart(5, '0'),
    }));
  }
  const wikiFile = /\[\[([^\[\]|#]*)$/.exec(before);
  if (wikiFile) {
    const typed = wikiFile[1];
    const range = { start: at(line, position.character - typed.length), end: position };
    return index.getGraph().files.map((f) => {
      const name = index.wikiNameFor(f.file);
      return { label: name, kind: 'file' as const, detail: f.title, documentation: f.file, insertText: name, range, sortText: `${f.file === path ? 1 : 0}${name}` };
    }).sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
  }
  const label = /^(\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:#{1,6}\s+)?)(\*\*|__|\*|_)?([A-Za-z]*)$/.exec(before);
  if (label) {
    const typed = label[3];
    const wrap = label[2] ?? '';
    const range = { start: at(line, position.character - typed.length - wrap.length), end: position };
    return LABEL_WORDS.filter((w) => w.toLowerCase().startsWith(typed.toLowerCase())).map((w) => ({
      label: `${w}:`,
      kind: 'label' as const,
      detail: `${LABELS[w.toLowerCase()]} label`,
      insertText: wrap ? `${wrap}${w}:${wrap} ` : `${w}: `,
      range,
    }));
  }
  return [];
}

/** The element or file a reference at a position points to. */
export function definitionAt(index: WorkspaceIndex, path: string, position: Position): Location | undefined {
  const hit = index.referenceAt(path, position);
  if (!hit || hit.resolution.status !== 'ok') return undefined;
  const r = hit.resolution;
  if (r.localId !== undefined) {
    const node = index.getNode(globalId(r.file, r.localId));
    return node ? { file: node.file, range: node.range } : undefined;
  }
  // A heading anchor opens at its heading, when the file has one that matches.
  const text = hit.reference.anchor ? index.getText(r.file) : undefined;
  const heading = text !== undefined ? headingRange(text, hit.reference.anchor!) : undefined;
  return { file: r.file, range: heading ?? { start: at(0, 0), end: at(0, 0) } };
}

/** The element a position is about: a resolved reference under it, else the element holding it. */
export function elementIdAt(index: WorkspaceIndex, path: string, position: Position): string | undefined {
  const ref = index.referenceAt(path, position);
  if (ref && ref.resolution.status === 'ok' && ref.resolution.localId !== undefined) return globalId(ref.resolution.file, ref.resolution.localId);
  return index.elementAt(path, position)?.id;
}

function uniqueLocations(list: Location[]): Location[] {
  const seen = new Set<string>();
  return list
    .filter((l) => {
      const k = `${l.file}:${l.range.start.line}:${l.range.start.character}:${l.range.end.line}:${l.range.end.character}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : comparePos(a.range.start, b.range.start)));
}

/** Every reference to an element and every element whose edge points to it (and the element itself, if asked). */
export function referencesTo(index: WorkspaceIndex, id: string, includeDeclaration = false): Location[] {
  const node = index.getNode(id);
  if (!node) return [];
  const list: Location[] = index.incomingReferences(id).map((h) => ({ file: h.file, range: h.reference.range }));
  for (const e of index.incomingEdges(id)) {
    const source = index.getNode(e.source);
    if (source) list.push({ file: source.file, range: source.range });
  }
  if (includeDeclaration) list.push({ file: node.file, range: node.range });
  return uniqueLocations(list);
}

export function referencesAt(index: WorkspaceIndex, path: string, position: Position, includeDeclaration = false): Location[] {
  const id = elementIdAt(index, path, position);
  return id ? referencesTo(index, id, includeDeclaration) : [];
}

/** Counts around one element, for hovers and CodeLens. */
export interface ElementCounts {
  supports: number;
  objections: number;
  unanswered: number;
  disagreements: number;
  /** Files of the other sides of its disagreements, other than its own. */
  disagreementFiles: string[];
}

function disagreementsOf(index: WorkspaceIndex, id: string): Disagreement[] {
  return index.getGraph().disagreements.filter((d) => d.a === id || d.b === id);
}

export function countsFor(index: WorkspaceIndex, id: string): ElementCounts {
  const incoming = index.incomingEdges(id);
  const objections = incoming.filter((e) => e.kind === 'objects');
  const unanswered = objections.filter((e) => !index.incomingEdges(e.source).some((r) => r.kind === 'replies')).length;
  const node = index.getNode(id);
  const ds = disagreementsOf(index, id);
  const files = new Set<string>();
  for (const d of ds) {
    const other = index.getNode(d.a === id ? d.b : d.a);
    if (other && other.file !== node?.file) files.add(other.file);
  }
  return { supports: incoming.filter((e) => e.kind === 'supports').length, objections: objections.length, unanswered, disagreements: ds.length, disagreementFiles: [...files].sort() };
}

/** Escapes text for a markdown hover, so draft text is shown as text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!|<>~]/g, '\\$&');
}

export interface Hover {
  range: Range;
  node: GraphNode;
  counts: ElementCounts;
  /** Markdown with the draft's text escaped. */
  markdown: string;
}

/** A hover on a reference (about its target) or on an element. */
export function hoverAt(index: WorkspaceIndex, path: string, position: Position): Hover | undefined {
  const ref = index.referenceAt(path, position);
  let id: string | undefined;
  let range: Range | undefined;
  if (ref) {
    if (ref.resolution.status === 'ok' && ref.resolution.localId !== undefined) {
      id = globalId(ref.resolution.file, ref.resolution.localId);
      range = ref.reference.range;
    }
  }
  if (!id) {
    const el = index.elementAt(path, position);
    if (!el) return undefined;
    id = el.id;
    range = el.element.labelRange;
  }
  const node = index.getNode(id)!;
  const counts = countsFor(index, id);
  const title = index.getGraph().files.find((f) => f.file === node.file)?.title ?? node.file;
  const tally = [
    plural(counts.supports, 'support'),
    `${plural(counts.objections, 'objection')}${counts.unanswered ? ` (${counts.unanswered} unanswered)` : ''}`,
    plural(counts.disagreements, 'disagreement'),
  ].join(' · ');
  const markdown = [`**${KIND_TITLE[node.kind]}** \`^${node.localId}\` in *${escapeMarkdown(title)}* (${escapeMarkdown(node.file)}:${node.range.start.line + 1})`, '', escapeMarkdown(node.text), '', tally].join('\n');
  return { range: range!, node, counts, markdown };
}

export interface SymbolNode {
  name: string;
  detail: string;
  kind: ElementKind;
  id: string;
  range: Range;
  selectionRange: Range;
  children: SymbolNode[];
}

/** The argument tree of one file: roots are elements without a target in the same file; children target their parent. */
export function documentSymbols(index: WorkspaceIndex, path: string): SymbolNode[] {
  const draft = index.getDraft(path);
  if (!draft) return [];
  const nodes = new Map<string, SymbolNode>();
  for (const e of draft.elements) {
    const id = globalId(path, e.localId);
    nodes.set(id, { name: e.text || `(${e.kind})`, detail: `${e.kind} ^${e.localId}`, kind: e.kind, id, range: e.fullRange, selectionRange: e.range, children: [] });
  }
  const roots: SymbolNode[] = [];
  for (const [id, sym] of nodes) {
    const parent = index.outgoingEdges(id).map((e) => nodes.get(e.target)).find((p) => p && p !== sym);
    if (parent && !isAncestor(sym, parent, nodes, index)) parent.children.push(sym);
    else roots.push(sym);
  }
  return roots;
}

/** Guards the tree against cycles (a references b, b references a). */
function isAncestor(candidate: SymbolNode, of: SymbolNode, nodes: Map<string, SymbolNode>, index: WorkspaceIndex): boolean {
  let cur: SymbolNode | undefined = of;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    if (cur === candidate) return true;
    seen.add(cur.id);
    cur = index.outgoingEdges(cur.id).map((e) => nodes.get(e.target)).find((p) => p && p !== cur);
  }
  return false;
}

/** Subsequence match of a query in a text: a score (lower is better), or undefined. */
function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  const direct = t.indexOf(q);
  if (direct >= 0) return direct;
  let ti = 0;
  let gaps = 0;
  for (const c of q) {
    if (c === ' ') continue;
    const found = t.indexOf(c, ti);
    if (found < 0) return undefined;
    gaps += found - ti;
    ti = found + 1;
  }
  return 1000 + gaps;
}

/** Elements matching a query by text or id (fuzzy), claims first. */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 200): GraphNode[] {
  const scored: { n: GraphNode; s: number }[] = [];
  for (const n of index.getGraph().nodes) {
    const s = query ? Math.min(fuzzyScore(query, n.text) ?? Infinity, fuzzyScore(query, n.localId) ?? Infinity) : 0;
    if (s !== Infinity) scored.push({ n, s: s + (n.kind === 'claim' ? 0 : 5000) });
  }
  return scored
    .sort((a, b) => a.s - b.s)
    .slice(0, limit)
    .map((x) => x.n);
}

export interface Lens {
  id: string;
  range: Range;
  title: string;
}

/** The CodeLens line above each claim: "2 supports · 1 objection (1 unanswered) · disagreed in 1 file". */
export function codeLensFor(index: WorkspaceIndex, path: string): Lens[] {
  const draft = index.getDraft(path);
  if (!draft) return [];
  return draft.elements
    .filter((e) => e.kind === 'claim')
    .map((e) => {
      const id = globalId(path, e.localId);
      const c = countsFor(index, id);
      const parts: string[] = [];
      if (c.supports) parts.push(plural(c.supports, 'support'));
      if (c.objections) parts.push(`${plural(c.objections, 'objection')}${c.unanswered ? ` (${c.unanswered} unanswered)` : ''}`);
      if (c.disagreementFiles.length) parts.push(`disagreed in ${plural(c.disagreementFiles.length, 'file')}`);
      else if (c.disagreements) parts.push(`${plural(c.disagreements, 'disagreement')} here`);
      return { id, range: e.range, title: parts.length ? parts.join(' · ') : 'no supports or objections yet' };
    });
}

/** Folding ranges: each element with what is nested in it, when that spans lines. */
export function foldingRanges(index: WorkspaceIndex, path: string): { start: number; end: number }[] {
  const draft = index.getDraft(path);
  if (!draft) return [];
  return draft.elements.filter((e) => e.fullRange.end.line > e.fullRange.start.line).map((e) => ({ start: e.fullRange.start.line, end: e.fullRange.end.line }));
}

export interface QuickFix {
  title: string;
  edits?: FileEdit[];
  command?: { id: string; args: unknown[] };
  preferred?: boolean;
}

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function closest<T>(items: T[], key: (t: T) => string, wanted: string, count = 3): T[] {
  return items
    .map((t) => ({ t, d: editDistance(key(t).toLowerCase(), wanted.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(3, Math.ceil(wanted.length * 0.6)))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((x) => x.t);
}

/** Quick fixes for a diagnostic of the core. */
export function quickFixesFor(index: WorkspaceIndex, diagnostic: Diagnostic): QuickFix[] {
  const path = diagnostic.file;
  if (diagnostic.code === 'dangling-ref') {
    const hit = index.referenceAt(path, diagnostic.range.start);
    if (!hit) return [];
    const ref = hit.reference;
    if (hit.resolution.status === 'missing-id' && ref.idRange && ref.blockId !== undefined) {
      const draft = index.getDraft(hit.resolution.file)!;
      return closest(draft.elements, (e) => e.localId, ref.blockId).map((e, i) => ({
        title: `Change to ^${e.localId} (${e.kind}: ${e.text.slice(0, 50)})`,
        edits: [{ path, edits: [{ range: ref.idRange!, newText: e.localId }] }],
        preferred: i === 0,
      }));
    }
    if (hit.resolution.status === 'missing-file') {
      if (ref.blockId !== undefined) {
        const nodes = index.getGraph().nodes;
        return closest(nodes, (n) => n.localId, ref.blockId).map((n, i) => ({
          title: `Link to ${n.file}#^${n.localId} (${n.kind}: ${n.text.slice(0, 40)})`,
          edits: [{ path, edits: [{ range: ref.range, newText: ref.syntax === 'wikilink' ? wikilinkTo(index, path, n.file, n.localId) : `[${ref.alias ?? n.localId}](${relativeLink(path, n.file)}#^${n.localId})` }] }],
          preferred: i === 0,
        }));
      }
      if (ref.targetRange) {
        const files = index.paths();
        return closest(files, (f) => f.replace(/\.(md|markdown)$/i, ''), ref.target).map((f, i) => ({
          title: `Change to ${f}`,
          edits: [{ path, edits: [{ range: ref.targetRange!, newText: ref.syntax === 'wikilink' ? index.wikiNameFor(f) : relativeLink(path, f) }] }],
          preferred: i === 0,
        }));
      }
    }
    return [];
  }
  if (diagnostic.code === 'duplicate-id') {
    const draft = index.getDraft(path);
    const el = draft?.elements.find((e) => e.idRange && comparePos(e.idRange.start, diagnostic.range.start) === 0);
    if (!draft || !el) return [];
    const next = freshId(draft, el.localId);
    return [{ title: `Rename this id to ^${next}`, edits: renameIdEdits(index, globalId(path, el.localId), next), preferred: true }];
  }
  if (diagnostic.code === 'orphan-element') {
    return [{ title: 'Link this element to another…', command: { id: 'cruxmap.linkDisagreement', args: [] } }];
  }
  return [];
}

/** A relative markdown link from one file to another. */
function relativeLink(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
