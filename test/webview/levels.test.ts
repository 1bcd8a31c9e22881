/** Layer levels for the map's layouts: the same as the recursive definition on any graph (cycles included), and no stack overflow on a chain of any length. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chainLevels } from '../../extension/core/map/levels';
import { layeredGrid } from '../../webview/fastLayout';
import { widestLevel } from '../../webview/cardWidth';

/** The definition, written recursively (fine for small graphs). */
function recursiveLevels(up: Map<string, string[]>): (id: string) => number {
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let l = 0;
    for (const t of up.get(id) ?? []) l = Math.max(l, levelOf(t) + 1);
    visiting.delete(id);
    level.set(id, l);
    return l;
  };
  return levelOf;
}

describe('chainLevels', () => {
  it('gives the recursive definition on random graphs with cycles, asked in any order', () => {
    const graph = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      edges: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 30 }),
      order: fc.array(fc.nat(11), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(graph, ({ n, edges, order }) => {
        const up = new Map<string, string[]>();
        for (const [a, b] of edges) if (a < n && b < n) (up.get(`${a}`) ?? up.set(`${a}`, []).get(`${a}`)!).push(`${b}`);
        const ids = [...order.filter((i) => i < n), ...Array.from({ length: n }, (_, i) => i)].map(String);
        const a = chainLevels(up);
        const b = recursiveLevels(up);
        expect(ids.map(a)).toEqual(ids.map(b));
      }),
      { numRuns: 2000 },
    );
  });
  it('works on a chain of 200,000 replies (a recursive walk overflows the stack)', () => {
    const up = new Map<string, string[]>();
    const n = 200_000;
    for (let i = 1; i < n; i++) up.set(`r${i}`, [`r${i - 1}`]);
    expect(chainLevels(up)(`r${n - 1}`)).toBe(n - 1);
    expect(() => recursiveLevels(up)(`r${n - 1}`)).toThrow(RangeError);
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, file: 'a.md' }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ source: `r${i + 1}`, target: `r${i}` }));
    expect(layeredGrid(nodes, edges).size).toBe(n);
    expect(widestLevel(nodes, edges)).toBe(1);
  });
});
