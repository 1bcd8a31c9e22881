/** Each element's level in a layered tree (the map's layouts and the exports' layered layout): the longest chain of edges above it, cycles cut where they close; without recursion, so a chain of any length is fine. */

/**
 * A function giving each id's level, where `up` lists the ids each id points to (its targets): 0 for an id that points
 * nowhere, else one more than the highest level among its targets. A target still being worked out (a cycle) counts as
 * level 0. Levels are remembered, so all ids together take time linear in the ids and edges.
 */
export function chainLevels(up: ReadonlyMap<string, readonly string[]>): (id: string) => number {
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  return (start: string): number => {
    const known = level.get(start);
    if (known !== undefined) return known;
    const stack: { id: string; next: number; best: number }[] = [{ id: start, next: 0, best: 0 }];
    visiting.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = up.get(top.id) ?? [];
      if (top.next < targets.length) {
        const t = targets[top.next++];
        const k = level.get(t);
        if (k !== undefined) top.best = Math.max(top.best, k + 1);
        else if (visiting.has(t)) top.best = Math.max(top.best, 1);
        else {
          visiting.add(t);
          stack.push({ id: t, next: 0, best: 0 });
        }
        continue;
      }
      stack.pop();
      visiting.delete(top.id);
      level.set(top.id, top.best);
      const below = stack[stack.length - 1];
      if (below) below.best = Math.max(below.best, top.best + 1);
    }
    return level.get(start)!;
  };
}
