/** The map model on real markdown: scopes, the core -> map mapping, and diffs that turn one map into the next. */
import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import { applyMapDiff, diffMapGraphs, displayText, filesInScope, isEmptyDiff, toMapGraph, truncateLabel } from '../../../extension/core/map/mapModel';

function workspace() {
  const index = new WorkspaceIndex();
  index.setDraft('a.md', '# Claim: A is right. ^a\n\n- Objection: [[b#^b]] says otherwise. ^oa\n- Support: a reason.\n- Support: [[#^nope]] dangles.\n');
  index.setDraft('b.md', 'Claim: B is right. ^b\n\nCrux: which? [[a#^a]] vs [[#^b]]\n');
  index.setDraft('c.md', 'Claim: C, unrelated. ^c\n');
  index.setDraft('d.md', 'Links to [[a]] only.\n');
  return index;
}

describe('filesInScope', () => {
  it('draft, linked (one hop either way) and workspace', () => {
    const index = workspace();
    const g = index.getGraph();
    const links = (f: string) => index.linkedFiles(f);
    expect([...filesInScope(g, 'draft', 'a.md', links)]).toEqual(['a.md']);
    expect([...filesInScope(g, 'linked', 'a.md', links)].sort()).toEqual(['a.md', 'b.md', 'd.md']);
    expect([...filesInScope(g, 'linked', 'c.md', links)]).toEqual(['c.md']);
    expect([...filesInScope(g, 'workspace', undefined, links)].sort()).toEqual(['a.md', 'b.md', 'c.md', 'd.md']);
    expect([...filesInScope(g, 'draft', undefined, links)]).toEqual([]);
  });
});

describe('toMapGraph', () => {
  it('maps nodes, edges inside the scope, disagreements and problems', () => {
    const index = workspace();
    const g = index.getGraph();
    const one = toMapGraph(g, new Set(['a.md']));
    expect(one.nodes.map((n) => [n.id, n.kind, n.line])).toEqual([
      ['a.md#^a', 'claim', 0],
      ['a.md#^oa', 'objection', 2],
      ['a.md#^a-reason', 'support', 3],
      ['a.md#^nope-dangles', 'support', 4],
    ]);
    // The cross-file objection edge leaves the one-draft scope; the in-file support stays.
    expect(one.edges.map((e) => e.id)).toEqual(['a.md#^a-reason|supports|a.md#^a']);
    expect(one.nodes.find((n) => n.id === 'a.md#^nope-dangles')?.problem).toBe('error');
    expect(one.nodes.find((n) => n.id === 'a.md#^oa')?.problem).toBe('info');
    expect(one.nodes.find((n) => n.id === 'a.md#^a')?.problem).toBeUndefined();
    const two = toMapGraph(g, new Set(['a.md', 'b.md']));
    expect(two.edges.filter((e) => e.kind === 'disagreement').map((e) => e.id).sort()).toEqual([
      'a.md#^a|disagreement|b.md#^b',
      'a.md#^oa|disagreement|b.md#^b',
    ]);
    expect(two.files).toEqual([
      { file: 'a.md', title: 'Claim: A is right.' },
      { file: 'b.md', title: 'b' },
    ]);
  });
  it('shows wikilinks in labels as their alias or the id they point to', () => {
    expect(displayText('does it? [[scheming-first#^central]] vs [[#^b|the other view]]')).toBe('does it? ↗central vs the other view');
    expect(displayText('see [[notes/file]]')).toBe('see ↗notes/file');
  });
  it('truncates long labels at a word boundary', () => {
    const long = 'word '.repeat(60).trim();
    const label = truncateLabel(long, 50);
    expect(label.length).toBeLessThanOrEqual(50);
    expect(label.endsWith('…')).toBe(true);
    expect(truncateLabel('short')).toBe('short');
  });
});

describe('diffMapGraphs', () => {
  it('is empty for the same map, and applying it reproduces the new map', () => {
    const index = workspace();
    const before = toMapGraph(index.getGraph(), new Set(['a.md', 'b.md']));
    expect(isEmptyDiff(diffMapGraphs(before, before))).toBe(true);
    index.setDraft('a.md', '# Claim: A is right, edited. ^a\n\n- Objection: [[b#^b]] says otherwise. ^oa\n  - Reply: no it does not.\n- Support: [[#^nope]] dangles.\n');
    const after = toMapGraph(index.getGraph(), new Set(['a.md', 'b.md']));
    const diff = diffMapGraphs(before, after);
    expect(diff.addNodes.map((n) => n.id)).toEqual(['a.md#^no-it-does-not']);
    expect(diff.removeNodes).toEqual(['a.md#^a-reason']);
    expect(diff.updateNodes.map((n) => n.id).sort()).toEqual(['a.md#^a', 'a.md#^oa']); // the dangling support stays on line 5
    expect(diff.addEdges.map((e) => e.id)).toEqual(['a.md#^no-it-does-not|replies|a.md#^oa']);
    expect(diff.removeEdges).toEqual(['a.md#^a-reason|supports|a.md#^a']);
    const applied = applyMapDiff(before, diff);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId(applied.nodes)).toEqual(byId(after.nodes));
    expect(byId(applied.edges)).toEqual(byId(after.edges));
  });
});
