/** importArgdown: Argdown fixtures (written for these tests) become drafts whose graph has the statements, kinds and relations; export then import round-trips the examples. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { corpus } from '../../../bench/corpus';
import { join, relative, sep } from 'node:path';
import { importArgdown } from '../../../extension/core/export/argdownImport';
import { argdownTitles, exportArgdown } from '../../../extension/core/export/argdown';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import type { ArgumentGraph } from '../../../extension/core/model';

const fixtures = join(__dirname, 'fixtures', 'argdown');
const examples = join(__dirname, '..', '..', '..', 'examples', 'alignment');

function graphOf(text: string): ArgumentGraph {
  const index = new WorkspaceIndex();
  index.setDraft('imported.md', text);
  return index.getGraph();
}

/** Edges as `source -kind-> target` by local id, sorted. */
function edgesOf(graph: ArgumentGraph): string[] {
  const local = (id: string) => id.slice(id.indexOf('#^') + 2);
  return graph.edges.map((e) => `${local(e.source)} -${e.kind}-> ${local(e.target)}`).sort();
}

describe('importArgdown on Argdown fixtures', () => {
  it('statements, an argument with premises and a conclusion, +, - and _ relations, titles and tags', () => {
    const r = importArgdown(readFileSync(join(fixtures, 'pause.argdown'), 'utf8'));
    expect(r.warnings).toEqual([]);
    const g = graphOf(r.text);
    expect(g.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(g.files[0].title).toBe('Should labs pause?');
    const kinds = Object.fromEntries(g.nodes.map((n) => [n.localId, n.kind]));
    expect(kinds).toEqual({
      pause: 'claim',
      race: 'support',
      doubt: 'objection',
      'pause-harmful': 'objection',
      verification: 'reply',
      lead: 'support',
      'untitled-1': 'support',
    });
    expect(g.nodes.every((n) => n.explicitId)).toBe(true);
    expect(edgesOf(g)).toEqual([
      'doubt -objects-> pause',
      'lead -supports-> pause-harmful',
      'pause-harmful -objects-> pause',
      'race -supports-> pause',
      'untitled-1 -supports-> pause-harmful',
      'verification -replies-> pause-harmful',
    ]);
    expect(g.nodes.find((n) => n.localId === 'pause')!.topics).toEqual(['policy']);
    expect(g.nodes.find((n) => n.localId === 'verification')!.text).toBe('Compute governance can verify a joint pause. #governance');
    // The argument's own description is kept as prose, not lost.
    expect(r.text).toContain('*Argument Coordination: A unilateral pause hands the lead to less careful labs.*');
    expect(r.ids).toMatchObject({ Pause: 'pause', 'Pause harmful': 'pause-harmful' });
  });

  it('outgoing and incoming relation forms, a statement defined twice, several targets, contradiction, escaped text', () => {
    const r = importArgdown(readFileSync(join(fixtures, 'relations.argdown'), 'utf8'));
    expect(r.warnings).toEqual([]);
    const g = graphOf(r.text);
    expect(g.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(edgesOf(g)).toEqual([
      'circuits -supports-> interp',
      'large-toy -replies-> toy',
      'no-locality -objects-> interp',
      'no-locality -objects-> sparse',
      'same-thing -objects-> interp',
      'sparse -supports-> interp',
      'superposition -objects-> interp',
      'toy -objects-> circuits',
    ]);
    const text = (id: string) => g.nodes.find((n) => n.localId === id)!.text;
    // The first definition's text; markdown characters escaped, so they read as written.
    expect(text('interp')).toBe('Interpretability will scale to frontier models.');
    expect(text('sparse')).toBe('Sparse dictionaries find features at every [scale] we tried.');
    expect(text('no-locality')).toMatch(/^Networks have no <spatial> locality & no obvious scale\./);
    expect(g.nodes.find((n) => n.localId === 'lonely')!.kind).toBe('claim');
  });

  it('broken Argdown gives warnings with lines and a draft of what parsed, never an exception', () => {
    const r = importArgdown(readFileSync(join(fixtures, 'broken.argdown'), 'utf8'));
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.warnings[0]).toMatch(/^line \d+: /);
    expect(graphOf(r.text).nodes.length).toBe(r.elements);
    for (const junk of ['', '\u0000\u0001', '[[[[', '<<<', '(1) only a premise\n----\n', '+ [A]\n- [B]\n_ [C]']) {
      const j = importArgdown(junk);
      expect(() => graphOf(j.text)).not.toThrow();
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') ? [join(dir, f)] : []));
}

describe('round trip: export argdown, then import', () => {
  it('gives the same elements, kinds, texts and edges on examples/alignment', () => {
    const index = new WorkspaceIndex();
    for (const f of walk(examples)) index.setDraft(relative(examples, f).split(sep).join('/'), readFileSync(f, 'utf8'));
    const original = index.getGraph();
    const r = importArgdown(exportArgdown(original));
    expect(r.warnings).toEqual([]);
    const back = graphOf(r.text);
    expect(back.diagnostics.filter((d) => d.code === 'duplicate-id')).toEqual([]);
    // The examples' one dangling element reference (a typo, on purpose) dangles in the import too; nothing else does.
    const dangling = (g: ArgumentGraph) => g.diagnostics.filter((d) => d.code === 'dangling-ref' && d.message.includes('#^')).length;
    expect(dangling(back)).toBe(dangling(original));
    expect(dangling(back)).toBeGreaterThan(0);
    const titles = argdownTitles(original.nodes);
    const newId = new Map(original.nodes.map((n) => [n.id, r.ids[titles.get(n.id)!]]));
    expect(back.nodes.length).toBe(original.nodes.length);
    const byLocal = new Map(back.nodes.map((n) => [n.localId, n]));
    // Texts compare with references read as what they name (their targets now live in one draft, under new ids).
    const words = (t: string) => t.replace(/\[\[[^\]|]*#\^([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_, id: string, alias?: string) => alias ?? `ref:${id.replace(/-\d+$/, '')}`).replace(/\[\[([^\]#|]*)(?:\|([^\]]*))?\]\]/g, (_, name: string, alias?: string) => alias ?? name);
    for (const n of original.nodes) {
      const m = byLocal.get(newId.get(n.id)!)!;
      expect(m, n.id).toBeDefined();
      expect(m.kind).toBe(n.kind);
      expect(words(m.text)).toBe(words(n.text));
    }
    const mapped = original.edges.map((e) => `${newId.get(e.source)} -${e.kind}-> ${newId.get(e.target)}`).sort();
    expect(edgesOf(back)).toEqual(mapped);
  });
});

describe('round trip on generated drafts (the benchmark corpus)', () => {
  it('gives the same kinds and edges on 60 drafts with orphans, nesting, cross-file references and ambiguous names', () => {
    const index = new WorkspaceIndex();
    for (const [p, t] of [...corpus(1000)].slice(0, 60)) index.setDraft(p, t);
    const original = index.getGraph();
    const r = importArgdown(exportArgdown(original));
    const back = graphOf(r.text);
    const titles = argdownTitles(original.nodes);
    const newId = new Map(original.nodes.map((n) => [n.id, r.ids[titles.get(n.id)!]]));
    expect(back.nodes.length).toBe(original.nodes.length);
    const kinds = new Map(back.nodes.map((n) => [n.localId, n.kind]));
    for (const n of original.nodes) expect(kinds.get(newId.get(n.id)!)).toBe(n.kind);
    expect(edgesOf(back)).toEqual(original.edges.map((e) => `${newId.get(e.source)} -${e.kind}-> ${newId.get(e.target)}`).sort());
  });
});

describe('importArgdown on generated Argdown', () => {
  it('gives one element a statement and one edge a relation, every id explicit, nothing dangling', () => {
    const relation = fc.tuple(fc.nat(7), fc.constantFrom('+', '-', '_', '+>', '->', '<+', '<-'), fc.nat(7));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(relation, { maxLength: 12 }), (n, relations) => {
        const lines: string[] = [];
        for (let i = 0; i < n; i++) {
          lines.push(`[T${i}]: Statement number ${i} #t${i % 3}`);
          for (const [from, op, to] of relations) if (from % n === i && to % n !== i) lines.push(`  ${op} [T${to % n}]`);
          lines.push('');
        }
        const source = lines.join('\n');
        const r = importArgdown(source);
        expect(r.warnings.filter((w) => w.startsWith('line'))).toEqual([]);
        const g = graphOf(r.text);
        expect(g.nodes.length).toBe(n);
        expect(g.nodes.every((node) => node.explicitId)).toBe(true);
        expect(g.diagnostics.filter((d) => d.code === 'dangling-ref' || d.code === 'duplicate-id')).toEqual([]);
        // Each related pair is one edge (Argdown merges a relation written twice), in the right direction.
        const pairs = new Set<string>();
        for (const [from, op, to] of relations) {
          if (from % n === to % n) continue;
          const [a, b] = op === '+' || op === '-' || op === '_' || op.startsWith('<') ? [to % n, from % n] : [from % n, to % n];
          pairs.add(`t${a}>t${b}`);
        }
        const edges = new Set(g.edges.map((e) => `${e.source.split('#^')[1]}>${e.target.split('#^')[1]}`));
        expect(edges).toEqual(pairs);
      }),
      { numRuns: 200 },
    );
  });
});
