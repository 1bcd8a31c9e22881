/** The parser's remaining fast paths give exactly what the slow paths give: flat front matter against the yaml library, slugs against their definition. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { parseDraft, slugOf } from '../../extension/core/parse/parse';
import { readFlatFrontMatter } from '../../extension/core/parse/frontMatter';
import { oracleParseDraft } from '../support/remarkOracle';

describe('front matter', () => {
  it('is closed where remark closes it (a fence right after the opening one, or one with trailing blanks)', () => {
    const texts = [
      '---\n---\ntitle: x\n---\n',
      '---\n---\ntitle: x\n---\n\nClaim: a\n',
      '---\ntitle: x\n--- \ntitle: y\n---\n# H\n',
      '---\ntitle: x\n---\t\ntopics: [a]\n---\n\nClaim: b\n',
      '---\r\n---\r\ntitle: x\r\n---\r\n',
      '---\n---\n---\n',
    ];
    for (const text of texts) expect(parseDraft(text, 'dir/a.md'), JSON.stringify(text)).toEqual(oracleParseDraft(text, 'dir/a.md'));
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
