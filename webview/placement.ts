/** Where a new node goes while the writer types: the nearest free place below or beside its target, never over another node or a file group's title; nothing else moves. Pure geometry. */

/** A box in model coordinates (x1 < x2, y1 < y2). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Size {
  w: number;
  h: number;
}

export interface PlacementScene {
  /** Every drawn element node's box. */
  nodes: Box[];
  /** File groups: their box (title included) and whether the new node belongs to it. */
  groups: { box: Box; own: boolean; title: Box }[];
}

/** Space kept between a new node and anything else. */
export const GAP = 16;

export function intersects(a: Box, b: Box, margin = 0): boolean {
  return a.x1 < b.x2 + margin && b.x1 < a.x2 + margin && a.y1 < b.y2 + margin && b.y1 < a.y2 + margin;
}

function boxAt(cx: number, cy: number, s: Size): Box {
  return { x1: cx - s.w / 2, y1: cy - s.h / 2, x2: cx + s.w / 2, y2: cy + s.h / 2 };
}

const STEP_X = 40;
const STEP_Y = 24;
/** Candidate offsets from the ideal spot, nearest first: beside (a sibling's row) before below, and up costs most. */
const OFFSETS: { dx: number; dy: number }[] = (() => {
  const out: { dx: number; dy: number; d: number }[] = [];
  for (let i = -30; i <= 30; i++) for (let j = -2; j <= 40; j++) out.push({ dx: i * STEP_X, dy: j * STEP_Y, d: Math.hypot(i * STEP_X, j * STEP_Y * (j < 0 ? 6 : 4)) });
  return out.sort((a, b) => a.d - b.d).map(({ dx, dy }) => ({ dx, dy }));
})();

/**
 * The centre for a new node of `size` answering the node at `anchor` (or, without one,
 * near `fallback`): the ideal spot is one row below the anchor (the tree is drawn with
 * targets above their answers); the first free candidate nearest to it wins. A place is
 * free when the node, with a gap, overlaps no node, no other file group, and no group's
 * title, and when its own group would not grow into another group or over its title.
 */
export function findFreePlace(scene: PlacementScene, size: Size, anchor: Box | undefined, fallback: { x: number; y: number }): { x: number; y: number } {
  const ideal = anchor ? { x: (anchor.x1 + anchor.x2) / 2, y: anchor.y2 + 60 + size.h / 2 } : fallback;
  const own = scene.groups.find((g) => g.own);
  const others = scene.groups.filter((g) => !g.own);
  // Only nodes near the candidates can be in the way (big maps have thousands).
  const reach: Box = { x1: ideal.x - 30 * STEP_X - size.w, x2: ideal.x + 30 * STEP_X + size.w, y1: ideal.y - 2 * STEP_Y - size.h, y2: ideal.y + 40 * STEP_Y + size.h };
  const near = scene.nodes.filter((n) => intersects(n, reach, GAP));
  const free = (b: Box): boolean => {
    for (const n of near) if (intersects(b, n, GAP)) return false;
    for (const g of scene.groups) if (intersects(b, g.title, GAP)) return false;
    for (const g of others) if (intersects(b, g.box, GAP)) return false;
    if (own) {
      // The group's title sits above its topmost node: a node above that would move it.
      if (b.y1 < own.title.y2 + GAP) return false;
      const grown: Box = { x1: Math.min(own.box.x1, b.x1 - 20), y1: own.box.y1, x2: Math.max(own.box.x2, b.x2 + 20), y2: Math.max(own.box.y2, b.y2 + 20) };
      for (const g of others) if (intersects(grown, g.box, GAP)) return false;
    }
    return true;
  };
  for (const o of OFFSETS) {
    const c = { x: ideal.x + o.dx, y: ideal.y + o.dy };
    if (free(boxAt(c.x, c.y, size))) return c;
  }
  // Nothing free near the target: below everything, where nothing can be.
  const bottom = Math.max(ideal.y, ...scene.nodes.map((n) => n.y2), ...scene.groups.map((g) => g.box.y2));
  return { x: ideal.x, y: bottom + GAP * 4 + size.h / 2 };
}
