/**
 * The exports for peer tools, each checked by that tool: Argdown by @argdown/core, DOT by Graphviz (WebAssembly),
 * Mermaid by mermaid.parse (in jsdom), GraphML by graphology-graphml, AIF structurally, JSON Canvas by a schema (ajv);
 * on the example workspace and on hostile file names and texts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { JSDOM } from 'jsdom';
import Ajv from 'ajv';
// @argdown/core 2 declares Node 22 in its engines field but runs on Node 20 (npm prints an engine warning at install only).
import { ArgdownApplication, DataPlugin, ModelPlugin, ParserPlugin } from '@argdown/core';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import type { ArgumentGraph } from '../../../extension/core/model';
import { exportGraphAs, PEER_FORMATS, scopeGraph } from '../../../extension/core/export/formats';
import { buildAif } from '../../../extension/core/export/aif';
import { buildCanvas } from '../../../extension/core/export/canvas';
import { layeredLayout } from '../../../extension/core/export/layeredLayout';
import schema from './jsonCanvas.schema.json';

const examples = join(__dirname, '..', '..', '..', 'examples', 'alignment');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') ? [join(dir, f)] : []));
}

function exampleGraph(): ArgumentGraph {
  const index = new WorkspaceIndex();
  for (const f of walk(examples)) index.setDraft(relative(examples, f).split(sep).join('/'), readFileSync(f, 'utf8'));
  return index.getGraph();
}

/** File names and texts with every character some format treats specially. */
const HOSTILE_FILE = 'odd "dir" <&>/post ]1 {x};%.md';
const HOSTILE_TEXT = `Quotes "double" and 'single', <b>tag</b> & ampersand, ] bracket [, {brace}, #hash; semi|pipe \\ back *star* _under_ -- --> %% end`;
function hostileGraph(): ArgumentGraph {
  const index = new WorkspaceIndex();
  index.setDraft(
    HOSTILE_FILE,
    [
      `## Claim: ${HOSTILE_TEXT} ^hostile`,
      '',
      '- Support: a <support> & "its" reason ]',
      '- Objection: an "objection" <x> & ] ^obj',
      '  - Reply: a reply with `code` & <y> ]',
      '- Question: is it "so" & <z> ]?',
      '',
      'Claim: another claim that mentions [[#^hostile]] & "more" ^other',
      '',
      'Crux: which one? [[#^hostile]] vs [[other#^side]] ^crux',
    ].join('\n'),
  );
  index.setDraft('other.md', '---\ntitle: The <other> "side" & ]\n---\n\nClaim: The other side ]] & <o>. ^side\n');
  const graph = index.getGraph();
  // Texts the parser never makes (it reads line breaks as spaces), to check the escapes of line breaks too.
  graph.nodes[0] = { ...graph.nodes[0], text: `${graph.nodes[0].text}\nsecond line\r\nthird` };
  return graph;
}

