/**
 * A compact, JSON-safe form of a whole ArgumentGraph, for the index snapshot a warm start
 * loads when no draft has changed. It is columnar (a few long lists of numbers and strings,
 * not an array per node: parsing it makes little garbage), refers to nodes by index (ids are
 * rebuilt from file and local id, never stored twice), and stores a node's text, when its
 * draft holds it word for word, as a place in that draft's text (the snapshot is used only
 * while every draft's text is the one it was made from).
 * decodeGraph(encodeGraph(g, textOf), textOf) deep-equals g.
 */
import type { ArgumentGraph, Diagnostic, DiagnosticCode, Disagreement, FileInfo, GraphEdge, GraphNode, Severity } from '../model';
import { EDGE_KINDS, ELEMENT_KINDS, globalId } from '../model';
import { sameList } from './draftCodec';

/** Bump when the encoding changes. */
export const GRAPH_CODEC_VERSION = 2;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const VIAS: readonly Disagreement['via'][] = ['crux', 'objects', 'replies'];

/** Numbers per node in NODES: file, explicit id (0/1), kind, where its text starts in its draft (-1: in TEXTS), text length, range (4). */
const NODE_INTS = 9;
/** Numbers per diagnostic in DIAG_INTS: file, severity, range (4). */
const DIAG_INTS = 6;

/**
 * [files ([path, title, topics]), node numbers, local ids, texts not in their draft, [node, topics] where
 * they are not their file's, edges (source, target, kind), disagreements (a, b, via, by),
 * diagnostic numbers, diagnostic codes, diagnostic messages].
 */
export type EncodedGraph = [unknown[][], number[], string[], string[], unknown[][], number[], number[], number[], string[], string[]];

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
  const files = g.files.map((f) => [f.file, f.title, f.topics]);
  const nodeInts: number[] = [];
  const localIds: string[] = [];
  const texts: string[] = [];
  const topics: unknown[][] = [];
  let source: string | undefined;
  let sourceFile = -1;
  // Where a line starts in the source; a file's nodes come in document order, so this only moves forward.
  let line = 0;
  let lineAt = 0;
  const lineStart = (target: number): number => {
    while (line < target && source !== undefined) {
      const next = source.indexOf('\n', lineAt);
      if (next < 0) break;
      lineAt = next + 1;
      line++;
    }
    return line === target ? lineAt : 0;
  };
  g.nodes.forEach((n, i) => {
    const f = file(n.file);
    // That the id is globalId(file, localId), without building it.
    if (n.id.length !== n.file.length + 2 + n.localId.length || !n.id.startsWith(n.file) || !n.id.endsWith(n.localId) || !n.id.startsWith('#^', n.file.length)) {
      throw new Error(`node id ${n.id} is not its file's`);
    }
    if (f !== sourceFile) {
      sourceFile = f;
      source = textOf(n.file);
      line = 0;
      lineAt = 0;
    }
    // Most texts are a piece of their draft's line: store where (a number) instead of the words.
    let at = -1;
    if (source !== undefined && n.text.length >= 16) {
      const from = n.range.start.line >= line ? lineStart(n.range.start.line) : 0;
      // Search the element's own lines only: a text that is not there must not cost a scan of the rest of the draft.
      let to = from;
      for (let k = n.range.start.line; k <= n.range.end.line && to >= 0; k++) to = source.indexOf('\n', to + 1);
      at = source.slice(from, to < 0 ? source.length : to).indexOf(n.text);
      if (at >= 0) at += from;
    }
    if (at < 0) texts.push(n.text);
    const r = n.range;
    nodeInts.push(f, n.explicitId ? 1 : 0, ELEMENT_KINDS.indexOf(n.kind), at, at < 0 ? 0 : n.text.length, r.start.line, r.start.character, r.end.line, r.end.character);
    localIds.push(n.localId);
    if (!sameList(n.topics, g.files[f].topics)) topics.push([i, n.topics]);
  });
  const edges: number[] = [];
  for (const e of g.edges) edges.push(node(e.source), node(e.target), EDGE_KINDS.indexOf(e.kind));
  const disagreements: number[] = [];
  for (const d of g.disagreements) disagreements.push(node(d.a), node(d.b), VIAS.indexOf(d.via), node(d.by));
  const diagInts: number[] = [];
  const codes: string[] = [];
  const messages: string[] = [];
  for (const d of g.diagnostics) {
    const r = d.range;
    diagInts.push(file(d.file), SEVERITIES.indexOf(d.severity), r.start.line, r.start.character, r.end.line, r.end.character);
    codes.push(d.code);
    messages.push(d.message);
  }
  return [files, nodeInts, localIds, texts, topics, edges, disagreements, diagInts, codes, messages];
}

