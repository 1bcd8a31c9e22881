/** The workspace map's file groups in real Chromium: no group's box (title included) overlaps another's, and no title runs off the panel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { toMapGraph } from '../../extension/core/map/mapModel';
import { hasChromium, launch, openWebview } from '../support/harness';

const repo = join(__dirname, '..', '..');
const examples = join(repo, 'examples', 'alignment');
const shots = join(repo, 'test-results', 'browser');

function exampleMap() {
  const index = new WorkspaceIndex();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []));
  for (const f of walk(examples)) index.setDraft(relative(examples, f).split('\\').join('/'), readFileSync(f, 'utf8'));
  const graph = index.getGraph();
  return toMapGraph(graph, new Set(graph.files.map((f) => f.file)));
}

type Box = { id: string; x1: number; y1: number; x2: number; y2: number };
const overlap = (a: Box, b: Box) => Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5;

describe.skipIf(!hasChromium)('workspace map legibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!statSync(join(repo, 'dist', 'webview', 'main.js'), { throwIfNoEntry: false })) spawnSync('npm', ['run', 'build'], { cwd: repo });
    mkdirSync(shots, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  for (const layout of ['auto', 'fcose'] as const) {
    it(`${layout}: file groups with their titles never overlap, and titles stay inside the panel (700x800)`, async () => {
      const map = exampleMap();
      expect(map.files.length).toBeGreaterThan(3);
      const { page, errors } = await openWebview(browser, { width: 700, height: 800, state: { layout, layoutChosen: true } });
      await page.evaluate((m) => window.postMessage({ type: 'didSetGraph', payload: { graph: m, scope: 'workspace', defaultLayout: 'auto', followCursor: true } }, '*'), map);
      await page.waitForSelector('#map[data-node-count]');
      await page.waitForTimeout(300);
      const groups: Box[] = await page.evaluate(() => (window as any).cruxmapDebug.groupBoxes());
      const titles: Box[] = await page.evaluate(() => (window as any).cruxmapDebug.titleBoxes());
      const nodes: (Box & { file: string })[] = await page.evaluate(() => (window as any).cruxmapDebug.boxes());
      await page.screenshot({ path: join(shots, `workspace-groups-${layout}.png`) });
      expect(groups).toHaveLength(map.files.length);
      const bad: string[] = [];
      for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) if (overlap(groups[i], groups[j])) bad.push(`${groups[i].id} / ${groups[j].id}`);
      // A title never lies over another group's nodes either.
      for (const t of titles) for (const n of nodes) if (`file:${n.file}` !== t.id && overlap(t, n)) bad.push(`title ${t.id} over ${n.id}`);
      expect(bad).toEqual([]);
      const map0 = await page.$eval('#map', (m) => m.getBoundingClientRect().toJSON());
      for (const t of titles) {
        expect(t.x1, t.id).toBeGreaterThanOrEqual(map0.left - 0.5);
        expect(t.x2, t.id).toBeLessThanOrEqual(map0.right + 0.5);
        expect(t.y1, t.id).toBeGreaterThanOrEqual(map0.top - 0.5);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
