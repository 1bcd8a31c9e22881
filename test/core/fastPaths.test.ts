/** The parser's fast paths give exactly what the slow paths give: prose elision against a full parse, flat front matter against the yaml library. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { parseDraft, parseDraftFully, slugOf } from '../../extension/core/parse/parse';
import { elideProse } from '../../extension/core/parse/elide';
import { readFlatFrontMatter } from '../../extension/core/parse/frontMatter';

const prose = fc
  .array(fc.constantFrom('Alignment', 'scheming', 'is', 'hard', 'and', 'the', 'model', 'reward', "it's", '(maybe)', 'risk,', 'done.', 'claim', 'Claim:', 'note: this', '*em*', '_u_', '&amp;', '1.', '2024', '"quoted"', 'x'), { minLength: 1, maxLength: 50 })
  .map((ws) => ws.join(' '));
/** Long runs of inert text in every inline and block context the parser cares about. */
const run = fc.constantFrom('scheming is the central risk for advanced models', 'outer alignment matters more, really: see below', 'a b c d e f g h i j k l m n o p q r s t u', 'Claim: this long claim runs on and on and on', 'x-1, y+2 = z/3; 50% done? yes!  ', 'DoubleLongLeftRightArrow; then some more inert text', 'CounterClockwiseContourIntegral;');
const context = fc.constantFrom(
  (r: string) => `Claim: ${r}`,
  (r: string) => `- Objection: ${r} ^o1`,
  (r: string) => `  - Reply: *${r}* and **${r}**`,
  (r: string) => `> Counterpoint: ${r}`,
  (r: string) => `## Claim: ${r} ^h1`,
  (r: string) => `# ${r} #`,
  (r: string) => `Support: [${r}](other.md#^c1) and [[dir/${r.replace(/\W/g, '-')}#^c1|${r}]]`,
  (r: string) => `Question: \`${r}\` and _${r}_ #tag`,
  (r: string) => `Crux: ${r}  `,
  (r: string) => `Evidence: ${r}\\`,
  (r: string) => `    ${r}`,
  (r: string) => `\`\`\`js ${r}`,
  (r: string) => `1. ${r}`,
  (r: string) => `${r}`,
  (r: string) => `<span>${r}</span>`,
  (r: string) => `<div ${r}>\nClaim: inside html`,
  (r: string) => `<${r.replace(/\W/g, '')}>`,
  (r: string) => `[${r}]: other.md`,
  (r: string) => `See [${r}] here.`,
  (r: string) => `&${r.replace(/\W/g, '')};`,
  (r: string) => `![${r}](pic.png "${r}")`,
  (r: string) => `Claim: ${r}\n${r}\n===`,
  (r: string) => `*${r}*${r}*`,
  (r: string) => `Claim: see [x](${r.replace(/ /g, '-')}.md#^c1) and foo**${r}**bar`,
  (r: string) => `Reply: [t](other.md (${r})) and [u](a.md "${r}")`,
  (r: string) => `Support: ${r} #${r.replace(/\W/g, '')} ^${r.replace(/\W/g, '')}`,
  (r: string) => `- ${r}\n  ${r}\n- Claim: ${r}`,
);
const runLine = fc.tuple(context, run).map(([c, r]) => c(r));
/** Lines of every kind that could meet a prose paragraph: the paragraph itself wrapped at random, and whatever may surround it. */
const line = fc.oneof(
  { weight: 8, arbitrary: prose },
  { weight: 6, arbitrary: fc.tuple(prose, prose, prose).map((ps) => ps.join(' ')) },
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: runLine },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'Claim: scheming is the central risk ^c1',
      '- Objection: outer alignment matters more',
      '  - Reply: not obviously [[other#^c1]]',
      '- a plain item',
      '  continued item text',
      '> Counterpoint: quoted objection',
      '> quoted prose',
      '## Claim: a heading claim',
      '# Title',
      '```',
      '~~~',
      '    indented code',
      '<!--',
      '-->',
      '<div>',
      '</div>',
      '---',
      '===',
      '1. first',
      '2) second',
      '[ref]: other.md',
      'See [ref] and [x](a.md#^c1).',
      'Question: why? #tag',
      'Crux: a crux [[#^c1]] ^k',
      'Because: evidence',
      'title: not front matter',
    ),
  },
);
const draft = fc
  .tuple(fc.boolean(), fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'))
  .map(([front, lines, eol]) => (front ? ['---', 'title: T', 'topics: [a, b]', '---', ''] : []).concat(lines).join(eol));

describe('prose elision', () => {
  it('gives exactly what a parse of every paragraph gives', () => {
    fc.assert(
      fc.property(draft, (text) => {
        expect(parseDraft(text, 'dir/a.md')).toEqual(parseDraftFully(text, 'dir/a.md'));
      }),
      { numRuns: 1500 },
    );
  });
  it('gives exactly what a full parse gives for a prose paragraph between any two blocks', () => {
    const longProse = fc.array(prose, { minLength: 3, maxLength: 4 }).map((ps) => ps.join(' '));
    const around = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
    const sandwich = fc
      .tuple(around, fc.constantFrom('\n\n', '\n\n\n', '\n'), longProse, fc.constantFrom('\n\n', '\n\n\n', '\n  \n', '\n', ''), around)
      .map(([a, s1, p, s2, b]) => `${a}${s1}${p}${s2}${b}`);
    fc.assert(
      fc.property(sandwich, (text) => {
        expect(parseDraft(text, 'dir/a.md')).toEqual(parseDraftFully(text, 'dir/a.md'));
      }),
      { numRuns: 2000 },
    );
  });
  it('really elides prose and inert runs (the generator is not vacuous)', () => {
    const samples = fc.sample(draft, { numRuns: 300, seed: 7 }).map((t) => elideProse(t, 0));
    expect(samples.filter((e) => e && e.removed.length > 0).length).toBeGreaterThan(8);
    expect(samples.filter((e) => e && e.text.includes('\nx')).length).toBeGreaterThan(2);
    expect(samples.filter((e) => e && e.middles.length > 0).length).toBeGreaterThan(100);
  });
  it('keeps a labelled paragraph, a paragraph in a list and a paragraph after a quote marker', () => {
    const long = 'Scheming is the risk that matters most here, and the rest of this paragraph just runs on for a while longer, long enough to be worth eliding';
    const text = `Claim: ${long}\n\n- ${long}\n\n> ${long}\n\n${long}\n`;
    const elided = elideProse(text, 0)!;
    // The prose paragraph goes (nothing indented follows it); in the others the middles of inert runs become markers.
    expect(elided.removed).toEqual([[text.length - long.length - 1, text.length - 1]]);
    expect(elided.text.endsWith('\n\n')).toBe(true);
    expect(elided.text.length).toBeLessThan(80);
    expect(elided.middles.length).toBe(3);
    expect(parseDraft(text, 'a.md')).toEqual(parseDraftFully(text, 'a.md'));
  });
});

describe('front matter fast paths', () => {
  it('leave front matter that remark closes early (a fence right after the opening one, or one with trailing spaces) to remark', () => {
    const texts = [
      '---\n---\ntitle: x\n---\n',
      '---\n---\ntitle: x\n---\n\nClaim: a\n',
      '---\ntitle: x\n--- \ntitle: y\n---\n# H\n',
      '---\ntitle: x\n---\t\ntopics: [a]\n---\n\nClaim: b\n',
      '---\r\n---\r\ntitle: x\r\n---\r\n',
      '---\n---\n---\n',
    ];
    for (const text of texts) expect(parseDraft(text, 'dir/a.md'), JSON.stringify(text)).toEqual(parseDraftFully(text, 'dir/a.md'));
  });
});

describe('flat front matter', () => {
  const key = fc.constantFrom('title', 'topics', 'tags', 'draft', 'date', 'true', 'null', 'y', 'a_b', 'x-y', '__proto__', 'constructor');
  const scalar = fc.constantFrom('Scheming', 'Outer alignment, again', "It's (maybe) fine?", 'a: b', 'true', 'False', 'null', '~', 'yes', 'No', '1.0', '12', '-x', '"q"', "'q'", 'a #c', 'a#c', '[a, b]', '[]', '[a,,b]', '[1, b]', '[true, x]', '[a b, c-d]', '[a: b]', '[#x]', '[a], [b]', '', 'x/y', 'a.b.', '&anchor', '*alias', '!tag', '|', '>', '@x', '%x', 'a\tb');
  const fmLine = fc.oneof(
    fc.tuple(key, scalar, fc.constantFrom('', ' ', '  ')).map(([k, v, sp]) => (v === '' ? `${k}:` : `${k}: ${v}${sp}`)),
    fc.constantFrom('', '  ', '# comment', '  - a', '- a', 'key:value', 'key :v', '\tkey: v', '...', '---'),
  );
  const source = fc.array(fmLine, { maxLength: 6 }).map((ls) => ls.join('\n'));
  it('reads what the yaml library reads, whenever it reads anything', () => {
    fc.assert(
      fc.property(source, (s) => {
        const fast = readFlatFrontMatter(s);
        if (fast === undefined) return;
        expect(parseYaml(s) ?? {}).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
  });
  it('takes the fast path for the usual shape', () => {
    expect(readFlatFrontMatter('title: Why scheming matters\ntopics: [scheming, outer-alignment]\ndraft: yes')).toBeUndefined();
    expect(readFlatFrontMatter('title: Why scheming matters\ntopics: [scheming, outer-alignment]\n')).toEqual({ title: 'Why scheming matters', topics: ['scheming', 'outer-alignment'] });
  });
});

describe('implicit id slugs', () => {
  /** The definition in docs/markup.md, written the slow and obvious way. */
  const reference = (text: string) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 6)
      .map((w) => w.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, ''))
      .filter(Boolean)
      .join('-');
  it('equal the slow definition on any text', () => {
    const word = fc.constantFrom('Scheming', 'non-scheming', 'Ærø', 'café', 'ﬁne', 'Ⅻ', '💡', '—', '', 'x\u00a0y', 'ÉTÉ', 'a.b', '42');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(word, { maxLength: 10 }).map((ws) => ws.join(' '))), (s) => {
        expect(slugOf(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});
