/** The webview's pure parts, without a browser: filters, free placement, saved-state validation, keys. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MapEdge, MapNode } from '../../extension/core/map/mapModel';
import { collapsedSubtrees, computeVisibility, matchesSearch, neighbourhood } from '../../webview/filters';
import { findFreePlace, intersects, type Box } from '../../webview/placement';
import { loadViewState } from '../../webview/viewState';
import { ghostKeyAction, keyAction, nearestInDirection, nodeAnnouncement } from '../../webview/keyboard';

const node = (id: string, kind: MapNode['kind'] = 'support', topics: string[] = []): MapNode => ({ id, kind, text: `text of ${id}`, label: id, file: 'a.md', line: 0, topics });
const edge = (source: string, target: string, kind: MapEdge['kind'] = 'supports'): MapEdge => ({ id: `${source}|${kind}|${target}`, source, target, kind });

// c <- s1 <- r1 <- r2 ; c <- o1 ; x (unconnected) ; d disagreement c~x
const nodes = [node('c', 'claim', ['t']), node('s1'), node('r1', 'reply'), node('r2', 'reply'), node('o1', 'objection', ['t']), node('x', 'claim')];
const edges = [edge('s1', 'c'), edge('r1', 's1', 'replies'), edge('r2', 'r1', 'replies'), edge('o1', 'c', 'objects'), edge('c', 'x', 'disagreement')];

describe('filters', () => {
  it('search needs every word, in text, id or kind', () => {
    expect(matchesSearch(node('s1'), 'TEXT s1')).toBe(true);
    expect(matchesSearch(node('s1'), 'support')).toBe(true);
    expect(matchesSearch(node('s1'), 'text nope')).toBe(false);
    expect(matchesSearch(node('s1'), '  ')).toBe(false);
  });
  it('the neighbourhood follows links both ways, up to the depth', () => {
    expect([...neighbourhood(edges, 's1', 1)].sort()).toEqual(['c', 'r1', 's1']);
    expect([...neighbourhood(edges, 's1', 2)].sort()).toEqual(['c', 'o1', 'r1', 'r2', 's1', 'x']);
  });
  it('a collapsed node hides what answers it, transitively, but not across disagreements', () => {
    expect([...collapsedSubtrees(edges, new Set(['c'])).get('c')!].sort()).toEqual(['o1', 'r1', 'r2', 's1']);
    const v = computeVisibility(nodes, edges, { hiddenKinds: [], topic: '', search: '', focusDepth: 2, collapsed: new Set(['s1']) });
    expect([...v.hidden].sort()).toEqual(['r1', 'r2']);
    expect(v.collapsedCounts.get('s1')).toBe(2);
  });
  it('focus hides the rest; kind and topic filters hide; search fades the misses', () => {
    const v = computeVisibility(nodes, edges, { hiddenKinds: ['reply'], topic: '', search: 'o1', focusId: 'c', focusDepth: 1, collapsed: new Set() });
    expect([...v.hidden].sort()).toEqual(['r1', 'r2']);
    expect([...v.matches]).toEqual(['o1']);
    expect(v.faded.has('c')).toBe(true);
    const t = computeVisibility(nodes, edges, { hiddenKinds: [], topic: 't', search: '', focusId: 'gone', focusDepth: 1, collapsed: new Set() });
    expect([...t.hidden].sort()).toEqual(['r1', 'r2', 's1', 'x']);
  });
});

describe('findFreePlace', () => {
  const size = { w: 200, h: 50 };
  const at = (p: { x: number; y: number }): Box => ({ x1: p.x - 100, y1: p.y - 25, x2: p.x + 100, y2: p.y + 25 });
  it('goes below its target when that is free, beside a sibling otherwise', () => {
    const target = at({ x: 0, y: 0 });
    const first = findFreePlace({ nodes: [target], groups: [] }, size, target, { x: 0, y: 0 });
    expect(first.x).toBe(0);
    expect(first.y).toBeGreaterThan(25);
    const second = findFreePlace({ nodes: [target, at(first)], groups: [] }, size, target, { x: 0, y: 0 });
    expect(second.y).toBe(first.y);
    expect(Math.abs(second.x)).toBeGreaterThanOrEqual(200);
  });
  it('never overlaps a node, another group or a group title, and never rises above its own group title (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: -600, max: 600 }), y: fc.integer({ min: -400, max: 400 }) }), { maxLength: 25 }), fc.integer({ min: 0, max: 24 }), (points, k) => {
        const boxes = points.map(at);
        const other = { box: { x1: 700, y1: -100, x2: 1100, y2: 300 }, own: false, title: { x1: 700, y1: -100, x2: 1100, y2: -70 } };
        const own = { box: { x1: -800, y1: -500, x2: 650, y2: 500 }, own: true, title: { x1: -800, y1: -500, x2: 650, y2: -470 } };
        const scene = { nodes: boxes, groups: [own, other] };
        const p = findFreePlace(scene, size, boxes[k % Math.max(1, boxes.length)], { x: 0, y: 0 });
        const b = at(p);
        return boxes.every((n) => !intersects(b, n)) && !intersects(b, other.box) && !intersects(b, own.title) && b.y1 >= own.title.y2;
      }),
    );
  });
});

describe('loadViewState', () => {
  it('keeps what has the right type and drops the rest', () => {
    const s = loadViewState({ scope: 'linked', layout: 'fcose', hiddenKinds: ['reply', 'bogus', 3], focusDepth: 99, positions: { a: { x: 1, y: 2 }, b: { x: 'no' } }, zoom: -1, collapsed: ['c', 5], focusId: 'f' });
    expect(s).toMatchObject({ scope: 'linked', layout: 'fcose', layoutChosen: true, hiddenKinds: ['reply'], focusDepth: 2, positions: { a: { x: 1, y: 2 } }, zoom: undefined, collapsed: ['c'], focusId: 'f' });
    expect(loadViewState('garbage')).toMatchObject({ scope: 'draft', layout: 'auto', layoutChosen: false, group: true, collapsed: [] });
  });
  it('keeps the card width the positions were laid out at, and the nodes the writer placed', () => {
    expect(loadViewState({ cardWidth: 232, placed: ['a', 7, 'b'] })).toMatchObject({ cardWidth: 232, placed: ['a', 'b'] });
    expect(loadViewState({ cardWidth: 5000, placed: 'a' })).toMatchObject({ cardWidth: undefined, placed: [] });
    expect(loadViewState({ cardWidth: '200' }).cardWidth).toBeUndefined();
  });
});

describe('keyboard', () => {
  it('maps the keys of the map', () => {
    const k = (key: string, mods: Partial<KeyboardEvent> = {}) => keyAction({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });
    expect(k('o')).toEqual({ type: 'add', kind: 'objection' });
    expect(k('O', { shiftKey: true })).toEqual({ type: 'add', kind: 'objection' });
    expect(k('o', { ctrlKey: true })).toBeUndefined();
    expect(k('F10', { shiftKey: true })).toEqual({ type: 'menu' });
    expect(k(' ')).toEqual({ type: 'collapse' });
    expect(k('Enter', { altKey: true })).toEqual({ type: 'open', toSide: true });
  });
  it('announces a ghost as a suggestion of its kind, and gives it only its menu', () => {
    expect(nodeAnnouncement({ kind: 'claim', text: 'Debate works.' })).toBe('claim: Debate works.');
    expect(nodeAnnouncement({ kind: 'objection', text: 'But judges tire.', suggested: true, cue: 'But' })).toBe('objection, suggested: But judges tire. (because of: But). Enter or Shift+F10 to accept.');
    const k = (key: string, mods: Partial<KeyboardEvent> = {}) => keyAction({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods })!;
    expect(ghostKeyAction(k('Enter'))).toBe('menu');
    expect(ghostKeyAction(k('ContextMenu'))).toBe('menu');
    expect(ghostKeyAction(k('F10', { shiftKey: true }))).toBe('menu');
    for (const key of ['r', 'c', 'f', ' ']) expect(ghostKeyAction(k(key)), key).toBeUndefined();
    expect(ghostKeyAction(k('Enter', { altKey: true }))).toBeUndefined();
  });
  it('finds the nearest node in a direction', () => {
    const pts = [{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 0, y: 100 }, { id: 'c', x: 100, y: 10 }];
    expect(nearestInDirection(pts[0], pts, 0, 1)?.id).toBe('b');
    expect(nearestInDirection(pts[0], pts, 1, 0)?.id).toBe('c');
    expect(nearestInDirection(pts[0], pts, -1, 0)).toBeUndefined();
  });
});

describe('the webview layer', () => {
  it('imports only its own modules, Cytoscape, the protocol and the core model, map model and level function', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(__dirname, '..', '..', 'webview');
    const allowed = /^(\.\/[A-Za-z]+|cytoscape|cytoscape-dagre|cytoscape-fcose|\.\.\/extension\/protocol|\.\.\/extension\/core\/model|\.\.\/extension\/core\/map\/mapModel|\.\.\/extension\/core\/map\/levels)$/;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      for (const i of imports) expect(i, `${f} imports ${i}`).toMatch(allowed);
    }
  });
});
