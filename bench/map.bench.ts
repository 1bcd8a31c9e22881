/** Map benchmark in headless Chromium: first paint with layout (500 and 2,000 nodes), a 1 % update of 2,000 nodes, and pan/zoom frame rate. */
import { existsSync } from 'node:fs';
import { WorkspaceIndex } from '../extension/core/workspaceIndex';
import { diffMapGraphs, toMapGraph, type MapGraph } from '../extension/core/mapModel';
import { CHROMIUM, launch, openWebview } from '../test/browser/harness';
import { generateWorkspace } from './generate';

function mapOf(files: number, perFile: number, edit?: (path: string, text: string) => string): MapGraph {
  const index = new WorkspaceIndex();
  for (const [p, t] of generateWorkspace(files, perFile)) index.setDraft(p, edit ? edit(p, t) : t);
  const g = index.getGraph();
  return toMapGraph(g, new Set(g.files.map((f) => f.file)));
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`map benchmark skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const browser = await launch();
  try {
    for (const [files, perFile] of [
      [25, 20],
      [100, 20],
    ] as const) {
      const map = mapOf(files, perFile);
      const { page } = await openWebview(browser, { width: 1400, height: 900, state: process.env.NOGROUP ? { group: false } : undefined });
      const msg = { type: 'didSetGraph', payload: { graph: map, scope: 'workspace', defaultLayout: 'auto', followCursor: true } };
      const firstPaint = await page.evaluate(async (m) => {
        const t0 = performance.now();
        window.postMessage(m, '*');
        const el = document.getElementById('map')!;
        while (el.dataset.nodeCount !== String(m.payload.graph.nodes.length)) await new Promise((r) => setTimeout(r, 2));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      }, msg);
      const parts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:')).map((m) => `${m.name.slice(8)} ${m.duration.toFixed(0)}`).join(', '));
      console.log(`map first paint with layout, ${map.nodes.length} nodes / ${map.edges.length} edges: ${firstPaint.toFixed(0)} ms (${parts})`);

      if (map.nodes.length >= 2000) {
        // 1 % of the nodes change: 20 drafts get an edited claim text.
        const changed = mapOf(files, perFile, (p, t) => (Number(p.slice(1, -3)) < 20 ? t.replace('Claim 0 of draft', 'Claim zero (edited) of draft') : t));
        const diff = diffMapGraphs(map, changed);
        const update = await page.evaluate(async (d) => {
          const samples: number[] = [];
          for (let k = 0; k < 5; k++) {
            const t0 = performance.now();
            window.postMessage({ type: 'didPatchGraph', payload: { diff: k % 2 === 0 ? d.forward : d.back } }, '*');
            await new Promise((r) => setTimeout(r, 0));
            // The next animation frame is the one Cytoscape redraws in; wait until it has run.
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            samples.push(performance.now() - t0);
          }
          return samples.sort((a, b) => a - b)[2];
        }, { forward: diff, back: diffMapGraphs(changed, map) });
        const patchParts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:patch')).slice(-2).map((m) => `${m.name.slice(14)} ${m.duration.toFixed(0)}`).join(', '));
        console.log(`map update of ${diff.updateNodes.length} of ${map.nodes.length} nodes (1 %), no relayout: ${update.toFixed(0)} ms median to the next frame (${patchParts})`);

        const fps = await page.evaluate(async () => {
          const el = document.getElementById('map')!;
          const r = el.getBoundingClientRect();
          let frames = 0;
          let running = true;
          const count = () => {
            frames++;
            if (running) requestAnimationFrame(count);
          };
          requestAnimationFrame(count);
          const t0 = performance.now();
          for (let i = 0; i < 60; i++) {
            el.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 20 < 10 ? -40 : 40, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true }));
            await new Promise((res) => requestAnimationFrame(res));
          }
          running = false;
          return (frames * 1000) / (performance.now() - t0);
        });
        console.log(`map zoom (60 wheel steps) at ${map.nodes.length} nodes: ${fps.toFixed(0)} fps in headless Chromium without a GPU`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
