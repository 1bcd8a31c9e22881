/** The map's export menu in real Chromium: images of the view, and the peer formats for the drafts in scope (asked of the host). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { toMapGraph } from '../../extension/core/map/mapModel';
import { hasChromium, launch, openWebview, recorded, send } from '../support/harness';

const repo = join(__dirname, '..', '..');

describe.skipIf(!hasChromium)('export menu', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('lists PNG, SVG and the six peer formats; a peer format asks the host, an image goes as before', async () => {
    const index = new WorkspaceIndex();
    index.setDraft('a.md', 'Claim: Debate scales oversight. ^debate\n\n- Objection: judges tire.\n');
    const { page, errors } = await openWebview(browser, { width: 700, height: 800 });
    await send(page, { type: 'didSetGraph', payload: { graph: toMapGraph(index.getGraph(), new Set(['a.md'])), scope: 'draft', activeFile: 'a.md', defaultLayout: 'auto', followCursor: true } });
    await page.waitForSelector('#map[data-node-count="2"]');
    await page.click('#export-menu');
    await page.waitForSelector('.popup.menu');
    const labels = await page.$$eval('.popup.menu .menu-label', (ls) => ls.map((l) => l.textContent));
    expect(labels).toEqual(['PNG image', 'SVG image', 'Argdown', 'Graphviz DOT', 'Mermaid', 'GraphML', 'AIF (JSON)', 'JSON Canvas']);
    await page.click('.popup.menu button[data-id="mermaid"]');
    expect((await recorded(page)).posted.at(-1)).toEqual({ type: 'viewDidRequestPeerExport', payload: { format: 'mermaid' } });
    await page.click('#export-menu');
    await page.click('.popup.menu button[data-id="svg"]');
    const last = (await recorded(page)).posted.at(-1) as { type: string; payload: { format: string; data: string } };
    expect(last.type).toBe('viewDidExport');
    expect(last.payload.format).toBe('svg');
    expect(last.payload.data).toContain('judges tire');
    expect(errors).toEqual([]);
    await page.close();
  });
});
