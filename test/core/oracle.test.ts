/**
 * The markdown-it parser against the oracle, the remark-parse reading (test/support/remarkOracle.ts):
 * the very same Draft (ranges, ids, texts, references, structure) on every fixture, the example
 * workspace and generated drafts with every construct real posts hold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import type { ParseOptions } from '../../extension/core/model';
import { knownDifference, oracleParseDraft, oracleText } from '../support/remarkOracle';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.(md|markdown)$/.test(p) ? [p] : [];
  });
}

/** Drafts as JSON (no undefined fields), so the comparison reads like the cache and the CLI see them. */
function same(text: string, path = 'dir/a.md', opts: ParseOptions | undefined = options): void {
  const actual = JSON.parse(JSON.stringify(parseDraft(text, path, opts)));
  const expected = JSON.parse(JSON.stringify(oracleParseDraft(oracleText(text), path, opts)));
  expect(actual, JSON.stringify(text)).toEqual(expected);
}

const label = fc.constantFrom(
  'Claim', 'thesis', 'SUPPORT', 'Because', 'Evidence', 'Objection', 'Counterpoint', 'Reply', 'Rebuttal', 'Response', 'Crux', 'Question', 'Claimed', 'Note',
  'Counterargument', 'counterexample', 'Premise', 'Candidate counterexample', 'candidate  Counterexample', 'Upshot', 'Some claim',
);
/** Workspace label phrases (spec 1.1), as `.cruxmap.json` gives them to the parser. */
const options = { labels: { 'candidate counterexample': 'objection', upshot: 'claim' } } as const;
const wrapped = fc.tuple(label, fc.constantFrom('', '**', '__', '*', '_'), fc.boolean()).map(([l, w, inside]) => (inside ? `${w}${l}:${w}` : `${w}${l}${w}:`));
const word = fc.constantFrom(
  'scheming', 'outer', 'alignment', 'risk', 'é', '💡', '#tag', '^id', '`code`', '*em*', '**strong**', '_u_',
  '[[other#^x]]', '[[#^a-1]]', '[[dir/n#^b|alias]]', '[[name]]', '[[name#A heading]]', '![[pic.png]]', '![[n#^e1]]', '[[https://x.org/a|u]]', '![[https://x.org/f.png|alt]]', '[[//host/x]]', '[[mailto:a@b.c]]', '[h](a.md#A%20heading)',
  '[t](x.md#^c)', '[u](#^d)', '[see *this*](a.md)', '[ext](https://e.org/x.md)', '[q](a.md?x=1#^e)', '<https://auto.link>',
  '<sub>2</sub>', '<span class="x">s</span>', '<!-- note -->', '<b>', '&amp;', '&#xe9;', '&copy;', '\\*', '\\[', '$x^2$', '$$a+b$$',
  '![a long alt text for a figure with *emphasis* and [[w#^z]]](img.png "title")', '[^1]', '[ref]', '[[', ']]', '\\', '\t', 'x  ',
);
const sentence = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
const idMarker = fc.option(fc.constantFrom(' ^a', ' ^a-1', ' ^Z9', ' ^-x', '^b', ' ^a  '), { nil: '' });
const indent = fc.integer({ min: 0, max: 3 }).map((n) => '  '.repeat(n));
const block = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(wrapped, sentence, idMarker).map(([l, s, id]) => `${l} ${s}${id}`) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), wrapped, sentence, idMarker, fc.constantFrom('', ' ##', '  ')).map(([d, l, s, id, close]) => `${'#'.repeat(d)} ${l} ${s}${id}${close}`) },
  { weight: 1, arbitrary: fc.tuple(wrapped, sentence, fc.constantFrom('===', '---', '=  ')).map(([l, s, u]) => `${l} ${s}\n${u}`) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(indent, fc.constantFrom('- ', '* ', '1. ', '1) ', '> ', '> - ', '> > ', '>> ', '- > ', '- - ', '> [!note] ', '   '), wrapped, sentence, idMarker)
      .map(([n, m, l, s, id]) => `${n}${m}${l} ${s}${id}`),
  },
  { weight: 2, arbitrary: fc.tuple(indent, fc.constantFrom('- ', '> ', '  ', '> > '), sentence).map(([n, m, s]) => `${n}${m}${s}`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '```', '~~~', '```js', '    indented code', '---', '***', '___', 'title: x', '<div>', '</div>', '<!--', '-->', '', '', '>', '- x', '1.',
      '| a | b |', '|---|---|', '| Claim: c | [[t#^x]] |', '[ref]: other.md', '[^1]: A footnote with [[f#^y]].', '$$', 'x = y', '> [!warning]', '> > nested',
      '<details><summary>s</summary>', '</details>', '\t- tabbed item', '- [ ] task', '    ```',
    ),
  },
  { weight: 4, arbitrary: sentence },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(0, 1, 2, 3), wrapped, wrapped, wrapped, sentence, sentence).map(([shape, a, b, c, s, t]) =>
      [
        `- ${a} ${s}\n  - ${b} ${t}\n    - ${c} ${s}\n  continued ${t}`,
        `> ${a} ${s}\n>\n> ${b} ${t}\n> > ${c} ${s}`,
        `> [!note] ${a}\n> ${s}\n>\n> > ${b} ${t}\n> >\n> > > ${c}`,
        `1. ${a} ${s}\n\n   > ${b} ${t}\n\n   ${c} ${s}`,
      ][shape],
    ),
  },
);
const front = fc.constantFrom<string[]>(
  [],
  ['---', 'title: T', 'topics: [a, b]', '---'],
  ['---', 'title: "Quoted: title"', 'topics: a, #b', '---'],
  ['---', 'topics:', '  - x', '  - y', 'aliases: [one name, "two: names"]', '---', ''],
  ['---', 'aliases: single alias', '---'],
  ['--- ', 'title: Trailing', '---  '],
  ['---', '---'],
  ['---', 'title: Unclosed'],
);
/** Blocks one after another, or apart (a blank line between): both shapes matter. */
const blocks = fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n')), { maxLength: 30 }).map((bs) => bs.map(([b, sep]) => b + sep).join(''));
const markdown = fc
  .tuple(front, blocks, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([fm, body, eol, bom, trailing]) => (bom ? '\ufeff' : '') + (fm.length ? fm.join('\n') + '\n' : '') + (trailing ? body : body.replace(/\n+$/, '')).replace(/\n/g, eol));


