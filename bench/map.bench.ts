/**
 * Map benchmark in headless Chromium: first paint with layout (500, 2,000 and 5,000 nodes; median of
 * several fresh pages), a 1 % update of 2,000 nodes, the pan/zoom frame rate, and one draft's first paint
 * (25 and 150 elements, 700 x 800 px). `--json` prints JSON.
 */
import { existsSync } from 'node:fs';
import { WorkspaceIndex } from '../extension/core/index/workspaceIndex';
import { diffMapGraphs, toMapGraph, type MapGraph } from '../extension/core/map/mapModel';
import { CHROMIUM, launch, openWebview } from '../test/support/harness';
import { generateWorkspace } from './generate';
import { log, ms, printJson, results, spread, stats } from './report';

/** Fresh pages per size for the first paint. */
const PAINT_RUNS = 3;
/** Fresh pages for one draft's first paint. */
const ONE_DRAFT_RUNS = 5;
/** Updates per measurement (alternating forward and back). */
const UPDATE_RUNS = 7;

function mapOf(files: number, perFile: number, edit?: (path: string, text: string) => string): MapGraph {
  const index = new WorkspaceIndex();
  for (const [p, t] of generateWorkspace(files, perFile)) index.setDraft(p, edit ? edit(p, t) : t);
  const g = index.getGraph();
  return toMapGraph(g, new Set(g.files.map((f) => f.file)));
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    log(`map benchmark skipped: no Chromium at ${CHROMIUM}`);
    results.skipped = `no Chromium at ${CHROMIUM}`;
    printJson();
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
      const msg = { type: 'didSetGraph', payload: { graph: map, scope: 'workspace', defaultLayout: 'auto', followCursor: true } };
      const paints: number[] = [];
      let parts = '';
      let page!: Awaited<ReturnType<typeof openWebview>>['page'];
      for (let run = 0; run < PAINT_RUNS; run++) {
        if (page) await page.close();
        page = (await openWebview(browser, { width: 1400, height: 900, state: process.env.NOGROUP ? { group: false } : undefined })).page;
        paints.push(
          await page.evaluate(async (m) => {
            const t0 = performance.now();
            window.postMessage(m, '*');
            const el = document.getElementById('map')!;
            const debug = (window as any).cruxmapDebug;
            // Until the map is built and Cytoscape has drawn it.
            while (el.dataset.nodeCount !== String(m.payload.graph.nodes.length) || debug.lastRenderAt() <= t0) await new Promise((r) => setTimeout(r, 1));
            return debug.lastRenderAt() - t0;
          }, msg),
        );
        parts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:')).map((m) => `${m.name.slice(8)} ${m.duration.toFixed(0)}`).join(', '));
      }
      const paint = stats(paints);
      results[`map-first-paint-${map.nodes.length}`] = paint;
      log(`map first paint with layout, ${map.nodes.length} nodes / ${map.edges.length} edges: ${spread(paint)} (last run: ${parts})`);

      if (map.nodes.length >= 2000) {
        // The 1 % update is measured at 2,000 nodes; pan and zoom at 2,000 and 5,000.
        // 1 % of the nodes change: 20 drafts get an edited claim text.
        const changed = mapOf(files, perFile, (p, t) => (Number(p.slice(1, -3)) < 20 ? t.replace('Claim 0 of draft', 'Claim zero (edited) of draft') : t));
        const diff = diffMapGraphs(map, changed);
        const update = await page.evaluate(async (d) => {
          const samples: number[] = [];
          const debug = (window as any).cruxmapDebug;
          for (let k = 0; k < d.runs; k++) {
            await new Promise((r) => setTimeout(r, 100));
            const t0 = performance.now();
            window.postMessage({ type: 'didPatchGraph', payload: { diff: k % 2 === 0 ? d.forward : d.back } }, '*');
            // Until Cytoscape has drawn the frame with the change.
            while (debug.lastRenderAt() <= t0) await new Promise((r) => setTimeout(r, 1));
            samples.push(debug.lastRenderAt() - t0);
          }
          return samples;
        }, { forward: diff, back: diffMapGraphs(changed, map), runs: UPDATE_RUNS });
        const patchParts = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cruxmap:patch')).slice(-2).map((m) => `${m.name.slice(14)} ${m.duration.toFixed(0)}`).join(', '));
        const u = stats(update);
        results[`map-update-${map.nodes.length}`] = { ...u, changedNodes: diff.updateNodes.length };
        log(`map update of ${diff.updateNodes.length} of ${map.nodes.length} nodes (${((100 * diff.updateNodes.length) / map.nodes.length).toFixed(1)} %), no relayout, from message to drawn frame: ${spread(u)} (last run: ${patchParts})`);

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
          return gaps;
        });
        const f = stats(frames);
        results[`map-pan-zoom-${map.nodes.length}`] = { fps: Number((1000 / f.median).toFixed(1)), frameMs: f };
        log(`map pan and zoom at ${map.nodes.length} nodes: ${(1000 / f.median).toFixed(0)} fps (${f.runs} frames: median ${ms(f.median)}, 95th percentile ${ms(f.p95)}) in headless Chromium without a GPU`);
      }
      await page.close();
    }

    // One draft's map in a 700 x 800 panel (a tree laid out top-down, its cards fitted to the panel's width).
    for (const perFile of [25, 150]) {
      const map = mapOf(1, perFile);
      const file = map.files[0].file;
      const msg = { type: 'didSetGraph', payload: { graph: map, scope: 'draft', activeFile: file, defaultLayout: 'auto', followCursor: true } };
      const paints: number[] = [];
      for (let run = 0; run < ONE_DRAFT_RUNS; run++) {
        const { page } = await openWebview(browser, { width: 700, height: 800 });
        paints.push(
          await page.evaluate(async (m) => {
            const t0 = performance.now();
            window.postMessage(m, '*');
            const el = document.getElementById('map')!;
            const debug = (window as any).cruxmapDebug;
            while (el.dataset.nodeCount !== String(m.payload.graph.nodes.length) || debug.lastRenderAt() <= t0) await new Promise((r) => setTimeout(r, 1));
            return debug.lastRenderAt() - t0;
          }, msg),
        );
        await page.close();
      }
      const paint = stats(paints);
      results[`map-first-paint-one-draft-${map.nodes.length}`] = paint;
      log(`map first paint of one draft, ${map.nodes.length} nodes / ${map.edges.length} edges, 700 x 800 px: ${spread(paint)}`);
    }
  } finally {
    await browser.close();
  }
  printJson();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
