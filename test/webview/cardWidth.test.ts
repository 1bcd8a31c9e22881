/** Cards that fit the panel: the widest level's arithmetic, then each example draft in Chromium at 420, 700 and 1200 px wide (no overlap, labels ≥ 11 px and never cut off, no horizontal panning when the widest level fits), and a resize that reflows a map unless the writer placed a node. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { toMapGraph, type MapGraph } from '../../extension/core/map/mapModel';
import { CARD_GAP, cardWidthFor, MAX_CARD_WIDTH, MIN_CARD_WIDTH, widestLevel } from '../../webview/cardWidth';
import { LEGIBLE_ZOOM } from '../../webview/theme';
import { hasChromium, launch, openWebview, send } from '../support/harness';

const repo = join(__dirname, '..', '..');
const examples = join(repo, 'examples', 'alignment');
const shots = join(repo, 'test-results', 'browser');

describe('widestLevel and cardWidthFor', () => {
  const n = (id: string) => ({ id });
  const e = (source: string, target: string) => ({ source, target });
  it('counts the most elements on one level of one tree', () => {
    // c1 <- a, b, d ; a <- a1, a2 ; c2 <- x, y (another tree: its level 1 does not add to c1's)
    const nodes = ['c1', 'a', 'b', 'd', 'a1', 'a2', 'c2', 'x', 'y'].map(n);
    const edges = [e('a', 'c1'), e('b', 'c1'), e('d', 'c1'), e('a1', 'a'), e('a2', 'a'), e('x', 'c2'), e('y', 'c2')];
    expect(widestLevel(nodes, edges)).toBe(3);
    // Joined by one more edge, the two trees are one: level 1 holds a, b, d, and c2's level moves down.
    expect(widestLevel(nodes, [...edges, e('c2', 'd')])).toBe(3);
    expect(widestLevel(nodes, [...edges, e('x', 'c1'), e('y', 'c1')])).toBe(5);
  });
  it('an element sits below the longest chain above it; cycles and self-links do not loop', () => {
    expect(widestLevel([n('a'), n('b'), n('c')], [e('b', 'a'), e('c', 'b'), e('c', 'a')])).toBe(1);
    expect(widestLevel([n('a'), n('b')], [e('a', 'b'), e('b', 'a'), e('a', 'a')])).toBe(1);
    expect(widestLevel([], [])).toBe(0);
    // Lone elements are trees of one.
    expect(widestLevel([n('a'), n('b'), n('c')], [])).toBe(1);
  });
  it('fills the room with the cards and their gaps, between the minimum and the maximum', () => {
    expect(cardWidthFor(1, 756)).toBe(MAX_CARD_WIDTH);
    const three = cardWidthFor(3, 756);
    expect(3 * three + 2 * CARD_GAP).toBeLessThanOrEqual(756);
    expect(3 * (three + 4) + 2 * CARD_GAP).toBeGreaterThan(756);
    expect(three % 4).toBe(0);
    expect(cardWidthFor(12, 756)).toBe(MIN_CARD_WIDTH);
    expect(cardWidthFor(0, 756)).toBe(MAX_CARD_WIDTH);
  });
});

interface Box {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function exampleFiles(): Record<string, string> {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') ? [join(dir, f)] : []));
  return Object.fromEntries(walk(examples).map((f) => [relative(examples, f).split('\\').join('/'), readFileSync(f, 'utf8')]));
}

const debug = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> => page.evaluate(([nm, a]) => (window as any).cruxmapDebug[nm as string](...(a as unknown[])), [name, args] as const) as Promise<T>;

function overlappingPairs(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5) out.push(`${a.id} / ${b.id}`);
    }
  return out;
}

function setGraph(graph: MapGraph, activeFile: string) {
  return { type: 'didSetGraph', payload: { graph, scope: 'draft', activeFile, defaultLayout: 'auto', followCursor: true } };
}

async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.getElementById('map')!.dataset.nodeCount) === k, n);
}

/** The map's own box on the page (the cards must fit in it, not in the window). */
const mapRect = (page: Page) => page.$eval('#map', (m) => {
  const r = m.getBoundingClientRect();
  return { x1: r.left, x2: r.right };
});

