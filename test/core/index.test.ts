/** WorkspaceIndex: incremental updates, resolution and the lookups the editor uses. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { parseDraft } from '../../extension/core/parse/parse';
import { decodeGraph, encodeGraph } from '../../extension/core/codec/graphCodec';

function countingIndex() {
  const parsed: string[] = [];
  const index = new WorkspaceIndex((text, path) => {
    parsed.push(path);
    return parseDraft(text, path);
  });
  return { index, parsed };
}

const A = 'Claim: A holds. ^a\n\nObjection: [[b#^b]] is wrong.\n';
const B = 'Claim: B holds. ^b\n';
const C = 'Claim: C is unrelated. ^c\n';

describe('WorkspaceIndex', () => {
  it('re-parses only the changed draft and recomputes what referenced it', () => {
    const { index, parsed } = countingIndex();
    index.setDraft('a.md', A);
    index.setDraft('b.md', B);
    index.setDraft('c.md', C);
    expect(index.diagnosticsFor('a.md').map((d) => d.code)).toEqual(['unanswered-objection']);
    expect(index.getGraph().edges).toHaveLength(1);
    parsed.length = 0;
    // b.md loses its id: a.md's reference now dangles, without a.md being parsed again.
    index.setDraft('b.md', 'Claim: B holds, renamed. ^b2\n');
    expect(parsed).toEqual(['b.md']);
    expect(index.diagnosticsFor('a.md').map((d) => d.code)).toEqual(['orphan-element', 'unanswered-objection', 'dangling-ref']);
    expect(index.getGraph().edges).toHaveLength(0);
    expect(index.diagnosticsFor('c.md')).toEqual([]);
    expect(parsed).toEqual(['b.md']);
    expect(index.parseCount).toBe(4);
  });

  it('caches the graph until a change', () => {
    const { index } = countingIndex();
    index.setDraft('a.md', A);
    const g1 = index.getGraph();
    expect(index.getGraph()).toBe(g1);
    index.setDraft('b.md', B);
    expect(index.getGraph()).not.toBe(g1);
  });

  it('removes and renames drafts', () => {
    const index = new WorkspaceIndex();
    index.setDraft('a.md', A);
    index.setDraft('b.md', B);
    expect(index.removeDraft('b.md')).toBe(true);
    expect(index.removeDraft('b.md')).toBe(false);
    expect(index.diagnosticsFor('a.md').map((d) => d.code)).toContain('dangling-ref');
    index.setDraft('b.md', B);
    index.renameDraft('b.md', 'sub/b.md');
    expect(index.paths()).toEqual(['a.md', 'sub/b.md']);
    expect(index.getGraph().edges.map((e) => e.target)).toEqual(['sub/b.md#^b']);
    index.setDraft('other/b.md', B);
    expect(index.diagnosticsFor('a.md').map((d) => d.code)).toContain('ambiguous-ref');
  });

  it('looks up elements and references by position', () => {
    const index = new WorkspaceIndex();
    index.setDraft('a.md', A);
    index.setDraft('b.md', B);
    expect(index.elementAt('a.md', { line: 0, character: 3 })?.id).toBe('a.md#^a');
    expect(index.elementAt('a.md', { line: 1, character: 0 })).toBeUndefined();
    expect(index.elementAt('a.md', { line: 2, character: 25 })?.element.kind).toBe('objection');
    const ref = index.referenceAt('a.md', { line: 2, character: 14 });
    expect(ref?.reference.blockId).toBe('b');
    expect(ref?.resolution).toEqual({ status: 'ok', file: 'b.md', localId: 'b', elementIndex: 0 });
    expect(index.referenceAt('a.md', { line: 0, character: 1 })).toBeUndefined();
  });

  it('answers incoming references and edges, and ids by prefix', () => {
    const index = new WorkspaceIndex();
    index.setDraft('a.md', A + '\nSupport: see [b](b.md#^b).\n');
    index.setDraft('b.md', B);
    expect(index.incomingReferences('b.md#^b').map((r) => r.reference.syntax)).toEqual(['wikilink', 'link']);
    expect(index.incomingEdges('b.md#^b').map((e) => e.kind)).toEqual(['objects', 'supports']);
    expect(index.outgoingEdges('b.md#^b')).toEqual([]);
    expect(index.findByIdPrefix('b').map((n) => n.id)).toEqual(['a.md#^bb-is-wrong', 'b.md#^b']);
    expect(index.getElement('b.md#^b')?.element.text).toBe('B holds.');
  });

  it('resolves wikilink names by exact path, then unique suffix; links relative to the file', () => {
    const index = new WorkspaceIndex();
    index.setDraft('posts/x.md', 'Claim: x ^x\n');
    index.setDraft('notes/deep/y.markdown', 'Claim: y ^y\n');
    index.setDraft('y.md', 'Claim: top y ^y\n');
    const wl = (target: string) => index.resolveReference('posts/x.md', { syntax: 'wikilink', target, blockId: undefined, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, element: -1 });
    const ln = (target: string) => index.resolveReference('posts/x.md', { syntax: 'link', target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, element: -1 });
    expect(wl('y')).toEqual({ status: 'ok', file: 'y.md' });
    expect(wl('deep/y')).toEqual({ status: 'ok', file: 'notes/deep/y.markdown' });
    expect(wl('x')).toEqual({ status: 'ok', file: 'posts/x.md' });
    expect(wl('nope')).toEqual({ status: 'missing-file' });
    expect(ln('../y.md')).toEqual({ status: 'ok', file: 'y.md' });
    expect(ln('x.md')).toEqual({ status: 'ok', file: 'posts/x.md' });
    expect(ln('../../y.md')).toEqual({ status: 'missing-file' });
    expect(index.wikiNameFor('notes/deep/y.markdown')).toBe('deep/y');
    expect(index.wikiNameFor('posts/x.md')).toBe('x');
  });
});

/** Every query of an index, for comparing two indexes. */
function everything(index: WorkspaceIndex): unknown {
  const g = index.getGraph();
  return {
    graph: g,
    nodes: g.nodes.map((n) => ({ n: index.getNode(n.id), in: index.incomingEdges(n.id), refs: index.incomingReferences(n.id), out: index.outgoingEdges(n.id) })),
    files: index.paths().map((p) => ({ d: index.diagnosticsFor(p), linked: index.linkedFiles(p), draft: index.getDraft(p) })),
  };
}

