/** End to end: the packaged extension in a real VS Code (code-server) driven by Chromium, as a writer uses it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../../extension/core/parse';
import { cursorPosition, e2eUnavailable, mapFrame, nodeCount, openFile, readWorkspaceFile, runCommand, screenText, screenshot, startSession, stopSession, type Session } from './workbench';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`\n*** END-TO-END TESTS SKIPPED: ${unavailable} ***\n`);

describe.skipIf(unavailable !== undefined)('Crux Map in code-server', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));

  /** Runs a step; on failure prints what was on screen and saves a screenshot. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
      await screenshot(s.page, name);
    } catch (e) {
      await screenshot(s.page, `${name}-FAILED`).catch(() => undefined);
      console.error(`[e2e] ${name} failed; on screen: ${await screenText(s.page).catch(() => '?')}\n[code-server] ${s.serverOutput().slice(-2000)}`);
      throw e;
    }
  }

  it('opens the argument map beside a draft with the draft\'s node count', async () => {
    await step('open-map', async () => {
      await openFile(s.page, 'scheming-first.md');
      await runCommand(s.page, 'Crux Map: Open Argument Map to the Side');
      const frame = await mapFrame(s.page);
      const expected = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md').elements.length;
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 15_000 });
      expect(await nodeCount(frame)).toBe(expected);
    });
  }, 120_000);

  it('clicking a node moves the editor cursor to that element', async () => {
    await step('click-node', async () => {
      const frame = await mapFrame(s.page);
      const draft = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md');
      const target = draft.elements.find((e) => e.localId === 'control-ceiling')!;
      const id = `scheming-first.md#^${target.localId}`;
      const pos = await frame.evaluate((i) => {
        const p = (window as any).cruxmapDebug.renderedPosition(i);
        const r = document.getElementById('map')!.getBoundingClientRect();
        return { x: p.x - r.left, y: p.y - r.top };
      }, id);
      await frame.locator('#map').click({ position: pos });
      await expect.poll(async () => (await cursorPosition(s.page))?.line, { timeout: 10_000 }).toBe(target.range.start.line + 1);
    });
  }, 60_000);
});
