/** layeredLayout: a simple layered (Sugiyama-style) layout of the argument graph for exports that need positions (JSON Canvas). */
import type { ArgumentGraph } from '../model';
import { chainLevels } from '../map/levels';

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutOptions {
  width?: number;
  gapX?: number;
  gapY?: number;
  /** Characters a line of node text holds, to estimate heights. */
  charsPerLine?: number;
}

/**
 * Places each node on a layer: what an element answers sits above it (layer = 1 + the
 * deepest layer of its targets, cycles broken where met), so roots are on top. Within a
 * layer nodes are ordered by the mean position of their targets (one barycentre pass)
 * and spread left to right; layer heights fit their tallest node. Deterministic.
 */
export function layeredLayout(graph: ArgumentGraph, options: LayoutOptions = {}): Map<string, NodeBox> {
  const width = options.width ?? 360;
  const gapX = options.gapX ?? 40;
  const gapY = options.gapY ?? 80;
  const cpl = options.charsPerLine ?? 44;
  const targets = new Map<string, string[]>();
  for (const n of graph.nodes) targets.set(n.id, []);
  for (const e of graph.edges) if (targets.has(e.source) && targets.has(e.target) && e.source !== e.target) targets.get(e.source)!.push(e.target);
  // Each node's layer: the longest chain of edges above it (iterative, so long chains cannot overflow the stack).
  const levelOf = chainLevels(targets);
  const layer = new Map<string, number>();
  for (const n of graph.nodes) layer.set(n.id, levelOf(n.id));
  const layers: string[][] = [];
  for (const n of graph.nodes) (layers[layer.get(n.id)!] ??= []).push(n.id);
  const textOf = new Map(graph.nodes.map((n) => [n.id, n.text]));
  const heightOf = (id: string) => 60 + 20 * Math.max(1, Math.ceil((textOf.get(id)?.length ?? 0) / cpl));
  const boxes = new Map<string, NodeBox>();
  let y = 0;
  for (const ids of layers) {
    if (!ids) continue;
    const order = ids.map((id, i) => {
      const xs = targets.get(id)!.map((t) => boxes.get(t)?.x).filter((x): x is number => x !== undefined);
      return { id, key: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.MAX_SAFE_INTEGER, i };
    });
    order.sort((a, b) => a.key - b.key || a.i - b.i);
    const tallest = Math.max(...order.map((o) => heightOf(o.id)));
    order.forEach((o, i) => boxes.set(o.id, { x: i * (width + gapX), y, width, height: heightOf(o.id) }));
    y += tallest + gapY;
  }
  return boxes;
}