/** Whether the draft's widest level, at the narrowest cards, fits one row of a panel this wide at the least legible zoom. */
function fitsAtMinimum(map: MapGraph, mapWidth: number): boolean {
  const k = widestLevel(map.nodes, map.edges.filter((e) => e.kind !== 'disagreement'));
  const crux = map.nodes.some((n) => n.kind === 'crux') ? 30 : 0;
  return k * MIN_CARD_WIDTH + (k - 1) * CARD_GAP + crux <= (mapWidth - 60) / LEGIBLE_ZOOM;
}

/** Waits until Cytoscape has drawn every label (its wrapped lines are known), then reads every node's size. */
async function sizes(page: Page, ids: string[]): Promise<Map<string, { width: number; fontPx: number; label: string; lines: number; roomLines: number; overflow: number }>> {
  await page.waitForFunction((all) => all.every((id: string) => (window as any).cruxmapDebug.nodeSize(id)?.lines > 0), ids);
  const out = new Map();
  for (const id of ids) out.set(id, await debug(page, 'nodeSize', id));
  return out;
}

describe.skipIf(!hasChromium)('cards that fit the panel (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    mkdirSync(shots, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('every example draft at 420, 700 and 1200 px: no overlap, labels at 11 px or more and never cut off; no horizontal panning when its widest level fits', async () => {
    const files = exampleFiles();
    const index = new WorkspaceIndex();
    for (const [p, t] of Object.entries(files)) index.setDraft(p, t);
    const graph = index.getGraph();
    const widths = new Map<string, number[]>();
    let fitted = 0;
    for (const W of [420, 700, 1200]) {
      const { page, errors } = await openWebview(browser, { width: W, height: 800 });
      for (const file of Object.keys(files).sort()) {
        const map = toMapGraph(graph, new Set([file]));
        if (map.nodes.length === 0) continue;
        await send(page, setGraph(map, file));
        await waitForCount(page, map.nodes.length);
        const all = await sizes(page, map.nodes.map((n) => n.id));
        for (const [id, s] of all) {
          expect(s.label, `${id} has its label drawn at ${W} px`).not.toBe('');
          expect(s.fontPx, `${id} at ${W} px`).toBeGreaterThanOrEqual(11);
          expect(s.lines, `${id}'s text fits its card's height at ${W} px`).toBeLessThanOrEqual(s.roomLines);
          expect(s.overflow, `${id}'s lines fit its card's width at ${W} px`).toBeLessThanOrEqual(1);
        }
        const boxes = await debug<Box[]>(page, 'boxes');
        expect(boxes).toHaveLength(map.nodes.length);
        expect(overlappingPairs(boxes), `${file} at ${W} px`).toEqual([]);
        const rect = await mapRect(page);
        if (map.nodes.length <= 25 && fitsAtMinimum(map, rect.x2 - rect.x1)) {
          fitted++;
          expect(Math.min(...boxes.map((b) => b.x1)), `${file}'s left edge at ${W} px`).toBeGreaterThanOrEqual(rect.x1);
          expect(Math.max(...boxes.map((b) => b.x2)), `${file}'s right edge at ${W} px`).toBeLessThanOrEqual(rect.x2);
        }
        const claim = map.nodes.find((n) => n.kind !== 'crux')!;
        widths.set(file, [...(widths.get(file) ?? []), all.get(claim.id)!.width / (await debug<number>(page, 'zoom'))]);
        await page.screenshot({ path: join(shots, `cards-${W}-${file.replace(/\W+/g, '-')}.png`) });
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // Most drafts fit at one width or another, and cards are never narrower in a wider panel.
    expect(fitted).toBeGreaterThan(Object.keys(files).length);
    for (const [file, [narrow, mid, wide]] of widths) {
      expect(narrow, file).toBeLessThanOrEqual(mid + 0.5);
      expect(mid, file).toBeLessThanOrEqual(wide + 0.5);
      expect(narrow, file).toBeGreaterThanOrEqual(MIN_CARD_WIDTH - 0.5);
      expect(wide, file).toBeLessThanOrEqual(MAX_CARD_WIDTH + 30.5);
    }
    // The three-wide scheming draft: narrower cards at 420 px than at 1200 px.
    const [n420, , n1200] = widths.get('scheming-first.md')!;
    expect(n420).toBeLessThan(n1200);
  });

  it('a resize reflows the map to cards of the new width; once the writer has dragged a node, a resize moves nothing', async () => {
    const file = 'scheming-first.md';
    const index = new WorkspaceIndex();
    index.setDraft(file, readFileSync(join(examples, file), 'utf8'));
    const map = toMapGraph(index.getGraph(), new Set([file]));
    const ids = map.nodes.map((n) => n.id);
    const { page, errors } = await openWebview(browser, { width: 420, height: 800 });
    await send(page, setGraph(map, file));
    await waitForCount(page, map.nodes.length);
    const cardWidth = async () => (await sizes(page, ids)).get(ids[0])!.width / (await debug<number>(page, 'zoom'));
    const narrow = await cardWidth();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.waitForFunction((w) => {
      const d = (window as any).cruxmapDebug;
      return d.nodeSize(d.nodeIds()[0]).width / d.zoom() > w + 1;
    }, narrow);
    const wide = await cardWidth();
    expect(wide).toBeGreaterThan(narrow);
    expect(overlappingPairs(await debug<Box[]>(page, 'boxes'))).toEqual([]);
    const rect = await mapRect(page);
    const boxes = await debug<Box[]>(page, 'boxes');
    expect(Math.max(...boxes.map((b) => b.x2))).toBeLessThanOrEqual(rect.x2);
    await page.screenshot({ path: join(shots, 'cards-resized-1200.png') });

    // The writer drags a reply to an empty place below the map: theirs now.
    const reply = map.nodes.find((n) => n.kind === 'reply')!.id;
    const laidOut = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
    const from = (await debug<{ x: number; y: number }>(page, 'renderedPosition', reply))!;
    const bottom = Math.max(...boxes.map((b) => b.y2));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, Math.min(790, bottom + 60), { steps: 6 });
    await page.mouse.up();
    const placed = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
    expect(placed[reply].y, 'the drag moved the reply').toBeGreaterThan(laidOut[reply].y + 10);
    await page.setViewportSize({ width: 700, height: 800 });
    // Past the resize's settling time, nothing moved and the cards kept their width.
    await page.waitForTimeout(700);
    expect(await debug<Record<string, { x: number; y: number }>>(page, 'positions')).toEqual(placed);
    expect(await cardWidth()).toBeCloseTo(wide, 1);
    // Re-layout takes the panel's width again.
    await page.click('#relayout');
    await page.waitForFunction((w) => {
      const d = (window as any).cruxmapDebug;
      return d.nodeSize(d.nodeIds()[0]).width / d.zoom() < w - 1;
    }, wide);
    await page.waitForTimeout(700);
    expect(overlappingPairs(await debug<Box[]>(page, 'boxes'))).toEqual([]);
    expect(errors).toEqual([]);

    // Reloaded (the panel hidden and shown again) in a panel of another width: the saved places and card width come back, and stay.
    await page.waitForFunction(() => (window as any).__state?.cardWidth !== undefined && (window as any).__state?.positions);
    await page.waitForTimeout(400);
    const saved = await page.evaluate(() => (window as any).__state);
    await page.close();
    const again = await openWebview(browser, { width: 1000, height: 800, state: saved });
    await send(again.page, setGraph(map, file));
    await waitForCount(again.page, map.nodes.length);
    await again.page.waitForTimeout(700);
    const restored = await debug<Record<string, { x: number; y: number }>>(again.page, 'positions');
    for (const id of ids) {
      expect(restored[id].x, id).toBeCloseTo(saved.positions[id].x, 3);
      expect(restored[id].y, id).toBeCloseTo(saved.positions[id].y, 3);
    }
    expect((await sizes(again.page, ids)).get(ids[0])!.width / (await debug<number>(again.page, 'zoom'))).toBeCloseTo(saved.cardWidth, 1);
    expect(overlappingPairs(await debug<Box[]>(again.page, 'boxes'))).toEqual([]);
    expect(again.errors).toEqual([]);
    await again.page.close();
  });
});