describe('parseDraft equals the remark reading', () => {
  it('on every fixture and example draft', () => {
    const files = [...markdownFiles(join(__dirname, '..', 'fixtures')), ...markdownFiles(join(__dirname, '..', '..', 'examples'))];
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) same(readFileSync(f, 'utf8'), f.replace(/\\/g, '/'), undefined);
  });
  it('on generated drafts with every construct (html, images, footnotes, math, callouts, tables, nesting, code, CRLF, BOM, front matter, links)', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        fc.pre(!knownDifference(text));
        same(text);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
  it('skips only the known micromark quirks: a fence left open in a list item, also when another fence follows', () => {
    // A CI run's random seed found the second shape: two fences, each left open in its own container.
    expect(knownDifference('- Claim: \n    ```\n- Claim: \n  - Claim: \n    - Claim: \n  continued \n```')).toBe(true);
    expect(knownDifference('- Claim: x\n  ```\n  code\n  ```\n- Claim: y\n')).toBe(false);
    expect(knownDifference('- Claim: x\n\n```\ncode\n```\n')).toBe(false);
    expect(knownDifference('> [!note] Claim:\n> <b>\n>\n> > Claim: x')).toBe(true);
    // Random seeds found these too: `</b>` after a quoted paragraph, and indented code then `2)` right after a byte order mark.
    expect(knownDifference('> Claim: \n</b>\n')).toBe(true);
    expect(knownDifference('\ufeff    - Claim: \n2) Claim: \n')).toBe(true);
    expect(knownDifference(`Claim: ${'['.repeat(20)}\nClaim: [u](#^d)\n`)).toBe(true);
    expect(knownDifference(`Claim: ${'['.repeat(19)}\nClaim: [u](#^d)\n`)).toBe(false);
    same(`Claim: ${'['.repeat(19)}\nClaim: [u](#^d)\n`);
    // Where it is no quirk, the two readers agree.
    same('- Claim: x\n  ```\n  code\n  ```\n- Claim: y\n');
  });
  it('the generator is not vacuous: elements and references of every kind', () => {
    const drafts = fc.sample(markdown, { numRuns: 300, seed: 11 }).map((t) => parseDraft(t, 'a.md', options));
    const elements = drafts.flatMap((d) => d.elements);
    const refs = drafts.flatMap((d) => d.references);
    expect(new Set(elements.map((e) => e.block))).toEqual(new Set(['paragraph', 'listItem', 'heading', 'blockquote']));
    expect(elements.filter((e) => e.structuralRule === 2).length).toBeGreaterThan(20);
    expect(refs.filter((r) => r.syntax === 'link').length).toBeGreaterThan(50);
    expect(refs.filter((r) => r.syntax === 'wikilink').length).toBeGreaterThan(50);
    expect(refs.filter((r) => r.embed).length).toBeGreaterThan(10);
    expect(refs.filter((r) => r.anchor).length).toBeGreaterThan(10);
    expect(elements.filter((e) => /counterexample|upshot/i.test(e.localId) || e.kind === 'objection').length).toBeGreaterThan(20);
  });
  it('on hand-picked shapes where the two readers could part', () => {
    for (const text of [
      'Claim: x   \n\nnext',
      '## Claim: x ##  \n',
      'Claim: a\nfoo\n===  \n',
      '- Claim: a\n\n  b  \n\n- c\n',
      '- Claim: a\n  -\n',
      '```\ncode\n\n\n',
      '# Claim: h\n\n```\nunclosed\n\n',
      '# Claim: h\n\n<!--\nunclosed\n\n',
      '# Claim: h\n\n    code  \n\n    more \n\n',
      '# Claim: h\n\n[x]: y.md\n\n',
      '# Claim: h\n\n> a\n>\n\n## Claim: i',
      '> - Claim: a\n> - Objection: b\n>\n> Reply: c',
      '1. Claim: one\n   2. Objection: two\n      - Reply: three',
      '- - Claim: nested on one line\n  - Objection: o',
      'Claim: [[a]](b.md) and [[x]][y] and [[x]]\n\n[x]: z.md',
      'Claim: [a\nb](c.md#^d) [[e#^f]]',
      '> Claim: a\nlazy [[x#^y]]\n> more',
      'Claim\\: escaped colon',
      '- Claim: [ <!--\nClaim: --> <!--',
      '## Claim: closed ^c1 ##\n\nClaim: setext ^s1\n===\n\n# Claim: x ^a #   ',
      'Claim: [x <!-- a --> y <![CDATA[ z',
      'Constructor: no kind\n\ntoString: none\n\n__proto__: nor this\n\nhasOwnProperty: no',
      'Claim&#58; entity colon',
      '**Claim**: [t](<a b.md#^c>)',
      'Claim: tab\tinside ^id',
      '\tClaim: tab indented',
      '- \tClaim: tab after marker [[x#^y]]',
      '>\tClaim: tab after quote [[x#^y]]',
      '  > - > Claim: deep [[x#^y]] ^k',
    ]) same(text);
  });
});
