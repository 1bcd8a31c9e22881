/** How wide a one-draft map's cards are: as wide as the panel allows for the widest level of its widest tree, between a minimum and a maximum. Pure arithmetic. */

import { chainLevels } from '../extension/core/map/levels';

/** Cards are never narrower than this (model units): below it a label wraps to a word a line. */
export const MIN_CARD_WIDTH = 140;
/** Nor wider: past this a line of text is too long to read at a glance. */
export const MAX_CARD_WIDTH = 280;
/** The room between two cards of one level (the tree layout's node separation). */
export const CARD_GAP = 30;
/**
 * A tree is given room for at least this many cards side by side: a draft being written
 * starts with one claim and grows answers under it, laid beside each other without a
 * re-layout, so its cards must not start as wide as a lone card could be.
 */
export const MIN_SLOTS = 3;

export interface LevelNode {
  id: string;
}

export interface LevelEdge {
  source: string;
  target: string;
}

/** Which tree each element belongs to (the elements joined by edges, either way): a tree's id for each element's. */
export function treesOf(nodes: LevelNode[], edges: LevelEdge[]): Map<string, string> {
  const parent = new Map<string, string>(nodes.map((n) => [n.id, n.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    // Path halving keeps the chains short.
    let x = id;
    while (parent.get(x) !== r) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const e of edges) if (e.source !== e.target && parent.has(e.source) && parent.has(e.target)) parent.set(root(e.source), root(e.target));
  return new Map(nodes.map((n) => [n.id, root(n.id)]));
}

/**
 * The most cards side by side in one level of one tree: each element sits one level below
 * the element it answers (its level is the longest chain of edges above it, cycles cut
 * where they close), and each connected tree counts on its own, since trees too wide to
 * stand side by side are stacked in rows.
 */
export function widestLevel(nodes: LevelNode[], edges: LevelEdge[]): number {
  const tree = treesOf(nodes, edges);
  const up = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !tree.has(e.source) || !tree.has(e.target)) continue;
    const list = up.get(e.source);
    if (list) list.push(e.target);
    else up.set(e.source, [e.target]);
  }
  const levelOf = chainLevels(up);
  const counts = new Map<string, number>();
  let widest = 0;
  for (const n of nodes) {
    const key = `${tree.get(n.id)}\u0000${levelOf(n.id)}`;
    const c = (counts.get(key) ?? 0) + 1;
    counts.set(key, c);
    widest = Math.max(widest, c);
  }
  return widest;
}

/**
 * The card width at which `slots` cards and their gaps fill `room` model units, clamped to
 * [MIN_CARD_WIDTH, MAX_CARD_WIDTH] and rounded down to a multiple of 4 (a panel resized by a
 * few pixels keeps its cards). `slots` may be fractional (a measured layout's width in cards).
 */
export function cardWidthFor(slots: number, room: number): number {
  if (!(slots > 0) || !Number.isFinite(room)) return MAX_CARD_WIDTH;
  const w = (room + CARD_GAP) / slots - CARD_GAP;
  return Math.min(MAX_CARD_WIDTH, Math.max(MIN_CARD_WIDTH, Math.floor(w / 4) * 4));
}
