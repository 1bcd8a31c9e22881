/**
 * A compact, JSON-safe form of a whole ArgumentGraph, for the index snapshot a warm start
 * loads when no draft has changed: positional arrays, nodes referred to by index (ids are
 * rebuilt from file and local id, never stored twice), every range in one flat list of
 * numbers, and a node's text, when its draft holds it word for word, as a place in that
 * draft's text (the snapshot is used only while every draft's text is the one it was made
 * from). decodeGraph(encodeGraph(g, textOf), textOf) deep-equals g.
 */
import type { ArgumentGraph, Diagnostic, DiagnosticCode, Disagreement, FileInfo, GraphEdge, GraphNode, Range, Severity } from './model';
import { EDGE_KINDS, ELEMENT_KINDS, globalId } from './model';

/** Bump when the encoding changes. */
export const GRAPH_CODEC_VERSION = 1;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const VIAS: readonly Disagreement['via'][] = ['crux', 'objects', 'replies'];

/** [files, nodes, edges (source, target, kind), disagreements (a, b, via, by), diagnostics, ranges]. */
export type EncodedGraph = [unknown[][], unknown[][], number[], number[], unknown[][], number[]];

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The text of an indexed draft. */
export type TextOf = (path: string) => string | undefined;

/** Encodes a graph whose edges, disagreements and diagnostics name only its own nodes and files (as WorkspaceIndex builds them). */
export function encodeGraph(g: ArgumentGraph, textOf: TextOf): EncodedGraph {
  const fileIndex = new Map<string, number>();
  g.files.forEach((f, i) => fileIndex.set(f.file, i));
  const nodeIndex = new Map<string, number>();
  g.nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  const node = (id: string) => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new Error(`no node ${id}`);
    return i;
  };
  const file = (path: string) => {
    const i = fileIndex.get(path);
    if (i === undefined) throw new Error(`no file ${path}`);
    return i;
  };
  const nums: number[] = [];
  const range = (r: Range) => nums.push(r.start.line, r.start.character, r.end.line, r.end.character);
  const files = g.files.map((f) => [f.file, f.title, f.topics]);
  let source: string | undefined;
  let sourceFile = -1;
  const nodes = g.nodes.map((n) => {
    const f = file(n.file);
    if (n.id !== globalId(n.file, n.localId)) throw new Error(`node id ${n.id} is not its file's`);
    range(n.range);
    if (f !== sourceFile) {
      sourceFile = f;
      source = textOf(n.file);
    }
    // Most texts are a piece of their draft's line: store where (a number) instead of the words.
    const at = source === undefined || n.text.length < 16 ? -1 : source.indexOf(n.text, lineStart(source, n.range.start.line));
    return [f, n.localId, n.explicitId ? 1 : 0, ELEMENT_KINDS.indexOf(n.kind), at >= 0 ? at : n.text, sameList(n.topics, g.files[f].topics) ? 0 : n.topics, at >= 0 ? n.text.length : 0];
  });
  const edges: number[] = [];
  for (const e of g.edges) edges.push(node(e.source), node(e.target), EDGE_KINDS.indexOf(e.kind));
  const disagreements: number[] = [];
  for (const d of g.disagreements) disagreements.push(node(d.a), node(d.b), VIAS.indexOf(d.via), node(d.by));
  const diagnostics = g.diagnostics.map((d) => {
    range(d.range);
    return [file(d.file), SEVERITIES.indexOf(d.severity), d.code, d.message];
  });
  return [files, nodes, edges, disagreements, diagnostics, nums];
}

/** Where a line starts in a text (0 past its end). */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let k = 0; k < line; k++) {
    at = text.indexOf('\n', at) + 1;
    if (at === 0) return 0;
  }
  return at;
}

/** Decodes a graph written by encodeGraph from the same drafts' texts; throws on a malformed value (callers then build the graph the long way). */
export function decodeGraph(x: unknown, textOf: TextOf): ArgumentGraph {
  if (!Array.isArray(x) || x.length !== 6 || !x.every(Array.isArray)) throw new Error('not an encoded graph');
  const rawFiles = x[0] as unknown[][];
  const rawNodes = x[1] as unknown[][];
  const rawEdges = x[2] as number[];
  const rawDis = x[3] as number[];
  const rawDiags = x[4] as unknown[][];
  const nums = x[5] as number[];
  let at = 0;
  const range = (): Range => {
    if (at + 4 > nums.length) throw new Error('ranges run out');
    const r = { start: { line: nums[at], character: nums[at + 1] }, end: { line: nums[at + 2], character: nums[at + 3] } };
    at += 4;
    return r;
  };
  const files: FileInfo[] = [];
  for (let i = 0; i < rawFiles.length; i++) {
    const f = rawFiles[i];
    if (typeof f[0] !== 'string' || typeof f[1] !== 'string' || !Array.isArray(f[2])) throw new Error('bad file');
    files.push({ file: f[0], title: f[1], topics: f[2] as string[] });
  }
  const nodes: GraphNode[] = [];
  let source: string | undefined;
  let sourceFile: FileInfo | undefined;
  for (let i = 0; i < rawNodes.length; i++) {
    const n = rawNodes[i];
    const f = files[n[0] as number];
    const kind = ELEMENT_KINDS[n[3] as number];
    if (!f || !kind || typeof n[1] !== 'string') throw new Error('bad node');
    let text = n[4];
    if (typeof text === 'number') {
      if (f !== sourceFile) {
        sourceFile = f;
        source = textOf(f.file);
      }
      const end = text + (n[6] as number);
      if (source === undefined || !(end <= source.length)) throw new Error('node text is not in its draft');
      text = source.slice(text, end);
    } else if (typeof text !== 'string') throw new Error('bad node');
    const topics = n[5] === 0 ? f.topics : (n[5] as string[]);
    nodes.push({ id: globalId(f.file, n[1]), localId: n[1], explicitId: n[2] === 1, kind, text: text as string, file: f.file, topics, range: range() });
  }
  const id = (i: number) => {
    const n = nodes[i];
    if (!n) throw new Error('bad node index');
    return n.id;
  };
  const edges: GraphEdge[] = [];
  for (let i = 0; i + 2 < rawEdges.length; i += 3) {
    const kind = EDGE_KINDS[rawEdges[i + 2]];
    if (!kind) throw new Error('bad edge');
    edges.push({ source: id(rawEdges[i]), target: id(rawEdges[i + 1]), kind });
  }
  const disagreements: Disagreement[] = [];
  for (let i = 0; i + 3 < rawDis.length; i += 4) {
    const via = VIAS[rawDis[i + 2]];
    if (!via) throw new Error('bad disagreement');
    disagreements.push({ a: id(rawDis[i]), b: id(rawDis[i + 1]), via, by: id(rawDis[i + 3]) });
  }
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < rawDiags.length; i++) {
    const d = rawDiags[i];
    const f = files[d[0] as number];
    const severity = SEVERITIES[d[1] as number];
    if (!f || !severity || typeof d[2] !== 'string' || typeof d[3] !== 'string') throw new Error('bad diagnostic');
    diagnostics.push({ file: f.file, range: range(), severity, code: d[2] as DiagnosticCode, message: d[3] });
  }
  if (at !== nums.length || rawEdges.length % 3 !== 0 || rawDis.length % 4 !== 0) throw new Error('graph lists do not add up');
  return { version: 1, files, nodes, edges, disagreements, diagnostics };
}
