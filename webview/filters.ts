/** What the map hides, fades and highlights: kind and topic filters, search, focus on one element's neighbourhood, collapsed subtrees. Pure functions of the map's data. */
import type { ElementKind } from '../extension/core/model';
import type { MapEdge, MapNode } from '../extension/core/map/mapModel';

export interface FilterOptions {
  hiddenKinds: readonly ElementKind[];
  /** One topic to show, or '' for all. */
  topic: string;
  search: string;
  /** "Focus on This": the element shown with the elements up to `focusDepth` links away; the rest is hidden. */
  focusId?: string;
  focusDepth: number;
  /** Elements whose subtree (what answers them, transitively) is hidden. */
  collapsed: ReadonlySet<string>;
}

export interface Visibility {
  /** Not drawn at all. */
  hidden: Set<string>;
  /** Drawn faint (search misses). */
  faded: Set<string>;
  /** Search matches. */
  matches: Set<string>;
  /** For each collapsed element that is drawn, how many elements its collapse hides. */
  collapsedCounts: Map<string, number>;
}

/** Whether every word of the query is in the node's text, id or kind (case-insensitive). */
export function matchesSearch(node: Pick<MapNode, 'id' | 'kind' | 'text'>, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const text = `${node.text} ${node.id} ${node.kind}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The element and those up to `depth` links away, whichever way the links point. */
export function neighbourhood(edges: readonly MapEdge[], id: string, depth: number): Set<string> {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set([id]);
  let frontier = [id];
  for (let i = 0; i < depth && frontier.length; i++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adjacent.get(n) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  return seen;
}

/**
 * What a collapsed element hides: the elements that answer it, transitively (sources of
 * edges into it; derived disagreements and mentions are not part of a subtree). The
 * collapsed elements themselves stay, unless another collapsed element's subtree holds them.
 */
export function collapsedSubtrees(edges: readonly MapEdge[], collapsed: ReadonlySet<string>): Map<string, Set<string>> {
  const answers = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === 'disagreement' || e.kind === 'mentions' || e.source === e.target) continue;
    const list = answers.get(e.target);
    if (list) list.push(e.source);
    else answers.set(e.target, [e.source]);
  }
  const out = new Map<string, Set<string>>();
  for (const root of collapsed) {
    const below = new Set<string>();
    const stack = [...(answers.get(root) ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === root || below.has(n)) continue;
      below.add(n);
      stack.push(...(answers.get(n) ?? []));
    }
    out.set(root, below);
  }
  return out;
}

/** Applies every filter to the map's nodes. */
export function computeVisibility(nodes: readonly MapNode[], edges: readonly MapEdge[], o: FilterOptions): Visibility {
  const hiddenKinds = new Set(o.hiddenKinds);
  const q = o.search.trim();
  const hidden = new Set<string>();
  const faded = new Set<string>();
  const matches = new Set<string>();
  const ids = new Set(nodes.map((n) => n.id));
  const focus = o.focusId !== undefined && ids.has(o.focusId) ? neighbourhood(edges, o.focusId, o.focusDepth) : undefined;
  const subtrees = collapsedSubtrees(edges, new Set([...o.collapsed].filter((id) => ids.has(id))));
  const underCollapsed = new Set<string>();
  for (const below of subtrees.values()) for (const id of below) underCollapsed.add(id);
  for (const n of nodes) {
    if (hiddenKinds.has(n.kind) || (o.topic !== '' && !n.topics.includes(o.topic)) || (focus && !focus.has(n.id)) || underCollapsed.has(n.id)) hidden.add(n.id);
    if (q) {
      if (matchesSearch(n, q)) matches.add(n.id);
      else faded.add(n.id);
    }
  }
  const collapsedCounts = new Map<string, number>();
  for (const [root, below] of subtrees) if (!hidden.has(root)) collapsedCounts.set(root, below.size);
  return { hidden, faded, matches, collapsedCounts };
}
