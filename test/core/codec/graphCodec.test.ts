/** The compact snapshot form of a whole graph: decoding what was encoded (through JSON) gives the very same graph, from the same drafts' texts, and anything malformed is refused. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import { decodeGraph, encodeGraph, type EncodedGraph } from '../../../extension/core/codec/graphCodec';
import { corpus } from '../../../bench/corpus';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : p.endsWith('.md') ? [p] : [];
  });
}

/** Indexes the texts and round-trips the graph; returns the stored JSON. */
function roundTrip(texts: Map<string, string>): string {
  const index = new WorkspaceIndex();
  for (const [p, t] of texts) index.setDraft(p, t);
  const graph = index.getGraph();
  const textOf = (p: string) => texts.get(p);
  const stored = JSON.stringify(encodeGraph(graph, textOf));
  expect(decodeGraph(JSON.parse(stored), textOf)).toStrictEqual(graph);
  return stored;
}

describe('graph codec', () => {
  it('round-trips the examples and every fixture workspace', () => {
    const examples = new Map(markdownFiles('examples/alignment').map((f) => [relative('examples/alignment', f), readFileSync(f, 'utf8')]));
    expect(examples.size).toBeGreaterThan(3);
    roundTrip(examples);
    for (const dir of readdirSync('test/fixtures')) {
      const root = join('test/fixtures', dir);
      roundTrip(new Map(markdownFiles(root).map((f) => [relative(root, f), readFileSync(f, 'utf8')])));
    }
  });

  it('round-trips a benchmark corpus, storing node texts as places in their drafts (under a third of the graph JSON)', () => {
    const texts = corpus(80, 5);
    const stored = roundTrip(texts);
    const index = new WorkspaceIndex();
    for (const [p, t] of texts) index.setDraft(p, t);
    const graph = index.getGraph();
    expect(graph.nodes.length).toBeGreaterThan(500);
    expect(graph.edges.length).toBeGreaterThan(300);
    expect(graph.disagreements.length).toBeGreaterThan(10);
    expect(graph.diagnostics.length).toBeGreaterThan(10);
    expect(stored.length).toBeLessThan(JSON.stringify(graph).length / 3);
    // No long node text is stored word for word: each is a place in its draft.
    for (const n of graph.nodes) if (n.text.length >= 16 && texts.get(n.file)!.includes(n.text)) expect(stored.includes(JSON.stringify(n.text))).toBe(false);
  });

  it('keeps a text that is not in its draft word for word', () => {
    const texts = new Map([['a.md', 'Claim: Scheming is **the** central risk of advanced AI. ^a\n\n- Objection: outer alignment matters more than scheming.\n']]);
    const stored = roundTrip(texts);
    const index = new WorkspaceIndex();
    index.setDraft('a.md', texts.get('a.md')!);
    const texty = index.getGraph().nodes.find((n) => n.localId === 'a')!;
    expect(texts.get('a.md')!.includes(texty.text)).toBe(false);
    expect(stored).toContain(JSON.stringify(texty.text));
  });

  it('refuses malformed values and texts too short for the places it names', () => {
    const texts = new Map([['a.md', 'Claim: Scheming is the central risk of advanced AI. ^a\n\n- Objection: outer alignment matters more [[#^a]].\n\nCrux: [[#^a]] vs [[#^b]]\n']]);
    const index = new WorkspaceIndex();
    index.setDraft('a.md', texts.get('a.md')!);
    const good = encodeGraph(index.getGraph(), (p) => texts.get(p));
    const textOf = (p: string) => texts.get(p);
    const bad: unknown[] = [
      null,
      [],
      'graph',
      good.slice(0, 9),
      good.map((v, i) => (i === 1 ? [...good[1], 0] : v)),
      good.map((v, i) => (i === 1 ? good[1].map((n, k) => (k === 0 ? 7 : n)) : v)),
      good.map((v, i) => (i === 1 ? good[1].map((n, k) => (k === 2 ? 42 : n)) : v)),
      good.map((v, i) => (i === 1 ? good[1].map((n, k) => (k === 5 ? '0' : n)) : v)),
      good.map((v, i) => (i === 5 ? [0, 99, 0] : v)),
      good.map((v, i) => (i === 5 ? [0, 1, 42] : v)),
      good.map((v, i) => (i === 6 ? [0, 1, 0] : v)),
      good.map((v, i) => (i === 7 ? good[7].slice(1) : v)),
      good.map((v, i) => (i === 9 ? [] : v)),
      good.map((v, i) => (i === 3 ? [...good[3], 'one too many'] : v)),
      good.map((v, i) => (i === 4 ? [[99, ['t']]] : v)),
      good.map((v, i) => (i === 0 ? [[1, 'T', []]] : v)),
    ];
    for (const x of bad) expect(() => decodeGraph(x, textOf)).toThrow();
    expect(() => decodeGraph(JSON.parse(JSON.stringify(good)) as EncodedGraph, () => 'short')).toThrow(/not in its draft/);
    expect(() => decodeGraph(good, () => undefined)).toThrow(/not in its draft/);
    // Refuses to encode a graph whose edges name a node it does not hold.
    const g = index.getGraph();
    expect(() => encodeGraph({ ...g, edges: [{ source: 'a.md#^a', target: 'b.md#^zz', kind: 'objects' }] }, textOf)).toThrow(/no node/);
    // ... or a node whose id is not its file's and local id (ids are rebuilt from them on decoding).
    expect(() => encodeGraph({ ...g, nodes: g.nodes.map((n, i) => (i === 0 ? { ...n, id: `a.md#-${n.localId}` } : n)) }, textOf)).toThrow(/not its file's/);
  });
});
