/** The map a writer reads and builds, in Chromium at 700 x 800: legible labels, no overlap while typing, map edits posted and their answers drawn, focus and collapse, theme screenshots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { diffMapGraphs, toMapGraph, type MapGraph } from '../../extension/core/map/mapModel';
import { applyTextEdits } from '../../extension/core/features/edits';
import { addElementEdits, changeKindEdits, connectEdits, removeLabelEdits } from '../../extension/core/features/mapEdits';
import { neighbourhood, collapsedSubtrees } from '../../webview/filters';
import { generateWorkspace } from '../../bench/generate';
import { applyTheme, hasChromium, launch, openWebview, recorded, send } from '../support/harness';

const repo = join(__dirname, '..', '..');
const examples = join(repo, 'examples', 'alignment');
const shots = join(repo, 'test-results', 'browser');
const W = 700;
const H = 800;

interface Box {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function exampleFiles(): Record<string, string> {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []));
  return Object.fromEntries(walk(examples).map((f) => [relative(examples, f).split('\\').join('/'), readFileSync(f, 'utf8')]));
}

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, t] of Object.entries(files)) index.setDraft(p, t);
  return index;
}

function setGraph(graph: MapGraph, activeFile: string, scope = 'draft', versions?: Record<string, number>) {
  return { type: 'didSetGraph', payload: { graph, scope, activeFile, defaultLayout: 'auto', followCursor: true, ...(versions ? { versions } : {}) } };
}

const debug = <T>(page: Page, name: string, ...args: unknown[]): Promise<T> => page.evaluate(([n, a]) => (window as any).cruxmapDebug[n as string](...(a as unknown[])), [name, args] as const) as Promise<T>;

function overlaps(a: Box, b: Box): boolean {
  // Strictly overlapping areas (touching edges is not an overlap).
  return a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5;
}

function overlappingPairs(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i], boxes[j])) out.push(`${boxes[i].id} / ${boxes[j].id}`);
  return out;
}

async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.getElementById('map')!.dataset.nodeCount) === k, n);
}

async function posted(page: Page, type: string): Promise<any[]> {
  return (await recorded(page)).posted.filter((m) => m.type === type);
}

/** Brings a node into view as a screen-reader user would (its item in the element list), then gives its centre. */
async function nodeCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction((i) => [...document.querySelectorAll('#element-list button')].some((b) => (b as HTMLElement).dataset.id === i), id);
  await page.evaluate((i) => ([...document.querySelectorAll('#element-list button')].find((b) => (b as HTMLElement).dataset.id === i) as HTMLElement).click(), id);
  await page.waitForTimeout(250);
  const p = await debug<{ x: number; y: number } | undefined>(page, 'renderedPosition', id);
  if (!p) throw new Error(`no node ${id}`);
  return p;
}

