/**
 * exportAif: the argument graph as AIF JSON in the shape AIFdb and OVA read (nodes, edges, locutions):
 * an I-node an element, an RA-node a support, a CA-node an objection or reply, edges through them.
 */
import type { ArgumentGraph, GraphNode } from '../model';

/** One AIF node; `text` of an S-node names its scheme. The `cruxmap` field carries what AIF has no place for (readers ignore it). */
export interface AifNode {
  nodeID: string;
  text: string;
  type: 'I' | 'RA' | 'CA';
  timestamp: string;
  scheme?: string;
  cruxmap?: { id?: string; kind: string; file?: string; line?: number; edge?: string; by?: string };
}

export interface AifEdge {
  edgeID: string;
  fromID: string;
  toID: string;
  formEdgeID: null;
}

/** AIFdb's JSON: `nodes`, `edges`, `locutions` (none: a draft has no dialogue), plus what Crux Map could not map. */
export interface AifDocument {
  nodes: AifNode[];
  edges: AifEdge[];
  locutions: never[];
  participants: never[];
  /** Edges AIF has no scheme for (questions, mentions): from element to element, by their I-node ids. */
  cruxmapEdges: { fromID: string; toID: string; kind: string }[];
}

/**
 * Builds the AIF document. Supports become RA-nodes (Default Inference), objections and
 * replies CA-nodes (Default Conflict), each between the two I-nodes. A crux becomes a
 * CA-node between each pair of its targets (the two sides it decides between), carrying
 * the crux's id; the crux itself is an I-node like every element. Questions and mentions
 * have no AIF scheme: they are listed in `cruxmapEdges`.
 */
export function buildAif(graph: ArgumentGraph, timestamp = ''): AifDocument {
  const doc: AifDocument = { nodes: [], edges: [], locutions: [], participants: [], cruxmapEdges: [] };
  const iNode = new Map<string, string>();
  let next = 1;
  const id = () => String(next++);
  const node = (n: GraphNode) => {
    const nodeID = id();
    iNode.set(n.id, nodeID);
    doc.nodes.push({ nodeID, text: n.text, type: 'I', timestamp, cruxmap: { id: n.id, kind: n.kind, file: n.file, line: n.range.start.line + 1 } });
  };
  graph.nodes.forEach(node);
  const edge = (fromID: string, toID: string) => doc.edges.push({ edgeID: id(), fromID, toID, formEdgeID: null });
  const through = (from: string, to: string, type: 'RA' | 'CA', extra: AifNode['cruxmap']) => {
    const s = id();
    doc.nodes.push({ nodeID: s, text: type === 'RA' ? 'Default Inference' : 'Default Conflict', type, timestamp, scheme: type === 'RA' ? 'Default Inference' : 'Default Conflict', cruxmap: extra });
    edge(from, s);
    edge(s, to);
  };
  const cruxTargets = new Map<string, string[]>();
  for (const e of graph.edges) {
    const from = iNode.get(e.source);
    const to = iNode.get(e.target);
    if (!from || !to) continue;
    if (e.kind === 'supports') through(from, to, 'RA', { kind: 'supports', edge: `${e.source} -> ${e.target}` });
    else if (e.kind === 'objects' || e.kind === 'replies') through(from, to, 'CA', { kind: e.kind, edge: `${e.source} -> ${e.target}` });
    else if (e.kind === 'crux') {
      if (!cruxTargets.has(e.source)) cruxTargets.set(e.source, []);
      cruxTargets.get(e.source)!.push(e.target);
    } else doc.cruxmapEdges.push({ fromID: from, toID: to, kind: e.kind });
  }
  for (const [crux, targets] of cruxTargets) {
    for (let i = 0; i < targets.length; i++) {
      for (let j = i + 1; j < targets.length; j++) through(iNode.get(targets[i])!, iNode.get(targets[j])!, 'CA', { kind: 'crux', by: crux });
    }
    // A crux with one target cannot stand between two sides: its edge is kept as it is.
    if (targets.length === 1) doc.cruxmapEdges.push({ fromID: iNode.get(crux)!, toID: iNode.get(targets[0])!, kind: 'crux' });
  }
  return doc;
}

/** The AIF document as JSON text. */
export function exportAif(graph: ArgumentGraph): string {
  return `${JSON.stringify(buildAif(graph), null, 2)}\n`;
}
