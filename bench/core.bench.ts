/** Core benchmark: parse time per draft, whole-graph time, and one-draft update + graph, on generated workspaces; parseDraft against remark-parse on one big draft. */
import { performance } from 'node:perf_hooks';
import { WorkspaceIndex } from '../extension/core/index/workspaceIndex';
import { parseDraft } from '../extension/core/parse/parse';
import { generateWorkspace } from './generate';
import { log, printJson, results, spread, stats } from './report';
import { draft, rng } from './corpus';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';

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

/** parseDraft on one big draft in the plainest markdown, against remark-parse: it must stay linear in the draft's size. */
function bigSimpleDraft(): void {
  const text = draft(rng(3), 0, 100, 600_000, true);
  const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  const time = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const simple = stats([0, 1, 2, 3, 4].map(() => time(() => parseDraft(text, 'big.md'))));
  const full = stats([0, 1, 2].map(() => time(() => remark.parse(text))));
  results['simple-path-600KB'] = { simple, remarkParse: full };
  log(`parseDraft, one ${(text.length / 1000).toFixed(0)} KB draft: ${spread(simple)}; remark-parse of it ${spread(full)} = ${(simple.median / full.median).toFixed(2)} x`);
}

run(100, 20);
run(500, 20);
bigSimpleDraft();
printJson();
