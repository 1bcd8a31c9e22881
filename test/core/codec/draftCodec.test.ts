/** The compact cache form of a draft: decoding what was encoded (through JSON) gives the very same draft, and anything malformed is refused. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../../../extension/core/parse/parse';
import { D, R, decodeDraft, encodeDraft } from '../../../extension/core/codec/draftCodec';
import { corpus } from '../../../bench/corpus';

function roundTrip(text: string, path: string): void {
  const draft = parseDraft(text, path);
  const stored = JSON.parse(JSON.stringify(encodeDraft(draft)));
  expect(decodeDraft(path, stored)).toStrictEqual(draft);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : p.endsWith('.md') ? [p] : [];
  });
}

describe('draft codec', () => {
  it('round-trips every fixture and example draft', () => {
    const files = [...markdownFiles('test/fixtures'), ...markdownFiles('examples/alignment')];
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) roundTrip(readFileSync(f, 'utf8'), f);
  });
  it('round-trips a benchmark corpus', () => {
    for (const [p, t] of corpus(60, 3)) roundTrip(t, p);
  });
  it('round-trips generated markdown with ids, links, tags, nesting, CRLF and BOM', () => {
    const line = fc.constantFrom('Claim: a ^a', '- Objection: [[b#^x|alias]] #tag', 'Reply: ![[e#^f]] [[g#A heading]] [h](i.md#j)', '---', 'aliases: [k, l]', '  - Reply: [t](c.md#^y)', '> Counterpoint: q', '## Question: h ^h', 'Crux: [[#^a]] vs [[#^h]]', 'Claim: dup ^a', 'plain', '', '# Title');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 15 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (lines, eol, bom) => roundTrip((bom ? '\ufeff' : '') + lines.join(eol), 'dir/x.md')),
      { numRuns: 300 },
    );
  });
  it('refuses malformed values', () => {
    const good = encodeDraft(parseDraft('---\naliases: [x]\n---\nClaim: a ^a [[b#c]] ![[d]]\n\n- Objection: b\n', 'a.md'));
    const with_ = (at: number, value: unknown) => good.map((v, i) => (i === at ? value : v));
    expect(decodeDraft('a.md', JSON.parse(JSON.stringify(good))).references.map((r) => [r.anchor, r.embed])).toEqual([['c', undefined], [undefined, true]]);
    expect(() => decodeDraft('a.md', null)).toThrow();
    expect(() => decodeDraft('a.md', [1, 2, 3])).toThrow();
    expect(() => decodeDraft('a.md', good.slice(0, D.aliases))).toThrow();
    expect(() => decodeDraft('a.md', with_(D.ranges, good[D.ranges].slice(0, 5)))).toThrow();
    expect(() => decodeDraft('a.md', with_(D.ranges, [...good[D.ranges], 1, 2, 3, 4]))).toThrow();
    expect(() => decodeDraft('a.md', with_(D.elements, [[99, 'x']]))).toThrow();
    expect(() => decodeDraft('a.md', with_(D.aliases, [1]))).toThrow();
    expect(() => decodeDraft('a.md', with_(D.references, (good[D.references] as unknown[][]).map((r) => r.slice(0, R.anchor))))).toThrow();
  });
});
