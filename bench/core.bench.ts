/** Core benchmark: parse time per draft, whole-graph time, and one-draft update + graph, on generated workspaces. */
import { performance } from 'node:perf_hooks';
import { WorkspaceIndex } from '../extension/core/workspaceIndex';
import { parseDraft } from '../extension/core/parse';
import { generateWorkspace } from './generate';
import { log, printJson, results, stats } from './report';

function run(files: number, perFile: number): void {
  const ws = generateWorkspace(files, perFile);
  const texts = [...ws.values()];
  // Warm up the JIT.
  for (const t of texts.slice(0, 20)) parseDraft(t, 'warm.md');
  const parseTimes: number[] = [];
  const index = new WorkspaceIndex();
  const t0 = performance.now();
  for (const [path, text] of ws) {
    const s = performance.now();
    index.setDraft(path, text);
    parseTimes.push(performance.now() - s);
  }
  const tParse = performance.now() - t0;
  const g0 = performance.now();
  const graph = index.getGraph();
  const tGraph = performance.now() - g0;
  const updates: number[] = [];
  for (let k = 0; k < 20; k++) {
    const path = `d${k % files}.md`;
    const text = `${ws.get(path)!}\nObjection: a new objection ${k}.\n`;
    const u0 = performance.now();
    index.setDraft(path, text);
    index.getGraph();
    updates.push(performance.now() - u0);
  }
  const size = texts.reduce((n, t) => n + t.length, 0);
  results[`core-${files}`] = { nodes: graph.nodes.length, edges: graph.edges.length, parseMs: tParse, parseMsPerDraft: stats(parseTimes), firstGraphMs: tGraph, updateMs: stats(updates) };
  log(
    `core ${files} drafts x ${perFile} elements (${graph.nodes.length} nodes, ${graph.edges.length} edges, ${(size / 1e6).toFixed(1)} MB): ` +
      `parse ${tParse.toFixed(0)} ms total, ${stats(parseTimes).median.toFixed(2)} ms median per draft; ` +
      `first graph ${tGraph.toFixed(0)} ms; one-draft update + graph ${stats(updates).median.toFixed(1)} ms median`,
  );
}

run(100, 20);
run(500, 20);
printJson();
