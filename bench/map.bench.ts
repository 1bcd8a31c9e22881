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
      [250, 20],
    ] as const) {
      const map = mapOf(files, perFile);
      const { page } = await openWebview(browser, { width: 1400, height: 900, state: process.env.NOGROUP ? { group: false } : undefined });
      const msg = { type: 'didSetGraph', payload: { graph: map, scope: 'workspace', defaultLayout: 'auto', followCursor: true } };
      const firstPaint = await page.evaluate(async (m) => {
        const t0 = performance.now();
        window.postMessage(m, '*');
        const el = document.getElementById('map')!;
        const debug = (window as any).cruxmapDebug;
        // Until the map is built and Cytoscape has drawn it.
        while (el.dataset.nodeCount !== String(m.payload.graph.nodes.length) || debug.lastRenderAt() <= t0) await new Promise((r) => setTimeout(r, 1));
        return debug.lastRenderAt() - t0;
      }, msg);
      const parts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:')).map((m) => `${m.name.slice(8)} ${m.duration.toFixed(0)}`).join(', '));
      console.log(`map first paint with layout, ${map.nodes.length} nodes / ${map.edges.length} edges: ${firstPaint.toFixed(0)} ms (${parts})`);

      if (map.nodes.length >= 2000) {
        // The 1 % update is measured at 2,000 nodes; pan and zoom at 2,000 and 5,000.
        // 1 % of the nodes change: 20 drafts get an edited claim text.
        const changed = mapOf(files, perFile, (p, t) => (Number(p.slice(1, -3)) < 20 ? t.replace('Claim 0 of draft', 'Claim zero (edited) of draft') : t));
        const diff = diffMapGraphs(map, changed);
        const update = await page.evaluate(async (d) => {
          const samples: number[] = [];
          const debug = (window as any).cruxmapDebug;
          for (let k = 0; k < 7; k++) {
            await new Promise((r) => setTimeout(r, 100));
            const t0 = performance.now();
            window.postMessage({ type: 'didPatchGraph', payload: { diff: k % 2 === 0 ? d.forward : d.back } }, '*');
            // Until Cytoscape has drawn the frame with the change.
            while (debug.lastRenderAt() <= t0) await new Promise((r) => setTimeout(r, 1));
            samples.push(debug.lastRenderAt() - t0);
          }
          return samples.sort((a, b) => a - b)[3];
        }, { forward: diff, back: diffMapGraphs(changed, map) });
        const patchParts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:patch')).slice(-2).map((m) => `${m.name.slice(14)} ${m.duration.toFixed(0)}`).join(', '));
        console.log(`map update of ${diff.updateNodes.length} of ${map.nodes.length} nodes (${((100 * diff.updateNodes.length) / map.nodes.length).toFixed(1)} %), no relayout: ${update.toFixed(0)} ms median from message to drawn frame (${patchParts})`);

        const frames = await page.evaluate(async () => {
          const el = document.getElementById('map')!;
          const r = el.getBoundingClientRect();
          const stamps: number[] = [];
          for (let i = 0; i < 120; i++) {
            const kind = i % 40 < 20 ? 'wheel' : 'pan';
            if (kind === 'wheel') el.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 10 < 5 ? -40 : 40, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true }));
            else {
              const x = r.left + 200 + (i % 20) * 8;
              el.dispatchEvent(new MouseEvent(i % 20 === 0 ? 'mousedown' : 'mousemove', { clientX: x, clientY: r.top + 300, bubbles: true, buttons: 1 }));
            }
            stamps.push(await new Promise<number>((res) => requestAnimationFrame(res)));
          }
          window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
          const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
          return { median: gaps[Math.floor(gaps.length / 2)], p95: gaps[Math.floor(gaps.length * 0.95)] };
        });
        console.log(`map pan and zoom at ${map.nodes.length} nodes: ${(1000 / frames.median).toFixed(0)} fps (median frame ${frames.median.toFixed(1)} ms, 95th percentile ${frames.p95.toFixed(1)} ms) in headless Chromium without a GPU`);
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
