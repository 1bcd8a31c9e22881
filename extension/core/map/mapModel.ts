/** The map's view model: which files a scope shows, the core graph mapped to map nodes and edges, and the diff between two maps. */
import type { ArgumentGraph, EdgeKind, ElementKind, Severity } from '../model';

/** What the map shows: one draft, the draft and the drafts it links with, or everything. */
export type MapScope = 'draft' | 'linked' | 'workspace';
export const MAP_SCOPES: readonly MapScope[] = ['draft', 'linked', 'workspace'];

/** Edge kinds on the map: the core's, plus derived disagreements. */
export type MapEdgeKind = EdgeKind | 'disagreement';

/** One element on the map. JSON-safe; texts are plain text (the webview shows them as text only). */
export interface MapNode {
  id: string;
  kind: ElementKind;
  /** The element's full text. */
  text: string;
  /** The label drawn on the node: the text, truncated. */
  label: string;
  file: string;
  /** 0-based line of the element, for tooltips. */
  line: number;
  topics: string[];
  /** The worst diagnostic on the element, if any. */
  problem?: Severity;
}

export interface MapEdge {
  /** `source|kind|target`, unique in a map. */
  id: string;
  source: string;
  target: string;
  kind: MapEdgeKind;
}

export interface MapFile {
  file: string;
  title: string;
}

/** Everything the webview draws. */
export interface MapGraph {
  files: MapFile[];
  nodes: MapNode[];
  edges: MapEdge[];
  /** Every topic on the map, sorted, for the topic filter. */
  topics: string[];
}

/** Changes that turn one map into another; ids only for removals. */
export interface MapDiff {
  addFiles: MapFile[];
  removeFiles: string[];
  addNodes: MapNode[];
  updateNodes: MapNode[];
  removeNodes: string[];
  addEdges: MapEdge[];
  removeEdges: string[];
}

/** The longest label drawn on a node before it is cut with an ellipsis. */
export const LABEL_MAX = 110;

