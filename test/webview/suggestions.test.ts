/** Suggestions on the map in real Chromium: the empty state's count and button, the "Show suggestions" toggle, ghost nodes drawn dashed and faded at free places, and accepting one from its menu. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { diffMapGraphs, toMapGraph, type MapGraph } from '../../extension/core/map/mapModel';
import { suggestDraft } from '../../extension/core/suggest/suggest';
import { suggestedMapItems } from '../../extension/core/suggest/suggestMap';
import { acceptEdits } from '../../extension/core/suggest/acceptEdits';
import { hasChromium, launch, openWebview, recorded, send } from '../support/harness';

const repo = join(__dirname, '..', '..');

// A draft the writer has not labeled yet, and one with a claim and two unlabeled answers.
const UNLABELED = 'Debate could scale oversight to superhuman tasks.\n\nBut judges get tired after an hour.\n\nHowever, tired judges still beat no judges.\n';
const PARTLY = 'Claim: Debate works. ^debate\n\nBut judges get tired.\n\nHowever, tired judges still beat no judges.\n';

/** What the host would send for one draft: the map, and the suggestions message (ghosts only when shown). */
function hostState(text: string, show: boolean) {
  const index = new WorkspaceIndex();
  index.setDraft('a.md', text);
  const graph = toMapGraph(index.getGraph(), new Set(['a.md']));
  const draft = index.getDraft('a.md')!;
  const all = suggestDraft(text, draft);
  const items = suggestedMapItems(draft, all, 0.5);
  const suggestions = { type: 'didSetSuggestions', payload: { count: items.nodes.length, nodes: show ? items.nodes : [], edges: show ? items.edges : [] } };
  return { index, graph, all, items, suggestions };
}

function setGraph(graph: MapGraph) {
  return { type: 'didSetGraph', payload: { graph, scope: 'draft', activeFile: 'a.md', defaultLayout: 'auto', followCursor: true, versions: { 'a.md': 1 } } };
}

