/** Property tests: parseDraft never throws, is deterministic, and keeps every range inside the text, on any input. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDraft } from '../../extension/core/parse/parse';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { Draft, Range } from '../../extension/core/model';

function lineLengths(text: string): number[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/).map((l) => l.length);
}

function inside(r: Range, lengths: number[]): boolean {
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

function allRanges(d: Draft): Range[] {
  return [
    ...d.elements.flatMap((e) => [e.range, e.labelRange, e.fullRange, ...(e.idRange ? [e.idRange] : [])]),
    ...d.references.flatMap((r) => [r.range, ...(r.idRange ? [r.idRange] : []), ...(r.targetRange ? [r.targetRange] : [])]),
    ...d.diagnostics.map((x) => x.range),
  ];
}

const label = fc.constantFrom('Claim', 'thesis', 'SUPPORT', 'Because', 'Evidence', 'Objection', 'Counterpoint', 'Reply', 'Rebuttal', 'Response', 'Crux', 'Question', 'Claimed', 'Note');
const wrapped = fc.tuple(label, fc.constantFrom('', '**', '__', '*', '_'), fc.boolean()).map(([l, w, inside]) => (inside ? `${w}${l}:${w}` : `${w}${l}${w}:`));
const word = fc.constantFrom('scheming', 'outer', 'alignment', 'risk', '#tag', '^id', '`code`', '*em*', '[[other#^x]]', '[[#^a-1]]', '[[dir/n#^b|alias]]', '[t](x.md#^c)', '[u](#^d)', '\\', '[[', ']]', 'é', '💡', '\t', '<b>', '&amp;');
const sentence = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
const idMarker = fc.option(fc.constantFrom(' ^a', ' ^a-1', ' ^Z9', ' ^-x', '^b'), { nil: '' });
const block = fc.oneof(
  fc.tuple(wrapped, sentence, idMarker).map(([l, s, id]) => `${l} ${s}${id}`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), wrapped, sentence, idMarker).map(([d, l, s, id]) => `${'#'.repeat(d)} ${l} ${s}${id}`),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('- ', '* ', '1. ', '> ', '> - '), wrapped, sentence).map(([n, m, l, s]) => `${'  '.repeat(n)}${m}${l} ${s}`),
  fc.constantFrom('```', '~~~', '    indented code', '---', 'title: x', '<div>', '</div>', '', '>', '| a | b |'),
  sentence,
);
const markdown = fc.tuple(fc.array(block, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean()).map(([blocks, eol, bom, front]) => {
  const body = (front ? ['---', 'title: T', 'topics: [a, b]', '---', ''] : []).concat(blocks).join(eol);
  return (bom ? '\ufeff' : '') + body;
});

function check(text: string): void {
  const a = parseDraft(text, 'p/a.md');
  const b = parseDraft(text, 'p/a.md');
  expect(b).toEqual(a);
  const lengths = lineLengths(text);
  for (const r of allRanges(a)) expect(inside(r, lengths), JSON.stringify(r)).toBe(true);
}

describe('parseDraft on any text', () => {
  it('never throws, is deterministic, keeps ranges inside the text (arbitrary strings)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => check(s)), { numRuns: 400 });
  });
  it('the same on generated markdown with labels, nesting, ids, links, CRLF and BOM', () => {
    fc.assert(fc.property(markdown, (s) => check(s)), { numRuns: 400 });
  });
  it('finds elements in generated markdown (the generator is not vacuous)', () => {
    const found = fc.sample(markdown, { numRuns: 200, seed: 7 }).reduce((n, s) => n + parseDraft(s, 'a.md').elements.length, 0);
    expect(found).toBeGreaterThan(100);
  });
  it('the index builds a graph from any set of generated drafts', () => {
    fc.assert(
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 4 }), (texts) => {
        const index = new WorkspaceIndex();
        texts.forEach((t, i) => index.setDraft(i % 2 ? `dir/n${i}.md` : `other.md`, t));
        const g = index.getGraph();
        const ids = new Set(g.nodes.map((n) => n.id));
        expect(ids.size).toBe(g.nodes.length);
        for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