describe.skipIf(!hasChromium)('the map a writer reads and builds (Chromium, 700 x 800)', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    mkdirSync(shots, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('shows every label of each example draft at 11 px or more without zooming', async () => {
    const files = exampleFiles();
    const index = indexOf(files);
    const graph = index.getGraph();
    const { page, errors } = await openWebview(browser, { width: W, height: H });
    for (const file of Object.keys(files).sort()) {
      const map = toMapGraph(graph, new Set([file]));
      if (map.nodes.length === 0) continue;
      await send(page, setGraph(map, file));
      await waitForCount(page, map.nodes.length);
      for (const n of map.nodes) {
        const size = await debug<{ fontPx: number; label: string }>(page, 'nodeSize', n.id);
        expect(size.label, `${n.id} has its label drawn`).not.toBe('');
        expect(size.fontPx, `${n.id} in ${file}`).toBeGreaterThanOrEqual(11);
      }
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes')), file).toEqual([]);
      await page.screenshot({ path: join(shots, `legible-${file.replace(/\W+/g, '-')}.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on the workspace map, file titles show and element text is drawn only where it reaches 11 px', async () => {
    const graph = indexOf(exampleFiles()).getGraph();
    const map = toMapGraph(graph, new Set(graph.files.map((f) => f.file)));
    const { page } = await openWebview(browser, { width: W, height: H });
    await send(page, setGraph(map, 'scheming-first.md', 'workspace'));
    await waitForCount(page, map.nodes.length);
    for (const n of map.nodes) {
      const size = await debug<{ fontPx: number }>(page, 'nodeSize', n.id);
      expect(size.fontPx === 0 || size.fontPx >= 11, n.id).toBe(true);
    }
    const titles = await page.evaluate(() => {
      const z = (window as any).cruxmapDebug.zoom();
      return (window as any).cruxmapDebug.groupBoxes().map((g: Box) => ({ id: g.id, z }));
    });
    expect(titles.length).toBe(map.files.length);
    await page.screenshot({ path: join(shots, 'workspace-700x800.png') });
    await page.close();
  });

  it('a big map of many drafts (no groups) names every file with a title drawn at 11 px or more', async () => {
    const index = indexOf(Object.fromEntries(generateWorkspace(25, 20)));
    const graph = index.getGraph();
    const map = toMapGraph(graph, new Set(graph.files.map((f) => f.file)));
    expect(map.nodes.length).toBeGreaterThan(400);
    const { page, errors } = await openWebview(browser, { width: W, height: H });
    await send(page, setGraph(map, graph.files[0].file, 'workspace'));
    await waitForCount(page, map.nodes.length);
    const titles = await debug<Box[]>(page, 'groupBoxes');
    expect(titles.map((t) => t.id).sort()).toEqual(map.files.map((f) => `file:${f.file}`).sort());
    for (const t of titles) expect((await debug<{ fontPx: number }>(page, 'nodeSize', t.id)).fontPx, t.id).toBeGreaterThanOrEqual(11);
    const sample = await debug<{ fontPx: number }>(page, 'nodeSize', map.nodes[0].id);
    expect(sample.fontPx === 0 || sample.fontPx >= 11).toBe(true);
    await page.screenshot({ path: join(shots, 'big-map-titles.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('typing ten elements under two claims: no overlapping boxes, and untouched nodes never move', async () => {
    // Each line carries the step at which the writer types it; a parent is always typed before its children.
    const script: [number, string][] = [
      [0, '# Typing'],
      [0, ''],
      [0, '- Claim: The first claim, about scheming and evaluations. ^one'],
      [1, '  - Support: models already game some evaluations today.'],
      [2, '  - Objection: gaming evaluations is not scheming at all. ^o1'],
      [3, '    - Reply: it shows the capability that scheming needs.'],
      [10, '    - Reply: and capability is what grows fastest.'],
      [8, '  - Question: how would we measure scheming directly?'],
      [0, '- Claim: The second claim, about control protocols. ^two'],
      [4, '  - Support: control protocols can be tested with red teams.'],
      [9, '  - Support: they do not need interpretability to work.'],
      [5, '  - Objection: red teams are weaker than future models. ^o2'],
      [6, '    - Reply: the protocol only has to hold for a while. ^r2'],
      [7, '      - Objection: nobody knows how long a while is.'],
    ];
    const other = 'Claim: A claim in another draft, shown beside the first. ^other\n\n- Objection: an objection in the other draft.\n';
    const textAt = (k: number) => `${script.filter(([s]) => s <= k).map(([, l]) => l).join('\n')}\n`;
    for (const scope of ['draft', 'linked'] as const) {
      const files = scope === 'draft' ? ['typing.md'] : ['typing.md', 'other.md'];
      const index = indexOf({ 'typing.md': textAt(0), 'other.md': other });
      let map = toMapGraph(index.getGraph(), new Set(files));
      const { page, errors } = await openWebview(browser, { width: W, height: H });
      await send(page, setGraph(map, 'typing.md', scope));
      await waitForCount(page, map.nodes.length);
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes')), 'first layout').toEqual([]);
      for (let k = 1; k <= 10; k++) {
        const before = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
        index.setDraft('typing.md', textAt(k));
        const next = toMapGraph(index.getGraph(), new Set(files));
        const diff = diffMapGraphs(map, next);
        expect(diff.addNodes, `step ${k}`).toHaveLength(1);
        map = next;
        await send(page, { type: 'didPatchGraph', payload: { diff } });
        await waitForCount(page, map.nodes.length);
        const after = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
        for (const id of Object.keys(before)) expect(after[id], `${id} after step ${k}`).toEqual(before[id]);
        const boxes = await debug<Box[]>(page, 'boxes');
        expect(overlappingPairs(boxes), `${scope}, step ${k}`).toEqual([]);
        if (scope === 'linked') {
          // No node over another file's group, and so over its title.
          const groups = await debug<Box[]>(page, 'groupBoxes');
          const fileOf = new Map(map.nodes.map((n) => [n.id, n.file]));
          for (const b of boxes) for (const g of groups) if (g.id !== `file:${fileOf.get(b.id)}`) expect(overlaps(b, g), `${b.id} over ${g.id} at step ${k}`).toBe(false);
        }
      }
      await page.screenshot({ path: join(shots, `typing-${scope}.png`) });
      // Re-layout animates to the new layout: positions change over several frames, and end without overlap.
      // Positions at every frame from the click until the animation has long ended (sampled in the page: a loaded machine may drop frames, never the in-between).
      const frames = await page.evaluate(async () => {
        const d = (window as any).cruxmapDebug;
        const out: Record<string, { x: number; y: number }>[] = [d.positions()];
        document.getElementById('relayout')!.click();
        const until = performance.now() + 900;
        while (performance.now() < until) {
          await new Promise((r) => requestAnimationFrame(r));
          out.push(d.positions());
        }
        return out;
      });
      const start = frames[0];
      const end = frames[frames.length - 1];
      const moved = (a: typeof start, b: typeof start) => Object.keys(a).some((id) => Math.hypot(a[id].x - b[id].x, a[id].y - b[id].y) > 1);
      if (moved(start, end)) expect(frames.filter((f) => moved(f, start) && moved(f, end)).length, 'frames between the old layout and the new').toBeGreaterThanOrEqual(2);
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes')), 'after re-layout').toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('removing nodes moves no one', async () => {
    const files = exampleFiles();
    const index = indexOf(files);
    const before = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const { page } = await openWebview(browser, { width: W, height: H });
    await send(page, setGraph(before, 'scheming-first.md'));
    await waitForCount(page, before.nodes.length);
    const p1 = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
    index.setDraft('scheming-first.md', files['scheming-first.md'].replace(/^- Objection: non-scheming failures.*$/m, ''));
    const after = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const diff = diffMapGraphs(before, after);
    expect(diff.removeNodes.length).toBeGreaterThan(0);
    await send(page, { type: 'didPatchGraph', payload: { diff } });
    await waitForCount(page, after.nodes.length);
    const p2 = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
    for (const id of Object.keys(p2)) expect(p2[id], id).toEqual(p1[id]);
    await page.close();
  });

  describe('map edits', () => {
    const file = 'scheming-first.md';
    const claim = 'scheming-first.md#^scheming-central';
    let files: Record<string, string>;
    let index: WorkspaceIndex;
    let map: MapGraph;
    let page: Page;

    /** Plays the host: the core's plan for the posted edit, applied to the texts, the index updated, a patch, then the answer. */
    async function answer(request: any): Promise<{ diff: ReturnType<typeof diffMapGraphs>; select?: string }> {
      const e = request.payload.edit;
      const plan =
        e.type === 'add' ? addElementEdits(index, e.id, e.kind, e.text) : e.type === 'connect' ? connectEdits(index, e.id, e.targetId, e.relation) : e.type === 'changeKind' ? changeKindEdits(index, e.id, e.kind) : removeLabelEdits(index, e.id);
      for (const fe of plan.edits) {
        files[fe.path] = applyTextEdits(files[fe.path], fe.edits);
        index.setDraft(fe.path, files[fe.path]);
      }
      const next = toMapGraph(index.getGraph(), new Set([file]));
      const diff = diffMapGraphs(map, next);
      map = next;
      const select = e.type === 'removeLabel' ? undefined : e.type === 'add' ? index.elementAt(plan.cursor!.path, plan.cursor!.position)?.id : e.id;
      await send(page, { type: 'didPatchGraph', payload: { diff, versions: { [file]: 8 } } });
      await send(page, { type: 'didCompleteEdit', payload: { requestId: request.payload.requestId, ok: true, ...(select ? { select } : {}), ...(plan.note ? { message: plan.note } : {}) } });
      await waitForCount(page, map.nodes.length);
      return { diff, select };
    }

    async function open(): Promise<void> {
      files = exampleFiles();
      index = indexOf(files);
      map = toMapGraph(index.getGraph(), new Set([file]));
      page = (await openWebview(browser, { width: W, height: H })).page;
      await send(page, setGraph(map, file, 'draft', { [file]: 7 }));
      await waitForCount(page, map.nodes.length);
    }

    it('context menu, Add Objection: posts the edit with the file version; the answer draws the new node selected', async () => {
      await open();
      const c = await nodeCentre(page, claim);
      await page.mouse.click(c.x, c.y, { button: 'right' });
      await page.waitForSelector('.popup.menu');
      await page.click('.popup.menu button[data-id="add:objection"]');
      await page.waitForSelector('.popup.input input');
      await page.keyboard.type('Evaluations were never the only safety measure.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestEdit'));
      const [request] = await posted(page, 'viewDidRequestEdit');
      expect(request.payload.edit).toEqual({ type: 'add', id: claim, kind: 'objection', text: 'Evaluations were never the only safety measure.' });
      expect(request.payload.versions).toEqual({ [file]: 7 });
      // The host's part: the core's edit, the index updated, a patch, then the answer.
      const plan = addElementEdits(index, claim, 'objection', request.payload.edit.text);
      const text = applyTextEdits(files[file], plan.edits[0].edits);
      files[file] = text;
      index.setDraft(file, text);
      const next = toMapGraph(index.getGraph(), new Set([file]));
      const diff = diffMapGraphs(map, next);
      map = next;
      expect(diff.addNodes).toHaveLength(1);
      const newId = diff.addNodes[0].id;
      expect(index.getGraph().edges).toContainEqual({ source: newId, target: claim, kind: 'objects' });
      await send(page, { type: 'didPatchGraph', payload: { diff, versions: { [file]: 8 } } });
      await send(page, { type: 'didCompleteEdit', payload: { requestId: request.payload.requestId, ok: true, select: newId } });
      await page.waitForFunction((id) => (window as any).cruxmapDebug.selectedIds().includes(id), newId);
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes'))).toEqual([]);
      const size = await debug<{ fontPx: number }>(page, 'nodeSize', newId);
      expect(size.fontPx).toBeGreaterThanOrEqual(11);
      await page.waitForFunction(() => (window as any).cruxmapDebug.lastEditMs() !== undefined);
      // A second edit names the new version.
      await page.keyboard.press('Escape');
      const again = await nodeCentre(page, claim);
      await page.mouse.click(again.x, again.y);
      await page.focus('#map');
      await page.keyboard.press('Shift+F10');
      await page.waitForSelector('.popup.menu');
      await page.keyboard.press('l');
      await page.waitForFunction(() => (window as any).__posted.filter((m: any) => m.type === 'viewDidRequestEdit').length === 2);
      const second = (await posted(page, 'viewDidRequestEdit'))[1];
      expect(second.payload).toMatchObject({ edit: { type: 'removeLabel', id: claim }, versions: { [file]: 8 } });
      // The answer: the node is gone, nothing else moved.
      const kept = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
      const removed = await answer(second);
      expect(removed.diff.removeNodes).toContain(claim);
      const now = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
      expect(now[claim]).toBeUndefined();
      for (const id of Object.keys(now)) if (kept[id]) expect(now[id], id).toEqual(kept[id]);
      await page.close();
    });

    it('the host may answer before it sends the patch: the new node is drawn selected all the same', async () => {
      await open();
      const c = await nodeCentre(page, claim);
      await page.mouse.click(c.x, c.y, { button: 'right' });
      await page.click('.popup.menu button[data-id="add:support"]');
      await page.waitForSelector('.popup.input input');
      await page.keyboard.type('Evaluations catch some schemers before deployment.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestEdit'));
      const [request] = await posted(page, 'viewDidRequestEdit');
      const plan = addElementEdits(index, claim, 'support', request.payload.edit.text);
      files[file] = applyTextEdits(files[file], plan.edits[0].edits);
      index.setDraft(file, files[file]);
      const next = toMapGraph(index.getGraph(), new Set([file]));
      const diff = diffMapGraphs(map, next);
      map = next;
      const newId = diff.addNodes[0].id;
      await send(page, { type: 'didCompleteEdit', payload: { requestId: request.payload.requestId, ok: true, select: newId } });
      expect(await debug<string[]>(page, 'nodeIds')).not.toContain(newId);
      await send(page, { type: 'didPatchGraph', payload: { diff, versions: { [file]: 8 } } });
      await page.waitForFunction((id) => (window as any).cruxmapDebug.selectedIds().includes(id), newId);
      await page.waitForFunction(() => (window as any).cruxmapDebug.lastEditTimings()?.drawn !== undefined);
      const t = await debug<Record<string, number>>(page, 'lastEditTimings');
      expect(t.answered).toBeLessThanOrEqual(t.patchArrived);
      expect(t.patchApplied).toBeLessThanOrEqual(t.drawn);
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes'))).toEqual([]);
      await page.close();
    });

    it('a patch may carry the answer: the new node is drawn selected in the frame that draws it', async () => {
      await open();
      const c = await nodeCentre(page, claim);
      await page.mouse.click(c.x, c.y, { button: 'right' });
      await page.click('.popup.menu button[data-id="add:question"]');
      await page.waitForSelector('.popup.input input');
      await page.keyboard.type('how many evaluations would a schemer pass?');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestEdit'));
      const [request] = await posted(page, 'viewDidRequestEdit');
      const plan = addElementEdits(index, claim, 'question', request.payload.edit.text);
      files[file] = applyTextEdits(files[file], plan.edits[0].edits);
      index.setDraft(file, files[file]);
      const next = toMapGraph(index.getGraph(), new Set([file]));
      const diff = diffMapGraphs(map, next);
      map = next;
      const newId = diff.addNodes[0].id;
      await send(page, { type: 'didPatchGraph', payload: { diff, versions: { [file]: 8 }, edit: { requestId: request.payload.requestId, ok: true, select: newId } } });
      await page.waitForFunction((id) => (window as any).cruxmapDebug.selectedIds().includes(id), newId);
      await page.waitForFunction(() => (window as any).cruxmapDebug.lastEditTimings()?.drawn !== undefined);
      expect(overlappingPairs(await debug<Box[]>(page, 'boxes'))).toEqual([]);
      // The next edit names the version the patch brought.
      await page.focus('#map');
      await page.keyboard.press('Shift+F10');
      await page.waitForSelector('.popup.menu');
      await page.keyboard.press('l');
      await page.waitForFunction(() => (window as any).__posted.filter((m: any) => m.type === 'viewDidRequestEdit').length === 2);
      expect((await posted(page, 'viewDidRequestEdit'))[1].payload).toMatchObject({ edit: { type: 'removeLabel', id: newId }, versions: { [file]: 8 } });
      await page.close();
    });

    it('toolbar and keyboard: Change Kind and Add Reply post their edits; a refusal shows its message', async () => {
      await open();
      const target = 'scheming-first.md#^control-ceiling';
      const c = await nodeCentre(page, target);
      await page.mouse.click(c.x, c.y);
      await page.click('#node-actions');
      await page.waitForSelector('.popup.menu');
      await page.click('.popup.menu button[data-id="kind"]');
      await page.waitForSelector('.popup.menu button[data-id="question"]');
      await page.click('.popup.menu button[data-id="question"]');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestEdit'));
      const kindRequest = (await posted(page, 'viewDidRequestEdit'))[0];
      expect(kindRequest.payload.edit).toEqual({ type: 'changeKind', id: target, kind: 'question' });
      const changed = await answer(kindRequest);
      expect(changed.diff.updateNodes.map((n) => n.id)).toContain(target);
      await page.waitForFunction((id) => [...document.querySelectorAll('#element-list button')].some((b) => (b as HTMLElement).dataset.id === id && b.textContent!.startsWith('question:')), target);
      expect(await debug<string[]>(page, 'selectedIds')).toEqual([target]);
      // Keyboard: Escape, Tab to the first element, R, type, Enter.
      await page.focus('#map');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await page.keyboard.press('r');
      await page.waitForSelector('.popup.input input');
      await page.keyboard.type('A reply typed from the keyboard.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as any).__posted.filter((m: any) => m.type === 'viewDidRequestEdit').length === 2);
      const reply = (await posted(page, 'viewDidRequestEdit'))[1];
      expect(reply.payload.edit).toEqual({ type: 'add', id: map.nodes[0].id, kind: 'reply', text: 'A reply typed from the keyboard.' });
      await send(page, { type: 'didCompleteEdit', payload: { requestId: reply.payload.requestId, ok: false, message: 'scheming-first.md changed since the map was drawn; nothing was changed.' } });
      await page.waitForSelector('.notice.notice-error:not([hidden])');
      expect(await page.textContent('.notice')).toContain('changed since the map was drawn');
      await page.close();
    });

    it('Connect to…: drag a node onto another, or pick one from a filtered list across files, then choose the relation', async () => {
      await open();
      // A reply two levels under the claim: both on screen at once.
      const objection = map.edges.find((e) => e.kind === 'objects' && e.target === claim && map.edges.some((r) => r.kind === 'replies' && r.target === e.source))!.source;
      const from = map.edges.find((r) => r.kind === 'replies' && r.target === objection)!.source;
      const to = claim;
      const b = await nodeCentre(page, to);
      const a = await debug<{ x: number; y: number }>(page, 'renderedPosition', from);
      expect(a.y).toBeLessThan(H);
      const p0 = await debug<Record<string, { x: number; y: number }>>(page, 'positions');
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
      await page.mouse.move(b.x, b.y, { steps: 5 });
      await page.mouse.up();
      await page.waitForSelector('.popup.menu');
      await page.click('.popup.menu button[data-id="supports"]');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestEdit'));
      const connect = (await posted(page, 'viewDidRequestEdit'))[0];
      expect(connect.payload.edit).toEqual({ type: 'connect', id: from, targetId: to, relation: 'supports' });
      // The answer: the reply became a support (the note says so), with its new link drawn.
      const edgesBefore = (await page.getAttribute('#map', 'data-edge-count'))!;
      const linked = await answer(connect);
      expect(linked.diff.addEdges).toContainEqual(expect.objectContaining({ source: from, target: to, kind: 'supports' }));
      await page.waitForFunction((n) => Number(document.getElementById('map')!.dataset.edgeCount) > n, Number(edgesBefore));
      await page.waitForSelector('.notice:not([hidden])');
      expect(await page.textContent('.notice')).toContain('became a support');
      // The dragged node went back: a drop connects, it does not move.
      expect((await debug<Record<string, { x: number; y: number }>>(page, 'positions'))[from]).toEqual(p0[from]);

      // From the menu: the list asks the host for the workspace's elements (other files too).
      const c = await nodeCentre(page, from);
      await page.mouse.click(c.x, c.y, { button: 'right' });
      await page.click('.popup.menu button[data-id="connect"]');
      await page.waitForSelector('.popup.pick input');
      await page.keyboard.type('outer alignment');
      await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'viewDidRequestTargets' && m.payload.query === 'outer alignment'));
      const asks = await posted(page, 'viewDidRequestTargets');
      const ask = asks[asks.length - 1];
      const other = index.getGraph().nodes.find((n) => n.file === 'outer-alignment.md' && n.kind === 'claim')!;
      for (const q of asks) await send(page, { type: 'didListTargets', payload: { requestId: q.payload.requestId, items: q === ask ? [{ id: other.id, kind: other.kind, label: other.text, file: other.file }] : [] } });
      await page.waitForSelector(`.pick-list li[data-id="${other.id}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.popup.menu');
      await page.keyboard.press('4');
      await page.waitForFunction(() => (window as any).__posted.filter((m: any) => m.type === 'viewDidRequestEdit').length === 2);
      expect((await posted(page, 'viewDidRequestEdit'))[1].payload.edit).toEqual({ type: 'connect', id: from, targetId: other.id, relation: 'crux' });
      await page.close();
    });
  });

  it('Focus on This hides all but the neighbourhood, with a breadcrumb back; collapse hides a subtree', async () => {
    const index = indexOf(exampleFiles());
    const map = toMapGraph(index.getGraph(), new Set(['scheming-first.md']));
    const { page } = await openWebview(browser, { width: W, height: H });
    await send(page, setGraph(map, 'scheming-first.md'));
    await waitForCount(page, map.nodes.length);
    const id = 'scheming-first.md#^control-ceiling';
    let c = await nodeCentre(page, id);
    await page.mouse.click(c.x, c.y, { button: 'right' });
    await page.click('.popup.menu button[data-id="focus"]');
    const expected = [...neighbourhood(map.edges, id, 2)].sort();
    expect(expected.length).toBeLessThan(map.nodes.length);
    await waitForCount(page, expected.length);
    expect([...(await debug<string[]>(page, 'visibleNodeIds'))].sort()).toEqual(expected);
    expect(await page.isVisible('.breadcrumb')).toBe(true);
    expect(await page.textContent('.breadcrumb')).toContain('Whole map');
    await page.screenshot({ path: join(shots, 'focus.png') });
    // With cursor following on, the focus follows the element under the editor's cursor.
    const other = expected.find((x) => x !== id)!;
    await send(page, { type: 'didRevealNode', payload: { id: other } });
    await page.waitForFunction((o) => (window as any).cruxmapDebug.focusId() === o, other);
    await waitForCount(page, neighbourhood(map.edges, other, 2).size);
    await page.click('#crumb-back');
    await waitForCount(page, map.nodes.length);
    expect(await page.isVisible('.breadcrumb')).toBe(false);

    const claim = 'scheming-first.md#^scheming-central';
    const hidden = collapsedSubtrees(map.edges, new Set([claim])).get(claim)!;
    expect(hidden.size).toBeGreaterThan(1);
    c = await nodeCentre(page, claim);
    await page.mouse.click(c.x, c.y);
    await page.focus('#map');
    await page.keyboard.press('Space');
    await waitForCount(page, map.nodes.length - hidden.size);
    const visible = await debug<string[]>(page, 'visibleNodeIds');
    for (const h of hidden) expect(visible).not.toContain(h);
    expect((await debug<{ label: string }>(page, 'nodeSize', claim)).label).toContain(`[+${hidden.size}]`);
    await page.keyboard.press('Space');
    await waitForCount(page, map.nodes.length);
    await page.close();
  });

  it('light, dark and high-contrast screenshots: labels at 11 px or more in every theme', async () => {
    const index = indexOf(exampleFiles());
    for (const theme of ['light', 'dark', 'highContrast'] as const) {
      for (const file of ['scheming-first.md', 'outer-alignment.md']) {
        const map = toMapGraph(index.getGraph(), new Set([file]));
        const { page, errors } = await openWebview(browser, { width: W, height: H });
        await applyTheme(page, theme);
        await send(page, setGraph(map, file));
        await waitForCount(page, map.nodes.length);
        await page.waitForTimeout(150);
        for (const n of map.nodes) expect((await debug<{ fontPx: number }>(page, 'nodeSize', n.id)).fontPx, `${theme} ${n.id}`).toBeGreaterThanOrEqual(11);
        await page.screenshot({ path: join(shots, `theme-${theme}-${file.replace('.md', '')}.png`) });
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });
});
