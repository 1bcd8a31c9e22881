/** A linear-time layout for big maps: each file's elements as a small layered tree (claims on top), the files in a grid. */
import { chainLevels } from '../extension/core/map/levels';

export interface LayoutNode {
  id: string;
  file: string;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

const COLUMN = 230;
const ROW = 110;
const GAP = 160;

/**
 * Positions for every node: inside a file, an element sits one row below the element
 * it points to (its level is the longest chain of same-file edges above it); files are
 * blocks in a grid. Cycles are cut where they close.
 */
export function layeredGrid(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, { x: number; y: number }> {
  const fileOf = new Map(nodes.map((n) => [n.id, n.file]));
  const up = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || fileOf.get(e.source) === undefined || fileOf.get(e.source) !== fileOf.get(e.target)) continue;
    const list = up.get(e.source);
    if (list) list.push(e.target);
    else up.set(e.source, [e.target]);
  }
  const levelOf = chainLevels(up);
  const byFile = new Map<string, LayoutNode[]>();
  for (const n of nodes) {
    const list = byFile.get(n.file);
    if (list) list.push(n);
    else byFile.set(n.file, [n]);
  }
  const blocks = [...byFile.values()].map((list) => {
    const rows: string[][] = [];
    for (const n of list) (rows[levelOf(n.id)] ??= []).push(n.id);
    let widest = 1;
    for (const r of rows) widest = Math.max(widest, r?.length ?? 0); // rows may have holes; no spread: a tall tree has many
    const width = widest * COLUMN;
    return { rows, width, height: rows.length * ROW };
  });
  const columns = Math.max(1, Math.ceil(Math.sqrt(blocks.length)));
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  blocks.forEach((b, i) => {
    if (i > 0 && i % columns === 0) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    b.rows.forEach((row, r) => {
      (row ?? []).forEach((id, c) => out.set(id, { x: x + c * COLUMN + ((b.width - row.length * COLUMN) / 2), y: y + r * ROW }));
    });
    x += b.width + GAP;
    rowHeight = Math.max(rowHeight, b.height);
  });
  return out;
}
