/** The big-map layout: claims on top, answers one row below what they answer, files apart, every node placed. */
import { describe, expect, it } from 'vitest';
import { layeredGrid } from '../../webview/fastLayout';

describe('layeredGrid', () => {
  it('places each element one row below its same-file target, and files side by side', () => {
    const nodes = [
      { id: 'a#c', file: 'a' },
      { id: 'a#o', file: 'a' },
      { id: 'a#r', file: 'a' },
      { id: 'b#c', file: 'b' },
    ];
    const edges = [
      { source: 'a#o', target: 'a#c' },
      { source: 'a#r', target: 'a#o' },
      { source: 'b#c', target: 'a#c' }, // cross-file: does not stack files
    ];
    const p = layeredGrid(nodes, edges);
    expect(p.size).toBe(4);
    expect(p.get('a#o')!.y).toBeGreaterThan(p.get('a#c')!.y);
    expect(p.get('a#r')!.y).toBeGreaterThan(p.get('a#o')!.y);
    expect(p.get('b#c')!.y).toBe(p.get('a#c')!.y);
    expect(p.get('b#c')!.x).toBeGreaterThan(p.get('a#c')!.x + 150);
  });
  it('survives cycles and never stacks two nodes on one spot', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, file: `f${i % 5}` }));
    const edges = nodes.map((n, i) => ({ source: n.id, target: nodes[(i + 5) % 50].id }));
    const p = layeredGrid(nodes, edges);
    const spots = new Set([...p.values()].map((q) => `${q.x},${q.y}`));
    expect(spots.size).toBe(50);
  });
});
