/** Edit computations on fixture texts: the exact text of every touched file, CRLF and BOM kept, and the result re-parses to the intended graph. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import { addIdEdit, applyTextEdits, EditError, linkEdits, markAsEdit, renameIdEdits, type FileEdit } from '../../../extension/core/features/edits';

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, t] of Object.entries(files)) index.setDraft(p, t);
  return index;
}

/** Applies file edits to the fixture texts and returns every file's new text. */
function apply(files: Record<string, string>, edits: FileEdit[]): Record<string, string> {
  const out = { ...files };
  for (const fe of edits) out[fe.path] = applyTextEdits(out[fe.path], fe.edits);
  return out;
}

const SCHEMING = '# Scheming first\n\nClaim: Scheming is the central risk.\n';
const OUTER = '# Outer alignment\n\n- Claim: Outer alignment matters more. ^outer\n  - Support: specification failures dominate.\n- Claim: Another claim.\n';

describe('addIdEdit', () => {
  it('writes the implicit id out, so existing links keep working', () => {
    const files = { 'scheming.md': SCHEMING };
    const index = indexOf(files);
    const r = addIdEdit(index, 'scheming.md#^scheming-is-the-central-risk');
    expect(r.id).toBe('scheming-is-the-central-risk');
    expect(apply(files, [r.edit!])['scheming.md']).toBe('# Scheming first\n\nClaim: Scheming is the central risk. ^scheming-is-the-central-risk\n');
  });
  it('does nothing for an explicit id', () => {
    const index = indexOf({ 'outer.md': OUTER });
    expect(addIdEdit(index, 'outer.md#^outer')).toEqual({ id: 'outer' });
  });
});

