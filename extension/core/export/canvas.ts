/** exportCanvas: the argument graph as a JSON Canvas 1.0 file (Obsidian's .canvas), nodes at a layered layout's positions, a group a file. */
import type { ArgumentGraph, EdgeKind, ElementKind } from '../model';
import { escapeMarkdownText } from './escape';
import { layeredLayout } from './layeredLayout';

/** JSON Canvas preset colours: 1 red, 2 orange, 3 yellow, 4 green, 5 cyan, 6 purple. */
const NODE_COLOR: Partial<Record<ElementKind, string>> = { support: '4', objection: '1', reply: '2', crux: '6', question: '3', claim: '5' };
const EDGE_COLOR: Partial<Record<EdgeKind, string>> = { supports: '4', objects: '1', replies: '2', crux: '6', questions: '3' };

export interface CanvasNode {
  id: string;
  type: 'text' | 'group';
  x: number;
  y: number;
  width: number;
  height: number;
  color?: string;
  text?: string;
  label?: string;
}

export interface CanvasEdge {
  id: string;
  fromNode: string;
  fromSide?: 'top' | 'right' | 'bottom' | 'left';
  toNode: string;
  toSide?: 'top' | 'right' | 'bottom' | 'left';
  toEnd?: 'none' | 'arrow';
  color?: string;
  label?: string;
}

/**
 * Builds the canvas: each element a text node (its kind in bold, its text, then its file
 * and line in italics), laid out per file by `layeredLayout`, each file's nodes in a group
 * beside the previous file's. Node ids are c0, c1… (groups g0…), edges e0….
 */
export function buildCanvas(graph: ArgumentGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `c${i}`]));
  const titles = new Map(graph.files.map((f) => [f.file, f.title]));
  // Nodes and the edges inside each file, gathered in one pass (a workspace has many files).
  const byFile = new Map<string, { nodes: ArgumentGraph['nodes']; edges: ArgumentGraph['edges'] }>();
  const fileOf = new Map(graph.nodes.map((n) => [n.id, n.file]));
  for (const n of graph.nodes) (byFile.get(n.file) ?? byFile.set(n.file, { nodes: [], edges: [] }).get(n.file)!).nodes.push(n);
  for (const e of graph.edges) if (fileOf.get(e.source) !== undefined && fileOf.get(e.source) === fileOf.get(e.target)) byFile.get(fileOf.get(e.source)!)!.edges.push(e);
  const pad = 40;
  let left = 0;
  [...byFile].forEach(([file, part], gi) => {
    const own = part.nodes;
    const boxes = layeredLayout({ ...graph, nodes: own, edges: part.edges });
    let right = 0;
    let bottom = 0;
    for (const b of boxes.values()) {
      right = Math.max(right, b.x + b.width);
      bottom = Math.max(bottom, b.y + b.height);
    }
    nodes.push({ id: `g${gi}`, type: 'group', x: left, y: 0, width: right + 2 * pad, height: bottom + 2 * pad + 20, label: titles.get(file) ?? file });
    for (const n of own) {
      const b = boxes.get(n.id)!;
      const kind = n.kind[0].toUpperCase() + n.kind.slice(1);
      const text = `**${kind}:** ${escapeMarkdownText(n.text)}\n\n*${escapeMarkdownText(`${n.file}:${n.range.start.line + 1}`)}*`;
      nodes.push({ id: ids.get(n.id)!, type: 'text', x: left + pad + b.x, y: pad + 20 + b.y, width: b.width, height: b.height, text, ...(NODE_COLOR[n.kind] ? { color: NODE_COLOR[n.kind] } : {}) });
    }
    left += right + 2 * pad + 120;
  });
  graph.edges.forEach((e, i) => {
    const from = ids.get(e.source);
    const to = ids.get(e.target);
    if (!from || !to) return;
    edges.push({ id: `e${i}`, fromNode: from, fromSide: 'top', toNode: to, toSide: 'bottom', toEnd: 'arrow', label: e.kind, ...(EDGE_COLOR[e.kind] ? { color: EDGE_COLOR[e.kind] } : {}) });
  });
  return { nodes, edges };
}

/** The canvas as JSON text (tab-indented, as Obsidian writes it). */
export function exportCanvas(graph: ArgumentGraph): string {
  return `${JSON.stringify(buildCanvas(graph), null, '\t')}\n`;
}