describe('incremental graph', () => {
  // Small drafts that reference each other's ids, so edits change what other drafts resolve to.
  const pool = [
    'Claim: A. ^a\n\nObjection: [[b#^b]] is wrong.\n',
    'Claim: B. ^b\n\nReply: [[a#^a]] answered.\n\nCrux: which? [[#^b]] vs [[c#^c]]\n',
    'Claim: C. ^c\n\n- Support: [b](b.md#^b) helps.\n- Objection: [[d/a#^a]] too.\n',
    'Claim: renamed. ^b2\n\nQuestion: [[a#^zz]]?\n',
    '# Claim: Heading. ^a\n\n- Objection: [[c#^c]] no.\n  - Reply: yes.\n',
    'No markup here at all.\n',
    'Claim: dup ^b\n\nClaim: dup again ^b\n',
    'Claim: Scheming is the central risk from advanced AI systems. ^b\n\n- Objection: Outer alignment matters more, see [[a#^a]] and [[c#^zz]].\n  - Reply: Both matter; the crux is [[#^b]] vs [[c#^c]].\n',
  ];
  const paths = ['a.md', 'b.md', 'c.md', 'd/a.md'];

  /** An index built from scratch from these texts. */
  function scratch(texts: Map<string, string>): WorkspaceIndex {
    const index = new WorkspaceIndex();
    for (const [p, t] of texts) index.setDraft(p, t);
    return index;
  }

  /** Sets draft `t` of the pool at a path (removes the path for -1), in the live index and in the texts it must equal. */
  function edit(live: WorkspaceIndex, texts: Map<string, string>, path: string, t: number): void {
    if (t < 0) {
      live.removeDraft(path);
      texts.delete(path);
    } else {
      live.setDraft(path, pool[t]);
      texts.set(path, pool[t]);
    }
  }
  it('after any sequence of edits, equals an index built from scratch', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: pool.length - 1 }), fc.constantFrom('graph', 'queries', 'nothing')), { minLength: 1, maxLength: 25 }), (ops) => {
        const live = new WorkspaceIndex();
        const texts = new Map<string, string>();
        for (const [p, t, look] of ops) {
          edit(live, texts, paths[p], t);
          // Look (or not) at the live index between edits, as the editor does: lazily built state must not go stale.
          if (look === 'graph') expect(live.getGraph()).toEqual(scratch(texts).getGraph());
          else if (look === 'queries') expect(everything(live)).toEqual(everything(scratch(texts)));
        }
        expect(everything(live)).toEqual(everything(scratch(texts)));
      }),
      { numRuns: 200 },
    );
  });

  /** An index restored from a snapshot of `texts` (through the JSON a cache holds), counting the drafts it loads. */
  function restored(texts: Map<string, string>): { index: WorkspaceIndex; loads: string[] } {
    const built = scratch(texts);
    const textOf = (p: string) => texts.get(p);
    const graph = decodeGraph(JSON.parse(JSON.stringify(encodeGraph(built.getGraph(), textOf))), textOf);
    const index = new WorkspaceIndex();
    const loads: string[] = [];
    index.restore([...texts].map(([path, text]) => ({ path, text })), graph, (p) => {
      loads.push(p);
      return parseDraft(texts.get(p)!, p);
    });
    return { index, loads };
  }

  it('restored from a snapshot, answers like an index built from scratch, before and after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: pool.length - 1 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: pool.length - 1 }), fc.constantFrom('graph', 'queries', 'prepare', 'nothing')), { maxLength: 12 }),
        fc.constantFrom('graph', 'queries', 'prepare'),
        (start, ops, first) => {
          const texts = new Map<string, string>();
          start.forEach((t, p) => t >= 0 && texts.set(paths[p], pool[t]));
          const { index: live } = restored(texts);
          if (first === 'graph') expect(live.getGraph()).toEqual(scratch(texts).getGraph());
          else if (first === 'queries') expect(everything(live)).toEqual(everything(scratch(texts)));
          else while (live.prepare(1));
          for (const [p, t, look] of ops) {
            edit(live, texts, paths[p], t);
            if (look === 'graph') expect(live.getGraph()).toEqual(scratch(texts).getGraph());
            else if (look === 'queries') expect(everything(live)).toEqual(everything(scratch(texts)));
            else if (look === 'prepare') while (live.prepare(2));
          }
          expect(everything(live)).toEqual(everything(scratch(texts)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restored from a snapshot, loads no draft for the graph and diagnostics, and one draft for a query in it', () => {
    const texts = new Map(paths.map((p, i) => [p, pool[[0, 1, 2, 7][i]]]));
    const { index, loads } = restored(texts);
    const built = scratch(texts);
    expect(index.getGraph()).toEqual(built.getGraph());
    expect(index.getGraph().nodes.some((n) => n.text.length > 40)).toBe(true);
    for (const p of paths) expect(index.diagnosticsFor(p)).toEqual(built.diagnosticsFor(p));
    expect(index.size).toBe(4);
    expect(index.getText('b.md')).toBe(pool[1]);
    expect(loads).toEqual([]);
    expect(index.elementAt('d/a.md', { line: 0, character: 3 })?.element.text).toBe('Scheming is the central risk from advanced AI systems.');
    expect(loads).toEqual(['d/a.md']);
    // prepare loads the rest a step at a time, then builds the parts; the graph stays the same.
    let steps = 0;
    while (index.prepare(1)) steps++;
    expect(loads.sort()).toEqual([...paths].sort());
    expect(steps).toBeGreaterThanOrEqual(3 + 3);
    expect(everything(index)).toEqual(everything(built));
  });

  it('refuses a snapshot of other files', () => {
    const built = scratch(new Map([['a.md', pool[0]]]));
    const index = new WorkspaceIndex();
    expect(() => index.restore([{ path: 'b.md', text: pool[0] }], built.getGraph(), () => undefined)).toThrow(/other files/);
    expect(index.size).toBe(0);
    expect(() => index.restore([{ path: 'a.md', text: pool[0] }, { path: 'a.md', text: pool[0] }], built.getGraph(), () => undefined)).toThrow(/other files/);
  });

  it('restored over drafts it held, holds the snapshot\'s drafts alone', () => {
    const texts = new Map([['a.md', pool[0]], ['b.md', pool[1]]]);
    const { index: snapshotOf } = restored(texts);
    const graph = snapshotOf.getGraph();
    const index = new WorkspaceIndex();
    index.setDraft('c.md', pool[2]);
    index.setDraft('a.md', pool[4]);
    index.getGraph();
    index.restore([...texts].map(([path, text]) => ({ path, text })), graph, (p) => parseDraft(texts.get(p)!, p));
    expect(everything(index)).toEqual(everything(scratch(texts)));
    expect(index.paths()).toEqual(['a.md', 'b.md']);
  });
});
