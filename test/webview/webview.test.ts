/** The map webview in real headless Chromium: drawing, clicking, steady updates, filters, search, CSP, and the standalone export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { diffMapGraphs, toMapGraph, type MapGraph } from '../../extension/core/map/mapModel';
import { applyTheme, counts, hasChromium, launch, openWebview, recorded, send, CHROMIUM_ARGS, CHROMIUM } from '../support/harness';

const repo = join(__dirname, '..', '..');
const examples = join(repo, 'examples', 'alignment');
const shots = join(repo, 'test-results', 'browser');

function exampleIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []));
  for (const f of walk(examples)) index.setDraft(relative(examples, f).split('\\').join('/'), readFileSync(f, 'utf8'));
  return index;
}

function setGraph(graph: MapGraph, scope = 'workspace', activeFile?: string) {
  return { type: 'didSetGraph', payload: { graph, scope, activeFile, defaultLayout: 'auto', followCursor: true } };
}

describe.skipIf(!hasChromium)('map webview in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    mkdirSync(shots, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('draws every node of the example workspace, with no CSP violation or console error', async () => {
    const index = exampleIndex();
    const graph = index.getGraph();
    const map = toMapGraph(graph, new Set(graph.files.map((f) => f.file)));
    const { page, errors } = await openWebview(browser);
    expect((await recorded(page)).posted[0]).toEqual({ type: 'viewDidLoad', payload: { scope: 'draft' } });
    await send(page, setGraph(map));
    await page.waitForSelector('#map[data-node-count]');
    expect(await counts(page)).toEqual({ nodes: graph.nodes.length, edges: map.edges.length });
    const ids = await page.evaluate(() => (window as any).cruxmapDebug.nodeIds());
    expect([...ids].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    await page.waitForFunction((n) => document.querySelectorAll('#element-list button').length === n, graph.nodes.length);
    const r = await recorded(page);
    expect(r.violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('posts the node id on click, and a double-click opens to the side', async () => {
    const index = exampleIndex();
    const map = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const { page } = await openWebview(browser);
    await send(page, setGraph(map, 'draft', 'scheming-first.md'));
    await page.waitForSelector('#map[data-node-count]');
    const id = 'scheming-first.md#^control-ceiling';
    // The map starts legible, so it may be taller than the page: bring the node into view first (its item in the element list).
    await page.waitForFunction((i) => [...document.querySelectorAll('#element-list button')].some((b) => (b as HTMLElement).dataset.id === i), id);
    await page.evaluate((i) => ([...document.querySelectorAll('#element-list button')].find((b) => (b as HTMLElement).dataset.id === i) as HTMLElement).click(), id);
    await page.waitForTimeout(250);
    await page.evaluate(() => ((window as any).__posted.length = 1));
    const pos = await page.evaluate((i) => (window as any).cruxmapDebug.renderedPosition(i), id);
    await page.mouse.click(pos.x, pos.y);
    await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidClickNode'));
    let posted = (await recorded(page)).posted.filter((m) => m.type === 'viewDidClickNode');
    expect(posted[0]).toEqual({ type: 'viewDidClickNode', payload: { id, toSide: false } });
    await page.mouse.dblclick(pos.x, pos.y);
    await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidClickNode' && m.payload.toSide));
    posted = (await recorded(page)).posted.filter((m) => m.type === 'viewDidClickNode');
    expect(posted.at(-1)).toEqual({ type: 'viewDidClickNode', payload: { id, toSide: true } });
    // Keyboard: Tab to the first element, Enter opens it.
    await page.focus('#map');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    posted = (await recorded(page)).posted.filter((m) => m.type === 'viewDidClickNode');
    expect(posted.at(-1)?.payload.id).toBe(map.nodes[0].id);
    await page.close();
  });

  it('keeps unchanged nodes in place on an update and puts the new node next to its target', async () => {
    const index = exampleIndex();
    const before = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const { page } = await openWebview(browser);
    await send(page, setGraph(before, 'draft', 'scheming-first.md'));
    await page.waitForSelector('#map[data-node-count]');
    const p1 = await page.evaluate(() => (window as any).cruxmapDebug.positions());
    const text = readFileSync(join(examples, 'scheming-first.md'), 'utf8').replace(
      '- Objection: non-scheming failures',
      '- Objection: a brand new objection typed just now.\n- Objection: non-scheming failures',
    );
    index.setDraft('scheming-first.md', text);
    const after = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const diff = diffMapGraphs(before, after);
    expect(diff.addNodes).toHaveLength(1);
    await send(page, { type: 'didPatchGraph', payload: { diff } });
    await page.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, after.nodes.length);
    const p2 = await page.evaluate(() => (window as any).cruxmapDebug.positions());
    for (const id of Object.keys(p1)) expect(p2[id], id).toEqual(p1[id]);
    const added = diff.addNodes[0].id;
    const target = p2['scheming-first.md#^scheming-central'];
    const distance = Math.hypot(p2[added].x - target.x, p2[added].y - target.y);
    // Beside its target's other answers (the nearest free place in their row), never over another node.
    expect(distance).toBeLessThan(700);
    const boxes = await page.evaluate(() => (window as any).cruxmapDebug.boxes());
    const b = boxes.find((x: any) => x.id === added);
    expect(boxes.filter((o: any) => o.id !== added && o.x1 < b.x2 && b.x1 < o.x2 && o.y1 < b.y2 && b.y1 < o.y2)).toEqual([]);
    await page.close();
  });

  it('updates the screen-reader list in place: a changed element gets its new text, the others keep their items', async () => {
    const index = exampleIndex();
    const before = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const { page } = await openWebview(browser);
    await send(page, setGraph(before, 'draft', 'scheming-first.md'));
    await page.waitForFunction((n) => document.querySelectorAll('#element-list button').length === n, before.nodes.length);
    // Mark every list item, to tell kept items from rebuilt ones.
    await page.evaluate(() => document.querySelectorAll('#element-list li').forEach((li) => ((li as any).kept = true)));
    const text = readFileSync(join(examples, 'scheming-first.md'), 'utf8').replace('- Objection: non-scheming failures', '- Objection: plainly non-scheming failures');
    index.setDraft('scheming-first.md', text);
    const after = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const diff = diffMapGraphs(before, after);
    expect(diff.updateNodes.length).toBeGreaterThan(0);
    await send(page, { type: 'didPatchGraph', payload: { diff } });
    await page.waitForFunction(() => [...document.querySelectorAll('#element-list button')].some((b) => b.textContent!.includes('plainly non-scheming')));
    const items = await page.evaluate(() => [...document.querySelectorAll('#element-list li')].map((li) => ({ id: li.querySelector('button')!.dataset.id, kept: (li as any).kept === true, text: li.textContent })));
    expect(items.map((i) => i.id).sort()).toEqual(after.nodes.map((n) => n.id).sort());
    expect(items.every((i) => i.kept)).toBe(true);
    const changed = items.find((i) => i.text!.includes('plainly non-scheming'))!;
    expect(diff.updateNodes.map((n) => n.id)).toContain(changed.id);
    await page.close();
  });

  it('filters by kind and topic, and search highlights matches', async () => {
    const index = exampleIndex();
    const graph = index.getGraph();
    const map = toMapGraph(graph, new Set(graph.files.map((f) => f.file)));
    const { page } = await openWebview(browser);
    await send(page, setGraph(map));
    await page.waitForSelector('#map[data-node-count]');
    const objections = map.nodes.filter((n) => n.kind === 'objection').length;
    await page.click('button.kind-toggle[data-kind="objection"]');
    expect((await counts(page)).nodes).toBe(map.nodes.length - objections);
    await page.click('button.kind-toggle[data-kind="objection"]');
    expect((await counts(page)).nodes).toBe(map.nodes.length);
    await page.selectOption('#topic', 'control');
    expect((await counts(page)).nodes).toBe(map.nodes.filter((n) => n.topics.includes('control')).length);
    await page.selectOption('#topic', '');
    await page.fill('#search', 'reward hacking');
    await page.waitForFunction(() => (window as any).cruxmapDebug.matchIds().length > 0);
    const matches = await page.evaluate(() => (window as any).cruxmapDebug.matchIds());
    const expected = map.nodes.filter((n) => `${n.text} ${n.id} ${n.kind}`.toLowerCase().includes('reward') && `${n.text} ${n.id} ${n.kind}`.toLowerCase().includes('hacking')).map((n) => n.id);
    expect([...matches].sort()).toEqual(expected.sort());
    await page.close();
  });

  it('exports SVG and PNG of the current view to the host', async () => {
    const map = toMapGraph(exampleIndex().getGraph(), new Set(['cot-summaries.md']));
    const { page } = await openWebview(browser);
    await send(page, setGraph(map, 'draft', 'cot-summaries.md'));
    await page.waitForSelector('#map[data-node-count]');
    await page.click('#export-svg');
    await send(page, { type: 'didRequestExport', payload: { format: 'png' } });
    await page.waitForFunction(() => (window as any).__posted.filter((m: any) => m.type === 'viewDidExport').length === 2);
    const exports = (await recorded(page)).posted.filter((m) => m.type === 'viewDidExport');
    const svg = exports.find((m) => m.payload.format === 'svg')!.payload.data as string;
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<g class="node /g) ?? []).length).toBe(map.nodes.length);
    // Draft text is escaped into the SVG, never markup.
    expect(svg).not.toMatch(/<script/i);
    // Each label's lines as the map wrapped them (the cards' width follows the panel's).
    const claim = svg.match(/<g class="node claim">(?:(?!<\/g>).)*Summaries protect(?:(?!<\/g>).)*<\/g>/)![0];
    const lines = [...claim.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Summaries protect users and the lab&apos;s distillation moat.');
    const png = exports.find((m) => m.payload.format === 'png')!.payload.data as string;
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('saves its view state and restores it after a reload', async () => {
    const map = toMapGraph(exampleIndex().getGraph(), new Set(['scheming-first.md']));
    const first = await openWebview(browser);
    await send(first.page, setGraph(map, 'draft', 'scheming-first.md'));
    await first.page.waitForSelector('#map[data-node-count]');
    await first.page.click('button.kind-toggle[data-kind="question"]');
    await first.page.selectOption('#layout', 'fcose');
    await first.page.waitForFunction(() => (window as any).__state?.layout === 'fcose' && (window as any).__state?.hiddenKinds?.includes('question'));
    const saved = await first.page.evaluate(() => (window as any).__state);
    expect(Object.keys(saved.positions).sort()).toEqual(map.nodes.map((n) => n.id).sort());
    await first.page.close();
    const second = await openWebview(browser, { state: saved });
    expect((await recorded(second.page)).posted[0]).toEqual({ type: 'viewDidLoad', payload: { scope: 'draft' } });
    await send(second.page, setGraph(map, 'draft', 'scheming-first.md'));
    await second.page.waitForSelector('#map[data-node-count]');
    expect(await second.page.getAttribute('button.kind-toggle[data-kind="question"]', 'aria-pressed')).toBe('false');
    expect(await second.page.inputValue('#layout')).toBe('fcose');
    expect((await counts(second.page)).nodes).toBe(map.nodes.filter((n) => n.kind !== 'question').length);
    const restored = await second.page.evaluate(() => (window as any).cruxmapDebug.positions());
    for (const [id, p] of Object.entries(saved.positions)) expect(restored[id], id).toEqual(p);
    await second.page.close();
  });

  it('shows the empty state for a draft without elements', async () => {
    const { page } = await openWebview(browser);
    await send(page, setGraph({ files: [], nodes: [], edges: [], topics: [] }, 'draft', 'empty.md'));
    await page.waitForSelector('#map[data-node-count="0"]');
    expect(await page.isVisible('.empty')).toBe(true);
    expect(await page.textContent('.empty')).toContain('Claim:');
    await page.close();
  });

  it('saves readable light and dark screenshots', async () => {
    const index = exampleIndex();
    for (const theme of ['light', 'dark'] as const) {
      const map = toMapGraph(index.getGraph(), new Set(['outer-alignment.md']));
      const { page, errors } = await openWebview(browser, { width: 1200, height: 760 });
      await applyTheme(page, theme);
      await send(page, setGraph(map, 'draft', 'outer-alignment.md'));
      await page.waitForSelector('#map[data-node-count]');
      await page.waitForTimeout(200);
      const zoom = await page.evaluate(() => (window as any).cruxmapDebug.zoom());
      expect(zoom).toBeGreaterThan(0.5); // one draft fits at a zoom where labels are legible
      await page.screenshot({ path: join(shots, `map-${theme}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

describe.skipIf(!hasChromium)('standalone HTML export', () => {
  it('opens offline in Chromium and draws the expected node count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-html-'));
    const out = join(dir, 'map.html');
    const r = spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'export', examples, '--format', 'html', '-o', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const graph = exampleIndex().getGraph();
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('#map[data-node-count]');
    expect(Number(await page.getAttribute('#map', 'data-node-count'))).toBe(graph.nodes.length);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(shots, 'standalone.png') });
    await browser.close();
  });
});