/** Decodes a graph written by encodeGraph from the same drafts' texts; throws on a malformed value (callers then build the graph the long way). */
export function decodeGraph(x: unknown, textOf: TextOf): ArgumentGraph {
  if (!Array.isArray(x) || x.length !== 10 || !x.every(Array.isArray)) throw new Error('not an encoded graph');
  // Indexed reads in plain loops: a warm start runs this code cold.
  const rawFiles = x[0] as unknown[][];
  const ints = x[1] as number[];
  const localIds = x[2] as string[];
  const texts = x[3] as string[];
  const rawTopics = x[4] as unknown[][];
  const rawEdges = x[5] as number[];
  const rawDis = x[6] as number[];
  const diagInts = x[7] as number[];
  const codes = x[8] as string[];
  const messages = x[9] as string[];
  for (const list of [ints, rawEdges, rawDis, diagInts]) if (!list.every(Number.isInteger)) throw new Error('not an encoded graph');
  const count = localIds.length;
  if (ints.length !== count * NODE_INTS || rawEdges.length % 3 !== 0 || rawDis.length % 4 !== 0) throw new Error('graph lists do not add up');
  if (diagInts.length !== codes.length * DIAG_INTS || messages.length !== codes.length) throw new Error('graph lists do not add up');
  const files: FileInfo[] = [];
  for (let i = 0; i < rawFiles.length; i++) {
    const f = rawFiles[i];
    if (typeof f[0] !== 'string' || typeof f[1] !== 'string' || !Array.isArray(f[2])) throw new Error('bad file');
    files.push({ file: f[0], title: f[1], topics: f[2] as string[] });
  }
  const nodes: GraphNode[] = [];
  let source: string | undefined;
  let sourceFile: FileInfo | undefined;
  let nextText = 0;
  for (let i = 0, k = 0; i < count; i++, k += NODE_INTS) {
    const f = files[ints[k]];
    const kind = ELEMENT_KINDS[ints[k + 2]];
    const localId = localIds[i];
    if (f === undefined || kind === undefined || typeof localId !== 'string') throw new Error('bad node');
    const at = ints[k + 3];
    let text: string;
    if (at < 0) {
      text = texts[nextText++];
      if (typeof text !== 'string') throw new Error('bad node');
    } else {
      if (f !== sourceFile) {
        sourceFile = f;
        source = textOf(f.file);
      }
      const end = at + ints[k + 4];
      if (source === undefined || !(end <= source.length)) throw new Error('node text is not in its draft');
      text = source.slice(at, end);
    }
    nodes.push({
      id: globalId(f.file, localId),
      localId,
      explicitId: ints[k + 1] === 1,
      kind,
      text,
      file: f.file,
      topics: f.topics,
      range: { start: { line: ints[k + 5], character: ints[k + 6] }, end: { line: ints[k + 7], character: ints[k + 8] } },
    });
  }
  if (nextText !== texts.length) throw new Error('graph lists do not add up');
  for (const t of rawTopics) {
    const n = nodes[t[0] as number];
    if (n === undefined || !Array.isArray(t[1])) throw new Error('bad topics');
    n.topics = t[1] as string[];
  }
  const id = (i: number): string => {
    const n = nodes[i];
    if (n === undefined) throw new Error('bad node index');
    return n.id;
  };
  const edges: GraphEdge[] = [];
  for (let i = 0; i < rawEdges.length; i += 3) {
    const kind = EDGE_KINDS[rawEdges[i + 2]];
    if (kind === undefined) throw new Error('bad edge');
    edges.push({ source: id(rawEdges[i]), target: id(rawEdges[i + 1]), kind });
  }
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < rawDis.length; i += 4) {
    const via = VIAS[rawDis[i + 2]];
    if (via === undefined) throw new Error('bad disagreement');
    disagreements.push({ a: id(rawDis[i]), b: id(rawDis[i + 1]), via, by: id(rawDis[i + 3]) });
  }
  const diagnostics: Diagnostic[] = [];
  for (let i = 0, k = 0; i < codes.length; i++, k += DIAG_INTS) {
    const f = files[diagInts[k]];
    const severity = SEVERITIES[diagInts[k + 1]];
    if (f === undefined || severity === undefined || typeof codes[i] !== 'string' || typeof messages[i] !== 'string') throw new Error('bad diagnostic');
    diagnostics.push({
      file: f.file,
      range: { start: { line: diagInts[k + 2], character: diagInts[k + 3] }, end: { line: diagInts[k + 4], character: diagInts[k + 5] } },
      severity,
      code: codes[i] as DiagnosticCode,
      message: messages[i],
    });
  }
  return { version: 1, files, nodes, edges, disagreements, diagnostics };
}