type Ghost = { id: string; kind: string; x1: number; y1: number; x2: number; y2: number; borderStyle: string; opacity: number };
const ghosts = (page: Page): Promise<Ghost[]> => page.evaluate(() => (window as any).cruxmapDebug.ghosts());
const overlap = (a: { x1: number; y1: number; x2: number; y2: number }, b: { x1: number; y1: number; x2: number; y2: number }) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe.skipIf(!hasChromium)('suggestions on the map', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  /** A map at 700 x 800 that shows suggestions, with the host's graph and ghosts sent and `ghosts` of them drawn. */
  async function withGhosts(on: ReturnType<typeof hostState>, ghosts: number) {
    const opened = await openWebview(browser, { width: 700, height: 800, state: { showSuggestions: true } });
    await send(opened.page, setGraph(on.graph));
    await send(opened.page, on.suggestions);
    await opened.page.waitForFunction((n) => (window as any).cruxmapDebug.ghosts().length === n, ghosts);
    return opened;
  }

  /** With a ghost's menu opening: it offers to mark the block as `kind`, and its key posts the accept message for `id`. */
  async function acceptFromMenu(page: Page, kind: string, id: string): Promise<void> {
    await page.waitForSelector('.popup.menu');
    expect(await page.textContent('.popup.menu')).toContain(`Accept: Mark as ${kind}`);
    await page.keyboard.press('a');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidAcceptSuggestion', payload: { id } });
  }

  it('the empty map of an unlabeled draft says how many suggestions it has, and its button shows them as ghosts', async () => {
    const off = hostState(UNLABELED, false);
    expect(off.graph.nodes).toHaveLength(0);
    expect(off.items.nodes.length).toBe(3);
    const { page, errors } = await openWebview(browser, { width: 700, height: 800 });
    await send(page, setGraph(off.graph));
    await send(page, off.suggestions);
    await page.waitForSelector('#map[data-node-count="0"]');
    expect(await page.isVisible('.empty')).toBe(true);
    expect(await page.textContent('.empty-suggestions')).toContain('suggests 3 elements');
    expect(await page.isVisible('#empty-show-suggestions')).toBe(true);
    await page.click('#empty-show-suggestions');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidToggleSuggestions', payload: { show: true } });
    expect(await page.getAttribute('#show-suggestions', 'aria-pressed')).toBe('true');
    // The host answers with the ghosts.
    await send(page, hostState(UNLABELED, true).suggestions);
    await page.waitForFunction(() => (window as any).cruxmapDebug.ghosts().length === 3);
    expect(await page.isVisible('.empty')).toBe(false);
    const g = await ghosts(page);
    expect(g.map((x) => x.kind).sort()).toEqual(['claim', 'objection', 'reply']);
    for (const x of g) {
      expect(x.borderStyle).toBe('dashed');
      expect(x.opacity).toBeLessThan(1);
    }
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) expect(overlap(g[i], g[j]), `${g[i].id} / ${g[j].id}`).toBe(false);
    expect((await page.evaluate(() => (window as any).cruxmapDebug.ghostEdgeIds())).sort()).toEqual(off.items.edges.map((e) => e.id).sort());
    // Ghosts are not elements: the status counts none.
    expect(Number(await page.getAttribute('#map', 'data-node-count'))).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the toolbar toggle draws ghosts beside the real nodes (never over them) and takes them away', async () => {
    const on = hostState(PARTLY, true);
    const { page, errors } = await openWebview(browser, { width: 700, height: 800, state: { showSuggestions: true } });
    // A view that shows suggestions says so when it loads, so the host sends the ghosts with the first map.
    expect((await recorded(page)).posted[0]).toEqual({ type: 'viewDidLoad', payload: { scope: 'draft', suggestions: true } });
    await send(page, setGraph(on.graph));
    await send(page, on.suggestions);
    await page.waitForFunction(() => (window as any).cruxmapDebug.ghosts().length === 2);
    const g = await ghosts(page);
    const real = await page.evaluate(() => (window as any).cruxmapDebug.boxes());
    expect(real).toHaveLength(1);
    for (const x of g) {
      expect(x.borderStyle).toBe('dashed');
      for (const r of real) expect(overlap(x, r), `${x.id} over ${r.id}`).toBe(false);
    }
    expect(overlap(g[0], g[1])).toBe(false);
    // The objection sits below the claim it answers (dagre puts targets above).
    const objection = g.find((x) => x.kind === 'objection')!;
    expect(objection.y1).toBeGreaterThan(real[0].y2);
    await page.screenshot({ path: join(repo, 'test-results', 'browser', 'map-suggestions.png') });
    await page.click('#show-suggestions');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidToggleSuggestions', payload: { show: false } });
    expect(await ghosts(page)).toEqual([]);
    expect(await page.evaluate(() => (window as any).cruxmapDebug.ghostEdgeIds())).toEqual([]);
    // Suggestions the host sends while the toggle is off are only counted.
    await send(page, on.suggestions);
    await page.waitForTimeout(50);
    expect(await ghosts(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Accept: Mark as Objection" from a ghost\'s menu posts the accept message; the written element turns solid in the ghost\'s place', async () => {
    const on = hostState(PARTLY, true);
    const { page, errors } = await withGhosts(on, 2);
    const objection = (await ghosts(page)).find((x) => x.kind === 'objection')!;
    await page.mouse.click((objection.x1 + objection.x2) / 2, (objection.y1 + objection.y2) / 2, { button: 'right' });
    await page.waitForSelector('.popup.menu');
    expect(await page.textContent('.popup.menu')).toContain('Accept: Mark as Objection');
    await page.click('.popup.menu button[data-id="accept"]');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidAcceptSuggestion', payload: { id: 'a.md#?L2' } });
    // What the host then does: the editor's accept edits, the new map as a diff, the suggestions left.
    const edits = acceptEdits(PARTLY, 'a.md', [on.all.find((s) => s.range.start.line === 2)!], on.all);
    let text = PARTLY;
    for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      const lines = text.split('\n');
      const start = lines.slice(0, e.range.start.line).join('\n').length + (e.range.start.line ? 1 : 0) + e.range.start.character;
      const end = lines.slice(0, e.range.end.line).join('\n').length + (e.range.end.line ? 1 : 0) + e.range.end.character;
      text = text.slice(0, start) + e.newText + text.slice(end);
    }
    const after = hostState(text, true);
    const added = after.graph.nodes.find((n) => n.kind === 'objection')!;
    expect(added.line).toBe(2);
    await send(page, { type: 'didPatchGraph', payload: { diff: diffMapGraphs(on.graph, after.graph), versions: { 'a.md': 2 } } });
    await send(page, after.suggestions);
    await page.waitForFunction((id) => (window as any).cruxmapDebug.nodeIds().includes(id), added.id);
    const solid = (await page.evaluate(() => (window as any).cruxmapDebug.boxes())).find((b: { id: string }) => b.id === added.id);
    expect(Math.abs((solid.x1 + solid.x2) / 2 - (objection.x1 + objection.x2) / 2)).toBeLessThan(2);
    expect(Math.abs((solid.y1 + solid.y2) / 2 - (objection.y1 + objection.y2) / 2)).toBeLessThan(2);
    const left = await ghosts(page);
    expect(left.map((x) => x.id)).toEqual(after.items.nodes.map((n) => n.id));
    expect(left.every((x) => x.id !== 'a.md#?L2')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a selected ghost gets its own menu from the toolbar and Shift+F10, never the element commands', async () => {
    const on = hostState(PARTLY, true);
    const { page, errors } = await withGhosts(on, 2);
    const reply = (await ghosts(page)).find((x) => x.kind === 'reply')!;
    const posted = (await recorded(page)).posted.length;
    await page.mouse.click((reply.x1 + reply.x2) / 2, (reply.y1 + reply.y2) / 2);
    // A click on a ghost opens nothing in the editor (it is no element yet).
    expect((await recorded(page)).posted.length).toBe(posted);
    await page.click('#node-actions');
    await page.waitForSelector('.popup.menu');
    expect(await page.$$eval('.popup.menu .menu-label', (ls) => ls.map((l) => l.textContent))).toEqual(['Accept: Mark as Reply']);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.popup.menu', { state: 'detached' });
    await page.focus('#map');
    await page.keyboard.press('Shift+F10');
    await acceptFromMenu(page, 'Reply', 'a.md#?L4');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('from the keyboard alone: Tab and arrows reach ghosts among the elements, each announced as a suggestion, and Enter opens its menu to accept it', async () => {
    const on = hostState(PARTLY, true);
    const { page, errors } = await withGhosts(on, 2);
    const live = () => page.$eval('.visually-hidden[aria-live]', (el) => el.textContent ?? '');
    const selected = (): Promise<string[]> => page.evaluate(() => (window as any).cruxmapDebug.selectedIds());
    await page.focus('#map');
    // In source order: the claim (line 0), the suggested objection (line 2), the suggested reply (line 4).
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual([on.graph.nodes[0].id]);
    expect(await live()).toBe('claim: Debate works.');
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['a.md#?L2']);
    expect(await live()).toMatch(/^objection, suggested: But judges get tired\. \(because of: But\)\. Enter or Shift\+F10 to accept\.$/);
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['a.md#?L4']);
    expect(await live()).toMatch(/^reply, suggested: However, tired judges still beat no judges\./);
    await page.keyboard.press('Shift+Tab');
    expect(await selected()).toEqual(['a.md#?L2']);
    // Arrows move between ghosts and elements by place: up from the objection (drawn below the claim) is the claim.
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toEqual([on.graph.nodes[0].id]);
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['a.md#?L2']);
    // The element commands do nothing on a ghost (no Add Reply popup); Enter opens its menu, and A accepts.
    const posted = (await recorded(page)).posted.length;
    await page.keyboard.press('r');
    expect(await page.$('.popup')).toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.popup.menu');
    expect(await page.$$eval('.popup.menu .menu-label', (ls) => ls.map((l) => l.textContent))).toEqual(['Accept: Mark as Objection']);
    // Enter opened no block in the editor.
    expect((await recorded(page)).posted.length).toBe(posted);
    await page.keyboard.press('a');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidAcceptSuggestion', payload: { id: 'a.md#?L2' } });
    await page.waitForSelector('.popup.menu', { state: 'detached' });
    // Focus comes back to the map, on the same ghost: Tab goes on from it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map');
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['a.md#?L4']);
    // The screen-reader list holds the ghosts too, in source order, each said to be a suggestion; its button opens the ghost's menu.
    const items = await page.$$eval('#element-list button', (bs) => bs.map((b) => b.textContent));
    expect(items).toEqual(['claim: Debate works. (a.md, line 1)', 'objection, suggested: But judges get tired. (a.md, line 3)', 'reply, suggested: However, tired judges still beat no judges. (a.md, line 5)']);
    // A kind hidden by its toggle hides its ghosts too: Tab passes over them, and the list leaves them out.
    await page.click('button.kind-toggle[data-kind="objection"]');
    await page.waitForFunction(() => document.querySelectorAll('#element-list button').length === 2);
    await page.focus('#map');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['a.md#?L4']);
    expect(await page.$$eval('#element-list button', (bs) => bs.map((b) => b.getAttribute('data-id')))).toEqual([on.graph.nodes[0].id, 'a.md#?L4']);
    await page.click('button.kind-toggle[data-kind="objection"]');
    await page.waitForFunction(() => document.querySelectorAll('#element-list button').length === 3);
    await page.focus('#element-list button[data-id="a.md#?L4"]');
    await page.keyboard.press('Enter');
    await acceptFromMenu(page, 'Reply', 'a.md#?L4');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a map of ghosts alone (a draft with no labels yet) is reachable from the keyboard too', async () => {
    const on = hostState(UNLABELED, true);
    const { page, errors } = await withGhosts(on, 3);
    await page.focus('#map');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (window as any).cruxmapDebug.selectedIds())).toEqual(['a.md#?L0']);
    expect(await page.$eval('.visually-hidden[aria-live]', (el) => el.textContent)).toMatch(/^claim, suggested: Debate could scale oversight/);
    await page.keyboard.press('ContextMenu');
    await page.waitForSelector('.popup.menu');
    expect(await page.textContent('.popup.menu')).toContain('Accept: Mark as Claim');
    await page.keyboard.press('Enter');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidAcceptSuggestion', payload: { id: 'a.md#?L0' } });
    expect(errors).toEqual([]);
    await page.close();
  });
});