const cases: [string, () => ArgumentGraph][] = [
  ['the example workspace', exampleGraph],
  ['hostile names and texts', hostileGraph],
];

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.each(cases)('exports of %s', (_name, make) => {
  const graph = make();

  it('has every element kind and edge kind to check', () => {
    expect(graph.nodes.length).toBeGreaterThan(5);
    expect(new Set(graph.edges.map((e) => e.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('argdown: @argdown/core parses it with no error into as many statements and relations as elements and edges', () => {
    const app = new ArgdownApplication();
    app.addPlugin(new ParserPlugin(), 'parse-input');
    app.addPlugin(new DataPlugin(), 'build-model');
    app.addPlugin(new ModelPlugin(), 'build-model');
    const r = app.run({ input: exportGraphAs(graph, 'argdown'), process: ['parse-input', 'build-model'] } as never);
    expect(r.lexerErrors).toEqual([]);
    expect(r.parserErrors).toEqual([]);
    expect(r.exceptions ?? []).toEqual([]);
    const statements = Object.values(r.statements!);
    expect(statements.length).toBe(graph.nodes.length);
    expect(r.relations!.length).toBe(graph.edges.length);
    expect(Object.keys(r.arguments ?? {}).length).toBe(0);
    // Each statement carries its element's kind, id, file and line, and its text exactly.
    const byId = new Map(statements.map((s) => [`${s.data.file}#^${s.data.id}`, s]));
    for (const n of graph.nodes) {
      const s = byId.get(n.id)!;
      expect(s, n.id).toBeDefined();
      expect(s.data).toEqual({ kind: n.kind, id: n.localId, file: n.file, line: n.range.start.line + 1 });
      // Relations name statements again (members without text); the definition is the member with text.
      expect(flat(s.members.find((m) => m.text !== undefined)!.text!)).toBe(flat(n.text));
    }
    const rel = (t: string) => ({ support: 'supports', attack: 'attack', undercut: 'undercut' })[t];
    for (const e of graph.edges) {
      const found = r.relations!.filter((x) => (x.from as { data?: { id: string; file: string } }).data?.id === e.source.split('#^')[1] && (x.to as { data?: { id: string } }).data?.id === e.target.split('#^')[1]);
      expect(found.length, `${e.source} -> ${e.target}`).toBe(1);
      expect(rel(found[0].relationType)).toBe(e.kind === 'supports' ? 'supports' : e.kind === 'objects' || e.kind === 'replies' ? 'attack' : 'undercut');
    }
  });

  let graphviz: Awaited<ReturnType<typeof Graphviz.load>>;
  beforeAll(async () => {
    graphviz = await Graphviz.load();
  });

  it('dot: Graphviz renders it to SVG, one node an element and one edge an edge, with file and line on each', () => {
    const dot = exportGraphAs(graph, 'dot');
    const svg = graphviz.dot(dot, 'svg');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect((svg.match(/<g id="node\d+" class="node">/g) ?? []).length).toBe(graph.nodes.length);
    expect((svg.match(/<g id="edge\d+" class="edge">/g) ?? []).length).toBe(graph.edges.length);
    const json = JSON.parse(graphviz.dot(dot, 'json')) as { objects: { name: string; cruxmap_file?: string; cruxmap_line?: string; label?: string }[]; edges: unknown[] };
    const nodes = json.objects.filter((o) => o.cruxmap_file !== undefined);
    expect(nodes.length).toBe(graph.nodes.length);
    for (const n of graph.nodes) {
      const o = nodes.find((x) => x.name === n.id)!;
      expect(o, n.id).toBeDefined();
      expect(o.cruxmap_file).toBe(n.file);
      expect(o.cruxmap_line).toBe(String(n.range.start.line + 1));
      // Graphviz keeps a label's escapes as written (escString): \\ for a backslash, \n for a line break.
      expect(flat(o.label!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? ' ' : c)))).toBe(flat(`${n.kind.toUpperCase()} ${n.text}`));
    }
    expect(json.edges.length).toBe(graph.edges.length);
  });

  it('mermaid: mermaid.parse accepts the flowchart, with one vertex an element and one link an edge', async () => {
    const dom = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
    const g = globalThis as Record<string, unknown>;
    g.window = dom.window;
    g.document = dom.window.document;
    const mermaid = (await import('mermaid')).default;
    const text = exportGraphAs(graph, 'mermaid');
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as { getVertices(): Map<string, { text: string }>; getEdges(): unknown[] };
    expect(db.getVertices().size).toBe(graph.nodes.length);
    expect(db.getEdges().length).toBe(graph.edges.length);
    // Labels travel as Mermaid's #code; entities: decoded, they are the element texts.
    // (mermaid's parser keeps them as its own placeholders, ﬂ°°N¶ß, until it renders)
    const decode = (s: string) => s.replace(/(?:#|ﬂ°°)(\d+)(?:;|¶ß)/g, (_, c) => String.fromCharCode(Number(c)));
    graph.nodes.forEach((n, i) => expect(flat(decode(db.getVertices().get(`n${i}`)!.text))).toBe(flat(`${n.kind}: ${n.text}`)));
    for (const n of graph.nodes) expect(text).toContain(`${n.file.replace(/[\r\n]+/g, ' ')}:${n.range.start.line + 1}`);
  });

  it('graphml: graphology-graphml reads it back with the same nodes, edges and exact attributes', () => {
    const xml = exportGraphAs(graph, 'graphml');
    const back = parseGraphml(Graph, xml);
    expect(back.order).toBe(graph.nodes.length);
    expect(back.size).toBe(graph.edges.length);
    for (const n of graph.nodes) {
      expect(back.getNodeAttributes(n.id)).toMatchObject({ kind: n.kind, text: n.text, file: n.file, line: n.range.start.line + 1, localId: n.localId });
    }
    for (const e of graph.edges) expect(back.someEdge((_k, a, s, t) => s === e.source && t === e.target && a.kind === e.kind)).toBe(true);
    // Well-formed XML too, by a second parser.
    const doc = new JSDOM('').window.DOMParser;
    expect(new doc().parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length).toBe(0);
  });

  it('aif: I-nodes for elements, RA-nodes for supports, CA-nodes for objections, replies and between crux targets', () => {
    const aif = JSON.parse(exportGraphAs(graph, 'aif')) as ReturnType<typeof buildAif>;
    const byId = new Map(aif.nodes.map((n) => [n.nodeID, n]));
    expect(byId.size).toBe(aif.nodes.length);
    const iNodes = aif.nodes.filter((n) => n.type === 'I');
    expect(iNodes.length).toBe(graph.nodes.length);
    const iOf = new Map(iNodes.map((n) => [n.cruxmap!.id!, n]));
    for (const n of graph.nodes) expect(iOf.get(n.id)).toMatchObject({ text: n.text, cruxmap: { kind: n.kind, file: n.file, line: n.range.start.line + 1 } });
    for (const e of aif.edges) {
      expect(byId.has(e.fromID) && byId.has(e.toID)).toBe(true);
      // AIF: edges join an I-node and an S-node, never two I-nodes.
      expect([byId.get(e.fromID)!.type === 'I', byId.get(e.toID)!.type === 'I'].filter(Boolean).length).toBe(1);
    }
    const through = (from: string, to: string, type: string) =>
      aif.nodes.filter((s) => s.type === type && aif.edges.some((e) => e.fromID === iOf.get(from)!.nodeID && e.toID === s.nodeID) && aif.edges.some((e) => e.fromID === s.nodeID && e.toID === iOf.get(to)!.nodeID));
    for (const e of graph.edges) {
      if (e.kind === 'supports') expect(through(e.source, e.target, 'RA').length, `${e.source} RA ${e.target}`).toBe(1);
      if (e.kind === 'objects' || e.kind === 'replies') expect(through(e.source, e.target, 'CA').length).toBeGreaterThanOrEqual(1);
      if (e.kind === 'questions' || e.kind === 'mentions') expect(aif.cruxmapEdges).toContainEqual({ fromID: iOf.get(e.source)!.nodeID, toID: iOf.get(e.target)!.nodeID, kind: e.kind });
    }
    const cruxes = graph.nodes.filter((n) => n.kind === 'crux');
    for (const c of cruxes) {
      const targets = graph.edges.filter((e) => e.source === c.id && e.kind === 'crux').map((e) => e.target);
      if (targets.length >= 2) expect(aif.nodes.filter((s) => s.type === 'CA' && s.cruxmap?.by === c.id).length).toBe((targets.length * (targets.length - 1)) / 2);
    }
    for (const s of aif.nodes.filter((n) => n.type !== 'I')) {
      expect(aif.edges.filter((e) => e.toID === s.nodeID).length).toBe(1);
      expect(aif.edges.filter((e) => e.fromID === s.nodeID).length).toBe(1);
    }
  });

  it('canvas: valid JSON Canvas 1.0 (a schema written from the spec), nodes at layout positions inside their file\'s group, no overlaps', () => {
    const canvas = JSON.parse(exportGraphAs(graph, 'canvas'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(canvas), JSON.stringify(validate.errors)).toBe(true);
    const built = buildCanvas(graph);
    const text = built.nodes.filter((n) => n.type === 'text');
    const groups = built.nodes.filter((n) => n.type === 'group');
    expect(text.length).toBe(graph.nodes.length);
    expect(groups.length).toBe(new Set(graph.nodes.map((n) => n.file)).size);
    expect(built.edges.length).toBe(graph.edges.length);
    const ids = new Set(built.nodes.map((n) => n.id));
    expect(ids.size).toBe(built.nodes.length);
    for (const e of built.edges) expect(ids.has(e.fromNode) && ids.has(e.toNode)).toBe(true);
    for (const [i, n] of graph.nodes.entries()) {
      const c = text[i];
      expect(c.text).toContain(`${n.range.start.line + 1}`);
      const group = groups.find((g) => g.label === (graph.files.find((f) => f.file === n.file)?.title ?? n.file))!;
      expect(c.x >= group.x && c.y >= group.y && c.x + c.width <= group.x + group.width && c.y + c.height <= group.y + group.height).toBe(true);
    }
    for (let a = 0; a < text.length; a++) {
      for (let b = a + 1; b < text.length; b++) {
        const [p, q] = [text[a], text[b]];
        expect(p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y).toBe(true);
      }
    }
  });
});

describe('layeredLayout', () => {
  it('puts what an element answers above it, and breaks cycles', () => {
    const g: ArgumentGraph = {
      ...hostileGraph(),
    };
    const boxes = layeredLayout(g);
    for (const e of g.edges) {
      if (e.source === e.target) continue;
      expect(boxes.get(e.target)!.y, `${e.target} above ${e.source}`).toBeLessThan(boxes.get(e.source)!.y);
    }
    const node = (id: string) => ({ ...g.nodes[0], id, localId: id });
    const cyclic: ArgumentGraph = { ...g, nodes: [node('a'), node('b'), node('c')], edges: [{ source: 'a', target: 'b', kind: 'supports' }, { source: 'b', target: 'c', kind: 'supports' }, { source: 'c', target: 'a', kind: 'supports' }] };
    const cb = layeredLayout(cyclic);
    expect(cb.size).toBe(3);
    expect(new Set([...cb.values()].map((b) => b.y)).size).toBe(3);
  });

  it('scopeGraph keeps a scope\'s files, nodes and the edges inside it', () => {
    const g = exampleGraph();
    const files = new Set(['scheming-first.md', 'outer-alignment.md']);
    const s = scopeGraph(g, files);
    expect(s.files.map((f) => f.file).sort()).toEqual([...files].sort());
    expect(s.nodes.length).toBe(g.nodes.filter((n) => files.has(n.file)).length);
    expect(s.edges.length).toBeGreaterThan(0);
    expect(s.edges.length).toBeLessThan(g.edges.length);
    const inside = new Set(s.nodes.map((n) => n.id));
    expect(s.edges.every((e) => inside.has(e.source) && inside.has(e.target))).toBe(true);
    expect(exportGraphAs(s, 'argdown')).not.toContain('cot-summaries');
  });

  it('every format is in the list the CLI and the map offer', () => {
    expect([...PEER_FORMATS].sort()).toEqual(['aif', 'argdown', 'canvas', 'dot', 'graphml', 'mermaid']);
  });
});

describe('exports of generated drafts with hostile texts', () => {
  // Texts from the characters each format treats specially; the parser turns them into element texts.
  const chunk = fc.constantFrom('a', 'word', ' ', '"', "'", '<', '>', '&', '[', ']', '{', '}', '(', ')', '#', ';', '|', '\\', '`', '%%', '-->', '_x_', '*', ':', '^', '$', '@', ',', '.', '==', '\t');
  const text = fc.array(chunk, { minLength: 1, maxLength: 12 }).map((c) => c.join('').replace(/\s+/g, ' ').trim() || 'x');
  const label = fc.constantFrom('Claim', 'Support', 'Objection', 'Reply', 'Question');
  const drafts = fc.array(fc.tuple(label, text, fc.boolean()), { minLength: 1, maxLength: 8 }).map((els) =>
    els.map(([l, t, nested], i) => `${nested && i > 0 ? '  ' : ''}- ${l}: ${t} ^e${i}`).join('\n'),
  );
  let graphviz: Awaited<ReturnType<typeof Graphviz.load>>;
  beforeAll(async () => {
    graphviz = await Graphviz.load();
  });

  it('Argdown, Graphviz, GraphML and Mermaid read every one with all elements, edges and texts', async () => {
    const dom = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
    const g = globalThis as Record<string, unknown>;
    g.window = dom.window;
    g.document = dom.window.document;
    const mermaid = (await import('mermaid')).default;
    await fc.assert(
      fc.asyncProperty(drafts, fc.constantFrom('a.md', 'we "ird" <&>/b ]{x}.md'), async (draft, file) => {
        const index = new WorkspaceIndex();
        index.setDraft(file, draft);
        const graph = index.getGraph();
        const app = new ArgdownApplication();
        app.addPlugin(new ParserPlugin(), 'parse-input');
        app.addPlugin(new DataPlugin(), 'build-model');
        app.addPlugin(new ModelPlugin(), 'build-model');
        const r = app.run({ input: exportGraphAs(graph, 'argdown'), process: ['parse-input', 'build-model'] } as never);
        expect([...(r.lexerErrors ?? []), ...(r.parserErrors ?? [])]).toEqual([]);
        expect(Object.keys(r.statements!).length).toBe(graph.nodes.length);
        expect(r.relations!.length).toBe(graph.edges.length);
        const texts = Object.values(r.statements!).map((s) => flat(s.members.find((m) => m.text !== undefined)!.text!)).sort();
        expect(texts).toEqual(graph.nodes.map((n) => flat(n.text) || `(${n.kind})`).sort());
        const json = JSON.parse(graphviz.dot(exportGraphAs(graph, 'dot'), 'json')) as { objects: { cruxmap_file?: string }[]; edges?: unknown[] };
        expect(json.objects.filter((o) => o.cruxmap_file === file).length).toBe(graph.nodes.length);
        expect((json.edges ?? []).length).toBe(graph.edges.length);
        const back = parseGraphml(Graph, exportGraphAs(graph, 'graphml'));
        expect(graph.nodes.map((n) => back.getNodeAttribute(n.id, 'text'))).toEqual(graph.nodes.map((n) => n.text));
        const flowchart = exportGraphAs(graph, 'mermaid');
        await expect(mermaid.parse(flowchart)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
        const diagram = await mermaid.mermaidAPI.getDiagramFromText(flowchart);
        const db = diagram.db as unknown as { getVertices(): Map<string, unknown>; getEdges(): unknown[] };
        expect(db.getVertices().size).toBe(graph.nodes.length);
        expect(db.getEdges().length).toBe(graph.edges.length);
      }),
      // Found by a CI run (seed 1207654007): a run of '=' reads as Argdown front matter unless escaped.
      { numRuns: 40, examples: [['- Claim: ====== ^e0', 'a.md'], ['- Claim: a === b ^e0\n  - Objection: ==== ^e1', 'a.md']] },
    );
  }, 120_000);
});