/** Cuts a text to `max` characters at a word boundary where one is near, adding an ellipsis. */
export function truncateLabel(text: string, max = LABEL_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The text as the map shows it: wikilinks read as their alias, or as an arrow and the id they point to. */
export function displayText(text: string): string {
  return text.replace(/\[\[([^\[\]|]*?)(?:#\^([A-Za-z0-9-]+))?(?:\|([^\[\]]*))?\]\]/g, (_m, name: string, id: string | undefined, alias: string | undefined) => {
    if (alias && alias.trim()) return alias.trim();
    return `↗${id ?? name.trim()}`;
  });
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/**
 * The files a scope shows. `links(file)` gives the files a draft is linked with by
 * references in either direction (one hop); it is used by the `linked` scope only.
 */
export function filesInScope(graph: ArgumentGraph, scope: MapScope, activeFile: string | undefined, links: (file: string) => Iterable<string>): Set<string> {
  if (scope === 'workspace' || activeFile === undefined) {
    return scope === 'workspace' ? new Set(graph.files.map((f) => f.file)) : new Set();
  }
  const files = new Set([activeFile]);
  if (scope === 'linked') for (const f of links(activeFile)) files.add(f);
  return files;
}

/**
 * Maps the core graph, restricted to some files, to the map's nodes and edges.
 * Edges are kept when both ends are shown; derived disagreements become edges of kind `disagreement`.
 */
export function toMapGraph(graph: ArgumentGraph, files: ReadonlySet<string>): MapGraph {
  const problems = new Map<string, Severity>();
  const nodeAt = new Map<string, string>();
  const nodes: MapNode[] = [];
  for (const n of graph.nodes) {
    if (!files.has(n.file)) continue;
    nodes.push({ id: n.id, kind: n.kind, text: n.text, label: truncateLabel(displayText(n.text) || `(${n.kind})`), file: n.file, line: n.range.start.line, topics: n.topics });
    nodeAt.set(`${n.file}\n${n.range.start.line}\n${n.range.start.character}`, n.id);
  }
  for (const d of graph.diagnostics) {
    if (!files.has(d.file)) continue;
    const id = nodeAt.get(`${d.file}\n${d.range.start.line}\n${d.range.start.character}`) ?? findNodeHolding(graph, d.file, d.range.start.line, d.range.start.character);
    if (!id) continue;
    const old = problems.get(id);
    if (!old || SEVERITY_RANK[d.severity] > SEVERITY_RANK[old]) problems.set(id, d.severity);
  }
  for (const n of nodes) {
    const p = problems.get(n.id);
    if (p) n.problem = p;
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges: MapEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, kind: MapEdgeKind) => {
    if (!shown.has(source) || !shown.has(target)) return;
    const id = `${source}|${kind}|${target}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, source, target, kind });
  };
  for (const e of graph.edges) add(e.source, e.target, e.kind);
  for (const d of graph.disagreements) add(d.a, d.b, 'disagreement');
  const topics = [...new Set(nodes.flatMap((n) => n.topics))].sort();
  return { files: graph.files.filter((f) => files.has(f.file)).map((f) => ({ file: f.file, title: f.title })), nodes, edges, topics };
}

/** The element of a file whose range holds a position (for diagnostics not at an element's start, e.g. a reference). */
function findNodeHolding(graph: ArgumentGraph, file: string, line: number, character: number): string | undefined {
  for (const n of graph.nodes) {
    if (n.file !== file) continue;
    const { start, end } = n.range;
    const afterStart = line > start.line || (line === start.line && character >= start.character);
    const beforeEnd = line < end.line || (line === end.line && character <= end.character);
    if (afterStart && beforeEnd) return n.id;
  }
  return undefined;
}

function sameNode(a: MapNode, b: MapNode): boolean {
  return (
    a.kind === b.kind &&
    a.text === b.text &&
    a.label === b.label &&
    a.file === b.file &&
    a.line === b.line &&
    a.problem === b.problem &&
    a.topics.length === b.topics.length &&
    a.topics.every((t, i) => t === b.topics[i])
  );
}

/** The changes from one map to the next: what the host sends while the writer types. */
export function diffMapGraphs(before: MapGraph, after: MapGraph): MapDiff {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const oldEdges = new Set(before.edges.map((e) => e.id));
  const newEdges = new Set(after.edges.map((e) => e.id));
  const oldFiles = new Map(before.files.map((f) => [f.file, f]));
  const newFiles = new Map(after.files.map((f) => [f.file, f]));
  return {
    addFiles: after.files.filter((f) => oldFiles.get(f.file)?.title !== f.title),
    removeFiles: before.files.filter((f) => !newFiles.has(f.file)).map((f) => f.file),
    addNodes: after.nodes.filter((n) => !oldNodes.has(n.id)),
    updateNodes: after.nodes.filter((n) => oldNodes.has(n.id) && !sameNode(oldNodes.get(n.id)!, n)),
    removeNodes: before.nodes.filter((n) => !newNodes.has(n.id)).map((n) => n.id),
    addEdges: after.edges.filter((e) => !oldEdges.has(e.id)),
    removeEdges: before.edges.filter((e) => !newEdges.has(e.id)).map((e) => e.id),
  };
}

/** Whether a diff changes nothing. */
export function isEmptyDiff(d: MapDiff): boolean {
  return !d.addFiles.length && !d.removeFiles.length && !d.addNodes.length && !d.updateNodes.length && !d.removeNodes.length && !d.addEdges.length && !d.removeEdges.length;
}

/** Applies a diff to a map (what the webview does; used to test that diffs are complete). */
export function applyMapDiff(map: MapGraph, d: MapDiff): MapGraph {
  const removedNodes = new Set(d.removeNodes);
  const removedEdges = new Set(d.removeEdges);
  const updated = new Map(d.updateNodes.map((n) => [n.id, n]));
  const files = new Map(map.files.map((f) => [f.file, f]));
  for (const f of d.removeFiles) files.delete(f);
  for (const f of d.addFiles) files.set(f.file, f);
  const nodes = map.nodes.filter((n) => !removedNodes.has(n.id)).map((n) => updated.get(n.id) ?? n).concat(d.addNodes);
  const edges = map.edges.filter((e) => !removedEdges.has(e.id)).concat(d.addEdges);
  return { files: [...files.values()], nodes, edges, topics: [...new Set(nodes.flatMap((n) => n.topics))].sort() };
}
