/** End to end: building the argument from the map in code-server: add an objection from a node's context menu, connect nodes in two drafts and undo it, accept a suggested (ghost) node, labels legible at the default panel size. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { parseDraft } from '../../extension/core/parse/parse';
import { e2eUnavailable, extensionLog, mapSettled, openFile, openMap, readWorkspaceFile, resetWorkspace, runCommand, screenshot, startSession, stopSession, writeWorkspaceFile, type Session, runStep } from '../support/workbench';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`\n*** END-TO-END TESTS (map edits) SKIPPED: ${unavailable} ***\n`);

if (unavailable !== undefined && process.env.CI) {
  describe('end-to-end prerequisites on CI (map edits)', () => {
    it('code-server and Chromium are available', () => {
      throw new Error(`end-to-end tests cannot run on CI: ${unavailable}`);
    });
  });
}

/** Brings a node into view (its item in the map's element list) and gives its centre relative to the map element. */
async function nodeInMap(frame: Frame, id: string): Promise<{ x: number; y: number }> {
  await frame.waitForFunction((i) => [...document.querySelectorAll('#element-list button')].some((b) => (b as HTMLElement).dataset.id === i), id, { timeout: 15_000 });
  await frame.evaluate((i) => ([...document.querySelectorAll('#element-list button')].find((b) => (b as HTMLElement).dataset.id === i) as HTMLElement).click(), id);
  await frame.waitForTimeout(400);
  return frame.evaluate((i) => {
    const p = (window as any).cruxmapDebug.renderedPosition(i);
    const r = document.getElementById('map')!.getBoundingClientRect();
    return { x: p.x - r.left, y: p.y - r.top };
  }, id);
}