describe('linkEdits', () => {
  it('object: a sibling list item that objects across files, and the target gets an id', () => {
    const files = { 'scheming.md': SCHEMING, 'outer.md': OUTER };
    const index = indexOf(files);
    const plan = linkEdits(index, 'outer.md#^outer', 'scheming.md#^scheming-is-the-central-risk', 'object');
    const out = apply(files, plan.edits);
    expect(out['scheming.md']).toBe('# Scheming first\n\nClaim: Scheming is the central risk. ^scheming-is-the-central-risk\n');
    expect(out['outer.md']).toBe(
      '# Outer alignment\n\n- Claim: Outer alignment matters more. ^outer\n  - Support: specification failures dominate.\n- Objection: [[scheming#^scheming-is-the-central-risk]] \n- Claim: Another claim.\n',
    );
    expect(plan.cursor).toEqual({ path: 'outer.md', position: { line: 4, character: 56 } }); // after the trailing space, where the writer types the reason
    const after = indexOf(out);
    const g = after.getGraph();
    expect(g.edges).toContainEqual({ source: 'outer.md#^schemingschemingisthecentralrisk', target: 'scheming.md#^scheming-is-the-central-risk', kind: 'objects' });
    expect(g.disagreements.map((d) => [d.a, d.b, d.via])).toContainEqual(['outer.md#^schemingschemingisthecentralrisk', 'scheming.md#^scheming-is-the-central-risk', 'objects']);
    expect(g.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('support and reply after a paragraph element, in the same file', () => {
    const text = 'Claim: A. ^a\n\nObjection: B. ^b\n';
    const files = { 'x.md': text };
    const index = indexOf(files);
    const out = apply(files, linkEdits(index, 'x.md#^b', 'x.md#^a', 'support').edits);
    expect(out['x.md']).toBe('Claim: A. ^a\n\nObjection: B. ^b\n\nSupport: [[#^a]] \n');
    const reply = apply(files, linkEdits(index, 'x.md#^a', 'x.md#^b', 'reply').edits);
    expect(reply['x.md']).toBe('Claim: A. ^a\n\nReply: [[#^b]] \n\nObjection: B. ^b\n');
    expect(indexOf(reply).getGraph().edges).toContainEqual({ source: 'x.md#^b-2', target: 'x.md#^b', kind: 'replies' });
  });

  it('crux: a new paragraph after the element with both references, ids added on both sides', () => {
    const files = { 'scheming.md': SCHEMING, 'outer.md': '# Outer\n\nClaim: Outer alignment matters more.\n\nMore text.\n' };
    const index = indexOf(files);
    const plan = linkEdits(index, 'outer.md#^outer-alignment-matters-more', 'scheming.md#^scheming-is-the-central-risk', 'crux', 'does outer alignment prevent scheming?');
    const out = apply(files, plan.edits);
    expect(out['outer.md']).toBe(
      '# Outer\n\nClaim: Outer alignment matters more. ^outer-alignment-matters-more\n\nCrux: does outer alignment prevent scheming? [[scheming#^scheming-is-the-central-risk]] vs [[#^outer-alignment-matters-more]]\n\nMore text.\n',
    );
    const g = indexOf(out).getGraph();
    expect(g.disagreements.map((d) => [d.a, d.b, d.via])).toEqual([['outer.md#^outer-alignment-matters-more', 'scheming.md#^scheming-is-the-central-risk', 'crux']]);
  });

  it('crux under a list item: an indented continuation paragraph keeps the list whole', () => {
    const files = { 'scheming.md': SCHEMING, 'outer.md': OUTER };
    const index = indexOf(files);
    const out = apply(files, linkEdits(index, 'outer.md#^outer', 'scheming.md#^scheming-is-the-central-risk', 'crux', 'which matters more?').edits);
    expect(out['outer.md']).toBe(
      '# Outer alignment\n\n- Claim: Outer alignment matters more. ^outer\n  - Support: specification failures dominate.\n\n  Crux: which matters more? [[scheming#^scheming-is-the-central-risk]] vs [[#^outer]]\n- Claim: Another claim.\n',
    );
    const g = indexOf(out).getGraph();
    expect(g.edges.filter((e) => e.kind === 'crux').map((e) => e.target)).toEqual(['outer.md#^outer', 'scheming.md#^scheming-is-the-central-risk']);
    expect(g.nodes.filter((n) => n.kind === 'claim').map((n) => n.id)).toContain('outer.md#^another-claim');
  });

  it('keeps CRLF line endings and a BOM', () => {
    const files = { 'win.md': '\ufeffClaim: Windows claim. ^w\r\n\r\nObjection: Windows objection. ^o\r\n', 'other.md': 'Claim: Other. ^other\n' };
    const index = indexOf(files);
    const out = apply(files, linkEdits(index, 'win.md#^o', 'other.md#^other', 'reply').edits);
    expect(out['win.md']).toBe('\ufeffClaim: Windows claim. ^w\r\n\r\nObjection: Windows objection. ^o\r\n\r\nReply: [[other#^other]] \r\n');
    const crux = apply(files, linkEdits(index, 'win.md#^w', 'other.md#^other', 'crux', 'q?').edits);
    expect(crux['win.md']).toBe('\ufeffClaim: Windows claim. ^w\r\n\r\nCrux: q? [[other#^other]] vs [[#^w]]\r\n\r\nObjection: Windows objection. ^o\r\n');
  });

  it('inside a blockquote keeps the quote markers', () => {
    const files = { 'q.md': '> Claim: Quoted. ^q\n', 't.md': 'Claim: T. ^t\n' };
    const out = apply(files, linkEdits(indexOf(files), 'q.md#^q', 't.md#^t', 'object').edits);
    expect(out['q.md']).toBe('> Claim: Quoted. ^q\n>\n> Objection: [[t#^t]] \n');
  });

  it('refuses linking an element to itself or to a missing element', () => {
    const index = indexOf({ 'x.md': 'Claim: A. ^a\n' });
    expect(() => linkEdits(index, 'x.md#^a', 'x.md#^a', 'object')).toThrow(EditError);
    expect(() => linkEdits(index, 'x.md#^a', 'x.md#^zz', 'object')).toThrow(/No element x.md#\^zz/);
  });
});

describe('renameIdEdits', () => {
  const files = {
    'a.md': 'Claim: A. ^old\n\nObjection: [[#^old]] is wrong.\n',
    'b.md': 'Support: [[a#^old|alias]] and [see](a.md#^old).\n',
    'crlf.md': '\ufeffReply: [[a#^old]]\r\n',
  };
  it('renames the marker and every reference, keeping CRLF and BOM', () => {
    const index = indexOf(files);
    const out = apply(files, renameIdEdits(index, 'a.md#^old', 'new-id'));
    expect(out['a.md']).toBe('Claim: A. ^new-id\n\nObjection: [[#^new-id]] is wrong.\n');
    expect(out['b.md']).toBe('Support: [[a#^new-id|alias]] and [see](a.md#^new-id).\n');
    expect(out['crlf.md']).toBe('\ufeffReply: [[a#^new-id]]\r\n');
    const g = indexOf(out).getGraph();
    expect(g.diagnostics.filter((d) => d.code === 'dangling-ref')).toEqual([]);
  });
  it('writes an explicit id for an implicit one', () => {
    const f = { 'i.md': 'Claim: Implicit here.\n\nSupport: [[#^implicit-here]]\n' };
    expect(apply(f, renameIdEdits(indexOf(f), 'i.md#^implicit-here', 'named'))['i.md']).toBe('Claim: Implicit here. ^named\n\nSupport: [[#^named]]\n');
  });
  it('rejects invalid and taken ids', () => {
    const index = indexOf({ 'x.md': 'Claim: A. ^a\n\nClaim: B. ^b\n' });
    expect(() => renameIdEdits(index, 'x.md#^a', 'has space')).toThrow(/not a valid id/);
    expect(() => renameIdEdits(index, 'x.md#^a', 'b')).toThrow(/already used/);
  });
});

describe('markAsEdit', () => {
  it('inserts a label at the start of a paragraph, list item, quote or heading', () => {
    const text = 'Plain paragraph.\n\n- a list item\n  - nested item\n\n> quoted text\n\n## A heading\n';
    const at = (line: number, kind: Parameters<typeof markAsEdit>[2]) => applyTextEdits(text, [markAsEdit(text, { line, character: 3 }, kind)!]);
    expect(at(0, 'claim')).toBe(text.replace('Plain paragraph.', 'Claim: Plain paragraph.'));
    expect(at(2, 'objection')).toBe(text.replace('- a list item', '- Objection: a list item'));
    expect(at(3, 'reply')).toBe(text.replace('  - nested item', '  - Reply: nested item'));
    expect(at(5, 'support')).toBe(text.replace('> quoted text', '> Support: quoted text'));
    expect(at(7, 'question')).toBe(text.replace('## A heading', '## Question: A heading'));
  });
  it('replaces an existing label instead of doubling it', () => {
    const text = '**Objection:** not really.\n';
    expect(applyTextEdits(text, [markAsEdit(text, { line: 0, character: 0 }, 'reply')!])).toBe('Reply: not really.\n');
  });
  it('finds nothing in code or between blocks', () => {
    const text = '```\ncode\n```\n\nText.\n';
    expect(markAsEdit(text, { line: 1, character: 1 }, 'claim')).toBeUndefined();
    expect(markAsEdit(text, { line: 3, character: 0 }, 'claim')).toBeUndefined();
  });
});

describe('edits with the right effect (issue 14)', () => {
  const ids = (files: Record<string, string>, path: string) => indexOf(files).getDraft(path)!.elements.map((e) => `${e.kind}:${e.localId}:${e.text}`);

  it('linking from a heading directly followed by a paragraph inserts a blank line: the paragraph stays itself', () => {
    const files = { 'h.md': '## Claim: Heading claim ^h\nA paragraph right under it.\n', 't.md': 'Claim: T. ^t\n' };
    const out = apply(files, linkEdits(indexOf(files), 'h.md#^h', 't.md#^t', 'object').edits);
    expect(out['h.md']).toBe('## Claim: Heading claim ^h\n\nObjection: [[t#^t]] \n\nA paragraph right under it.\n');
    const d = indexOf(out).getDraft('h.md')!;
    expect(d.elements.map((e) => e.kind)).toEqual(['claim', 'objection']);
    expect(d.elements[1].text).not.toContain('paragraph');
    expect(indexOf(out).getGraph().edges).toContainEqual({ source: `h.md#^${d.elements[1].localId}`, target: 't.md#^t', kind: 'objects' });
    // The same for a crux, and for a paragraph right under a heading that is followed by text.
    const crux = apply(files, linkEdits(indexOf(files), 'h.md#^h', 't.md#^t', 'crux', 'q?').edits);
    expect(crux['h.md']).toBe('## Claim: Heading claim ^h\n\nCrux: q? [[t#^t]] vs [[#^h]]\n\nA paragraph right under it.\n');
    // Already followed by a blank line: no second one.
    const spaced = { 'h.md': '## Claim: Heading claim ^h\n\nText.\n', 't.md': 'Claim: T. ^t\n' };
    expect(apply(spaced, linkEdits(indexOf(spaced), 'h.md#^h', 't.md#^t', 'object').edits)['h.md']).toBe('## Claim: Heading claim ^h\n\nObjection: [[t#^t]] \n\nText.\n');
  });

  it('Add Id on a setext heading writes the id at the end of the heading text line, not after the underline', () => {
    for (const [text, expected] of [
      ['Claim: Setext claim\n==================\n\nBody.\n', 'Claim: Setext claim ^setext-claim\n==================\n\nBody.\n'],
      ['Claim: Two line\nsetext claim\n---\n', 'Claim: Two line\nsetext claim ^two-line-setext-claim\n---\n'],
      ['Claim: Setext claim  \r\n===\r\n', 'Claim: Setext claim ^setext-claim  \r\n===\r\n'],
    ]) {
      const files = { 's.md': text };
      const index = indexOf(files);
      const el = index.getDraft('s.md')!.elements[0];
      expect(el.block).toBe('heading');
      const r = addIdEdit(index, `s.md#^${el.localId}`);
      const out = apply(files, [r.edit!]);
      expect(out['s.md']).toBe(expected);
      expect(indexOf(out).getDraft('s.md')!.elements[0].block).toBe('heading');
    }
  });

  // Known bad today: the parser reads an id only at the very end of a heading's source, so it
  // does not see ` ^id` on a setext heading's text line. Flip to `it` once the parser reads it there.
  it('a setext heading given an id re-parses with that explicit id', () => {
    const files = { 's.md': 'Claim: Setext claim\n===\n' };
    const out = apply(files, [addIdEdit(indexOf(files), 's.md#^setext-claim').edit!]);
    const again = indexOf(out).getDraft('s.md')!.elements[0];
    expect([again.block, again.localId, again.explicitId, again.text]).toEqual(['heading', 'setext-claim', true, 'Setext claim']);
  });

  it('Add Id on a closed ATX heading writes the id before the closing hashes', () => {
    for (const [text, expected] of [
      ['## Claim: x ##\n', '## Claim: x ^x ##\n'],
      ['# Claim: closed claim #   \n\nText.\n', '# Claim: closed claim ^closed-claim #   \n\nText.\n'],
      ['## Claim: not closed#\n', '## Claim: not closed# ^not-closed\n'],
    ]) {
      const files = { 'c.md': text };
      const index = indexOf(files);
      const el = index.getDraft('c.md')!.elements[0];
      const out = apply(files, [addIdEdit(index, `c.md#^${el.localId}`).edit!]);
      expect(out['c.md']).toBe(expected);
      expect(indexOf(out).getDraft('c.md')!.elements[0].block).toBe('heading');
    }
    // Rename writes an implicit id's marker at the same place.
    const files = { 'c.md': '## Claim: x ##\n' };
    expect(apply(files, renameIdEdits(indexOf(files), 'c.md#^x', 'named'))['c.md']).toBe('## Claim: x ^named ##\n');
  });

  // Known bad today: the parser does not read an id before an ATX closing sequence. Flip to `it` once it does.
  it('a closed ATX heading given an id re-parses with that explicit id', () => {
    const files = { 'c.md': '## Claim: x ##\n' };
    const out = apply(files, [addIdEdit(indexOf(files), 'c.md#^x').edit!]);
    const again = indexOf(out).getDraft('c.md')!.elements[0];
    expect([again.localId, again.explicitId, again.text]).toEqual(['x', true, 'x']);
  });

  it('Mark As on a label followed by a line break is the same for LF and CRLF (the break stays)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = `**Claim:**${eol}The text on the next line.${eol}`;
      const out = applyTextEdits(text, [markAsEdit(text, { line: 1, character: 2 }, 'objection')!]);
      expect(out).toBe(`Objection:${eol}The text on the next line.${eol}`);
      expect(ids({ 'm.md': out }, 'm.md')).toEqual(ids({ 'm.md': `Objection:${eol}The text on the next line.${eol}` }, 'm.md'));
      expect(indexOf({ 'm.md': out }).getDraft('m.md')!.elements.map((e) => [e.kind, e.text])).toEqual([['objection', 'The text on the next line.']]);
    }
  });

  it('link edits in a CR-only file insert CR line endings', () => {
    const files = { 'cr.md': 'Claim: A. ^a\r\rObjection: B. ^b\r', 'other.md': 'Claim: Other. ^other\n' };
    const index = indexOf(files);
    const plan = linkEdits(index, 'cr.md#^b', 'other.md#^other', 'reply');
    const out = apply(files, plan.edits);
    expect(out['cr.md']).toBe('Claim: A. ^a\r\rObjection: B. ^b\r\rReply: [[other#^other]] \r');
    expect(plan.cursor).toEqual({ path: 'cr.md', position: { line: 4, character: 'Reply: [[other#^other]] '.length } });
    const crux = apply(files, linkEdits(index, 'cr.md#^a', 'other.md#^other', 'crux').edits);
    expect(crux['cr.md']).toBe('Claim: A. ^a\r\rCrux: [[other#^other]] vs [[#^a]]\r\rObjection: B. ^b\r');
    expect(indexOf(crux).getGraph().disagreements.map((d) => d.via)).toEqual(['crux']);
    const items = { 'l.md': '- Claim: A. ^a\r- Claim: B. ^b\r', 'other.md': 'Claim: Other. ^other\n' };
    expect(apply(items, linkEdits(indexOf(items), 'l.md#^a', 'other.md#^other', 'object').edits)['l.md']).toBe('- Claim: A. ^a\r- Objection: [[other#^other]] \r- Claim: B. ^b\r');
  });
});

describe('link edits on any draft (property)', () => {
  const kinds = ['Claim', 'Objection', 'Support', 'Question'];
  const block = fc.oneof(
    fc.tuple(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 99 })).map(([k, n]) => `${k}: paragraph ${n} text`),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...kinds), fc.integer({ min: 0, max: 99 })).map(([d, k, n]) => `${'#'.repeat(d)} ${k}: heading ${n}`),
    fc.tuple(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 99 })).map(([k, n]) => `- ${k}: item ${n}`),
    fc.tuple(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 99 })).map(([k, n]) => `> ${k}: quoted ${n}`),
    fc.constantFrom('Plain prose here.', '# A plain heading'),
  );
  // Blocks with or without a blank line between them, in one line ending.
  const doc = fc.tuple(fc.array(fc.tuple(block, fc.boolean()), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r')).map(([bs, eol]) => ({
    eol,
    text: bs.map(([b, blank]) => b + eol + (blank ? eol : '')).join(''),
  }));

  it('a link adds exactly one element with its edge, loses no element and keeps the file\'s line ending', () => {
    fc.assert(
      fc.property(doc, fc.nat(), fc.constantFrom<'object' | 'support' | 'reply'>('object', 'support', 'reply'), ({ eol, text }, pick, relation) => {
        const files = { 'd.md': text, 't.md': 'Claim: the target. ^t\n' };
        const index = indexOf(files);
        const before = index.getDraft('d.md')!.elements;
        fc.pre(before.length > 0);
        const from = before[pick % before.length];
        const out = apply(files, linkEdits(index, `d.md#^${from.localId}`, 't.md#^t', relation).edits);
        const after = indexOf(out);
        const els = after.getDraft('d.md')!.elements;
        const word = { object: 'objection', support: 'support', reply: 'reply' }[relation];
        // Every element is still there with its text, and one more of the relation's kind.
        const texts = (list: typeof els) => list.map((e) => `${e.kind}:${e.text}`).sort();
        const added = els.filter((e) => e.text === '[[t#^t]]');
        expect(added.map((e) => e.kind)).toEqual([word]);
        expect(texts(els.filter((e) => e !== added[0]))).toEqual(texts(before));
        expect(after.getGraph().edges).toContainEqual({ source: `d.md#^${added[0].localId}`, target: 't.md#^t', kind: `${relation === 'object' ? 'objects' : relation === 'support' ? 'supports' : 'replies'}` });
        // No other line ending crept in.
        const endings = new Set(out['d.md'].match(/\r\n|\n|\r/g));
        expect([...endings]).toEqual([eol]);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe('Mark As on any draft (property)', () => {
  const line = fc.constantFrom('**Claim:**', '**Objection:** text', 'Claim:', 'Reply: a reply', '- **Support:**', '- item', '> Question:', '## Claim:', 'plain words', '', 'more words', '__Crux:__');
  it('gives the same text for LF, CRLF and CR (line endings aside)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), fc.constantFrom('claim', 'objection', 'reply') as fc.Arbitrary<'claim' | 'objection' | 'reply'>, (lines, l, c, kind) => {
        const at = { line: l % lines.length, character: c % (lines[l % lines.length].length + 1) };
        const results = ['\n', '\r\n', '\r'].map((eol) => {
          const text = lines.join(eol) + eol;
          const edit = markAsEdit(text, at, kind);
          return edit ? applyTextEdits(text, [edit]).split(eol).join('\n') : undefined;
        });
        expect(results[1]).toBe(results[0]);
        expect(results[2]).toBe(results[0]);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