describe.skipIf(unavailable !== undefined)('building the argument from the map in code-server', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));
  beforeEach(async () => {
    if (s) await resetWorkspace(s);
  }, 30_000);

  const step = (name: string, body: () => Promise<void>) => runStep(s, name, body);

  it('labels are legible at the default panel size', async () => {
    await step('map-legible-default', async () => {
      const frame = await openMap(s.page, 'scheming-first.md');
      const draft = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md');
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, draft.elements.length, { timeout: 15_000 });
      const size = await frame.evaluate(() => ({ w: document.getElementById('map')!.clientWidth, h: document.getElementById('map')!.clientHeight }));
      const fonts = await frame.evaluate((ids) => ids.map((i) => (window as any).cruxmapDebug.nodeSize(i).fontPx as number), draft.elements.map((e) => `scheming-first.md#^${e.localId}`));
      console.log(`[e2e] map panel ${size.w} x ${size.h} px; label font sizes ${Math.min(...fonts).toFixed(1)}-${Math.max(...fonts).toFixed(1)} px`);
      for (const f of fonts) expect(f).toBeGreaterThanOrEqual(11);
    });
  }, 120_000);

  it("from a node's context menu, Add Objection writes it into the draft and draws it selected", async () => {
    await step('map-add-objection', async () => {
      const frame = await openMap(s.page, 'scheming-first.md');
      const claim = 'scheming-first.md#^control-near-term';
      const pos = await nodeInMap(frame, claim);
      await frame.locator('#map').click({ button: 'right', position: pos });
      await frame.locator('.popup.menu button[data-id="add:objection"]').click();
      const input = frame.locator('.popup.input input');
      await input.waitFor({ state: 'visible' });
      const text = 'deployments change faster than control protocols are evaluated.';
      await input.fill(text);
      const newId = 'scheming-first.md#^deployments-change-faster-than-control-protocols';
      const before = Date.now();
      await input.press('Enter');
      await frame.waitForFunction((id) => (window as any).cruxmapDebug.selectedIds().includes(id), newId, { timeout: 10_000 });
      const wall = Date.now() - before;
      await frame.waitForFunction(() => (window as any).cruxmapDebug.lastEditMs() !== undefined, undefined, { timeout: 5000 });
      const inPage = await frame.evaluate(() => (window as any).cruxmapDebug.lastEditMs() as number);
      console.log(`[e2e] map edit, Enter to new node drawn selected: ${inPage.toFixed(0)} ms in the page (${wall} ms seen by the test driver)`);
      // Where the time went: the page's steps, and the host's line in the log (printed when there, never asserted).
      const steps = await frame.evaluate(() => (window as any).cruxmapDebug.lastEditTimings?.() as Record<string, number> | undefined);
      if (steps) {
        const { requestedAt, ...after } = steps;
        console.log(`[e2e] map edit steps in the page (ms from the request): ${Object.entries(after).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
        let hostLine: string | undefined;
        for (let i = 0; i < 20 && !hostLine; i++) {
          hostLine = extensionLog(s).split('\n').filter((l) => l.includes('Map edit (add)')).pop();
          if (!hostLine) await s.page.waitForTimeout(250);
        }
        // The log line is written once VS Code has applied the edit: on the same machine's clock, it lines up with the page's request.
        if (hostLine) console.log(`[e2e] host: ${hostLine}; logged ${Date.parse(hostLine.slice(0, 23).replace(' ', 'T') + 'Z') - requestedAt} ms after the page's request (wall clock, UTC assumed)`);
      }
      await screenshot(s.page, 'map-add-objection-drawn');
      expect(await frame.evaluate(() => (window as any).cruxmapDebug.nodeIds())).toContain(newId);
      // The editor shows the new line; save it and read the file on disk.
      await runCommand(s.page, 'File: Save All Files');
      await expect
        .poll(() => readWorkspaceFile(s, 'scheming-first.md'), { timeout: 10_000 })
        .toContain(`## Claim: Control is the right near-term response. ^control-near-term\n\nObjection: ${text}\n\nIf scheming is the central risk`);
      const graphText = readWorkspaceFile(s, 'scheming-first.md');
      const el = parseDraft(graphText, 'scheming-first.md').elements.find((e) => `scheming-first.md#^${e.localId}` === newId);
      expect(el?.kind).toBe('objection');
      // More of the same edit, for figures less at the mercy of one sample on a busy machine (printed, never asserted).
      const runs = Number(process.env.CRUXMAP_E2E_EDIT_RUNS ?? 5);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        // From the keyboard, on the claim chosen in the element list (the last edit's node let go first).
        await frame.focus('#map');
        await frame.press('#map', 'Escape');
        await nodeInMap(frame, claim);
        await frame.focus('#map');
        await frame.press('#map', 's');
        const more = frame.locator('.popup.input input');
        await more.waitFor({ state: 'visible' });
        await more.fill(`support number ${i + 1} written from the map for the timing.`);
        const last = await frame.evaluate(() => (window as any).cruxmapDebug.lastEditMs() as number);
        await more.press('Enter');
        await frame.waitForFunction((l) => ![undefined, l].includes((window as any).cruxmapDebug.lastEditMs()), last, { timeout: 10_000 });
        times.push(await frame.evaluate(() => (window as any).cruxmapDebug.lastEditMs() as number));
      }
      if (times.length) {
        const sorted = [...times].sort((a, b) => a - b);
        console.log(`[e2e] ${runs} more map edits (Add Support), Enter to new node drawn selected: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, ${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
      }
    });
  }, 180_000);

  it('Connect to… links nodes in two drafts in one edit, and undo restores both files', async () => {
    await step('map-connect-undo', async () => {
      const schemingBefore = readWorkspaceFile(s, 'scheming-first.md');
      const outerBefore = readWorkspaceFile(s, 'outer-alignment.md');
      const frame = await openMap(s.page, 'scheming-first.md');
      const from = 'scheming-first.md#^control-ceiling';
      const to = 'outer-alignment.md#^a-model-trained-on-a-subtly';
      const pos = await nodeInMap(frame, from);
      await frame.locator('#map').click({ button: 'right', position: pos });
      await frame.locator('.popup.menu button[data-id="connect"]').click();
      const filter = frame.locator('.popup.pick input');
      await filter.waitFor({ state: 'visible' });
      await filter.fill('trained on a subtly wrong');
      await frame.locator(`.pick-list li[aria-selected="true"][data-id="${to}"]`).waitFor({ timeout: 10_000 });
      await filter.press('Enter');
      await frame.locator('.popup.menu button[data-id="objects"]').click();
      await expect.poll(async () => s.page.locator('.tab.dirty').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      // Save each file through its editor (the target's draft was edited in the background).
      for (const file of ['outer-alignment.md', 'scheming-first.md']) {
        await openFile(s.page, file);
        await s.page.keyboard.press('Control+S');
      }
      await expect
        .poll(() => readWorkspaceFile(s, 'scheming-first.md'), { timeout: 10_000 })
        .toContain('Objection: control stops working once models are much smarter than their trusted monitors. [[#^control-near-term]] [[outer-alignment#^a-model-trained-on-a-subtly]] ^control-ceiling');
      await expect.poll(() => readWorkspaceFile(s, 'outer-alignment.md'), { timeout: 10_000 }).toContain('entirely honest about what it is doing. ^a-model-trained-on-a-subtly\n');
      // At most one undo in each file restores both (VS Code may offer to undo the edit in both files at once).
      for (const file of ['scheming-first.md', 'outer-alignment.md']) {
        if (readWorkspaceFile(s, file) === (file === 'scheming-first.md' ? schemingBefore : outerBefore)) continue;
        await openFile(s.page, file);
        await s.page.keyboard.press('Control+Z');
        const confirm = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in/ });
        if (await confirm.first().isVisible({ timeout: 3000 }).catch(() => false)) await confirm.first().click();
        for (const f of ['outer-alignment.md', 'scheming-first.md']) {
          await openFile(s.page, f);
          await s.page.keyboard.press('Control+S');
        }
        await s.page.waitForTimeout(500);
      }
      await expect.poll(() => readWorkspaceFile(s, 'scheming-first.md'), { timeout: 10_000 }).toBe(schemingBefore);
      await expect.poll(() => readWorkspaceFile(s, 'outer-alignment.md'), { timeout: 10_000 }).toBe(outerBefore);
    });
  }, 150_000);

  it('Show suggestions draws ghost nodes; Accept: Mark as Objection on one writes the label into the draft and it turns solid', async () => {
    await step('map-accept-suggestion', async () => {
      // An example draft rewritten (resetWorkspace puts it back): Quick Open finds it at once, a new file it may not.
      writeWorkspaceFile(s, 'open-questions.md', 'Claim: Debate scales oversight to superhuman tasks. ^debate\n\nBut judges get tired after an hour of arguments.\n\nHowever, tired judges still beat no judges at all.\n');
      const frame = await openMap(s.page, 'open-questions.md');
      await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 1, undefined, { timeout: 15_000 });
      await frame.locator('#show-suggestions').click();
      await frame.waitForFunction(() => (window as any).cruxmapDebug.ghosts().length === 2, undefined, { timeout: 15_000 });
      const ghost = await frame.evaluate(() => {
        const g = (window as any).cruxmapDebug.ghosts().find((x: { kind: string }) => x.kind === 'objection');
        const r = document.getElementById('map')!.getBoundingClientRect();
        return { id: g.id as string, style: g.borderStyle as string, x: (g.x1 + g.x2) / 2 - r.left, y: (g.y1 + g.y2) / 2 - r.top };
      });
      expect(ghost.style).toBe('dashed');
      await frame.locator('#map').click({ button: 'right', position: { x: ghost.x, y: ghost.y } });
      await frame.locator('.popup.menu button[data-id="accept"]', { hasText: 'Accept: Mark as Objection' }).click();
      await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 2, undefined, { timeout: 15_000 });
      await frame.waitForFunction((id) => !(window as any).cruxmapDebug.ghosts().some((g: { id: string }) => g.id === id), ghost.id, { timeout: 10_000 });
      await openFile(s.page, 'open-questions.md');
      await s.page.keyboard.press('Control+S');
      await expect.poll(() => readWorkspaceFile(s, 'open-questions.md'), { timeout: 10_000 }).toContain('Objection: But judges get tired after an hour of arguments.');
      const el = parseDraft(readWorkspaceFile(s, 'open-questions.md'), 'open-questions.md').elements.find((e) => e.kind === 'objection');
      expect(el?.range.start.line).toBe(2);
      // (The step's screenshot shows what the writer sees: the map again, the accepted node solid beside its claim.)
      const shown = await openMap(s.page, 'open-questions.md');
      await shown.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 2, undefined, { timeout: 15_000 });
      await mapSettled(shown);
    });
  }, 150_000);
});
