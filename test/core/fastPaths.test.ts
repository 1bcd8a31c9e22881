/** The parser's remaining fast paths give exactly what the slow paths give: flat front matter against the yaml library, slugs against their definition. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import MarkdownIt from 'markdown-it';
import { inlineStates } from '../../extension/core/parse/markdown';
import { mayHoldLabel, paragraphPrecheck, parseDraft, slugOf } from '../../extension/core/parse/parse';
import { readFlatFrontMatter } from '../../extension/core/parse/frontMatter';
import { oracleParseDraft } from '../support/remarkOracle';
import { realisticCorpus } from '../../bench/corpus';

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
  const key = fc.constantFrom('title', 'topics', 'aliases', 'tags', 'draft', 'date', 'true', 'null', 'y', 'a_b', 'x-y', '__proto__', 'constructor');
  const scalar = fc.constantFrom(
    'Scheming', 'Outer alignment, again', "It's (maybe) fine?", 'a: b', 'true', 'False', 'null', '~', 'yes', 'No', '1.0', '12', '2024-01-31', '-x', '+x', '"q"', "'q'",
    '"a: b # c"', "'it''s'", '"esc\\n"', '"say \\"hi\\""', '"é — ok"', "'x' # c", '"x" y', '"\u2028"', 'a #c', 'a#c', '[a, b]', '[]', '[a,,b]', '[1, b]', '[true, x]',
    '[a b, c-d]', '[a: b]', '[#x]', '[a], [b]', '', 'x/y', 'a.b.', '&anchor', '*alias', '!tag', '|', '>', '@x', '%x', 'a\tb', '1 + 1 = 2',
    '2017-06-21 01:09:00', 'Licenses & Payment/x', 'the app’s theme', '/', 'a:b', 'foo:', 'http://x.org/a#b', 'a  b', '.inf', '.5', 'Ça va', 'Ärger', '-1', '? x', '{a: b}',
    '"x" "y"', 'x\u0085y', '\ufeffx', 'a ,b', 'a, b', 'True', 'NULL', 'Yes', '0x1F', '1e3', 'x: ', '...', '----', 'a\u2028b', '你好', 'a]b', 'a}b', '"a: b"', "'#x'",
    '2FA', '.config', '3D printing', '12abc', '+12', '-.5', '.NaN', '.Inf', '1_000', '0o17', '0b101', '1.2.3', '1:30', '2024-01-31T10:00', '.5e3', '9.x', '.', '..', '1e', '0xZZ',
  );
  const item = fc.tuple(fc.constantFrom('', ' ', '  ', '    '), fc.constantFrom('-', '- ', '-  '), scalar).map(([indent, dash, v]) => `${indent}${dash}${v}`);
  const fmLine = fc.oneof(
    fc.tuple(key, scalar, fc.constantFrom('', ' ', '  ')).map(([k, v, sp]) => (v === '' ? `${k}:` : `${k}: ${v}${sp}`)),
    item,
    // A key with a block list under it (items at one indentation, or not).
    fc.tuple(key, fc.array(item, { minLength: 1, maxLength: 3 })).map(([k, items]) => [`${k}:`, ...items].join('\n')),
    fc.constantFrom('', '  ', '# comment', '  # indented comment', 'key:value', 'key :v', '\tkey: v', '  key: v', '...', '---', '  continued'),
  );
  const source = fc.array(fmLine, { maxLength: 8 }).map((ls) => ls.join('\n'));
  /** The yaml library's reading of the keys Crux Map reads, or undefined when it finds an error. */
  const yamlReading = (s: string): Record<string, unknown> | undefined => {
    const doc = parseDocument(s, { logLevel: 'silent' });
    if (doc.errors.length) return undefined;
    const all = (doc.toJS() ?? {}) as Record<string, unknown>;
    return Object.fromEntries(['title', 'topics', 'aliases'].filter((k) => Object.prototype.hasOwnProperty.call(all, k)).map((k) => [k, all[k]]));
  };
  it('reads what the yaml library reads, whenever it reads anything (and nothing the library finds an error in)', () => {
    let taken = 0;
    fc.assert(
      fc.property(source, (s) => {
        const fast = readFlatFrontMatter(s);
        if (fast === undefined) return;
        taken++;
        expect(yamlReading(s), JSON.stringify(s)).toEqual(fast);
      }),
      { numRuns: 6000 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(taken).toBeGreaterThan(300);
  });
  it('takes the fast path for the usual shapes: flow and block lists, quoted strings, booleans and dates in keys it does not read', () => {
    expect(readFlatFrontMatter('title: Why scheming matters\ntopics: [scheming, outer-alignment]\ndraft: yes')).toEqual({ title: 'Why scheming matters', topics: ['scheming', 'outer-alignment'] });
    const jekyll = 'layout: post\ntitle: "Scheming: a primer"\ndate: 2024-01-31\nmath: true\naliases:\n  - Scheming primer\n  - How to/Scheming\ncssclasses:\n  - soft-embed\n# a comment\ndescription: Learn how scheming differs from deception.\n';
    expect(readFlatFrontMatter(jekyll)).toEqual({ title: 'Scheming: a primer', aliases: ['Scheming primer', 'How to/Scheming'] });
    expect(yamlReading(jekyll)).toEqual(readFlatFrontMatter(jekyll));
    expect(readFlatFrontMatter('title: x\naliases:\n')).toEqual({ title: 'x', aliases: null });
    expect(readFlatFrontMatter('aliases:\n  nested: map\n')).toBeUndefined();
    // Values starting with a digit or a dot that YAML reads as strings; numbers stay with the library.
    const vault = 'aliases:\n  - .config\n  - 2FA\n  - 3D printing\npermalink: 2fa\n';
    expect(readFlatFrontMatter(vault)).toEqual({ aliases: ['.config', '2FA', '3D printing'] });
    expect(yamlReading(vault)).toEqual(readFlatFrontMatter(vault));
    for (const n of ['12', '.5', '1e3', '0x1F', '.inf', '1_000']) expect(readFlatFrontMatter(`title: ${n}`), n).toBeUndefined();
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
    const word = fc.constantFrom('Scheming', 'non-scheming', 'Ærø', 'café', 'ﬁne', 'Ⅻ', '💡', '—', '', 'x\u00a0y', 'ÉTÉ', 'a.b', '42', 'x\u2003y', 'A\u3000B', 'x\u0085y', 'tab\tword', 'x\u2028y', '\ufeff', 'ALL-CAPS_2', 'a\u200bb');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(word, { maxLength: 10 }).map((ws) => ws.join(' '))), (s) => {
        expect(slugOf(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the paragraph pre-check (inline parse skipped where nothing can matter)', () => {
  // Starts of blocks around the edge of what a label is: emphasis, escapes, character references, letters past ASCII, marks, astral letters.
  const piece = fc.constantFrom(
    'Claim', 'Objection', 'Reply', 'Support', 'Because', 'Crux', 'Question', 'Candidate counterexample', 'claim', 'CLAIM', ':', ': ', ' ', '\n', '  \n', '*', '**', '_', '__',
    '\\:', '\\*', '&#58;', '&colon;', '&amp;', 'Cl&#97;im', 'Ob\u00adjection', 'Ärger', 'Ça', '𝐂laim', 'e\u0301', '’s', "'", '-', '—', '“', '(', ')', '.', ',', '?', '`x`', '<b>', '</b>',
    '<!-- c -->', '[x]', '[[a]]', '![i](p.png)', '[t](b.md#^x)', '[r]', '\u00a0', 'x', 'word', '12', '#', '~',
  );
  const label = fc.constantFrom('Claim', 'Objection', 'Reply', 'Candidate counterexample', 'Cl&#97;im', 'Ärger', '𝐂laim', 'Claim\\-x', 'Because', 'Crux');
  const opening = fc.constantFrom('', '*', '**', '_', '__', '***', '\\*', '&#42;', ' ', '`c` ', '<i>', '[x] ');
  const block = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 10 }).map((ps) => ps.join('')),
    fc
      .tuple(opening, label, fc.constantFrom(':', ': ', ':**', '**:', ':*', '*:', ':_', '_:', ':__', ':***', '\\:', '&#58;', ''), fc.array(piece, { maxLength: 6 }))
      .map(([o, l, c, ps]) => o + l + c + ' ' + ps.join('')),
  );
  /** The draft read with every paragraph's inline content parsed. */
  const withoutPrecheck = (text: string) => {
    paragraphPrecheck.enabled = false;
    try {
      return parseDraft(text, 'a.md');
    } finally {
      paragraphPrecheck.enabled = true;
    }
  };
  it('changes no draft: every block, labelled or not, reads as when every inline content is parsed', () => {
    fc.assert(
      fc.property(block, fc.constantFrom('', '- ', '> ', '1. '), fc.boolean(), (b, marker, definitions) => {
        const text = `${marker}${b}\n${definitions ? '\n[r]: other.md#^x\n' : ''}`;
        expect(parseDraft(text, 'a.md'), JSON.stringify(text)).toEqual(withoutPrecheck(text));
      }),
      { numRuns: 3000 },
    );
  });
  it('changes no draft of the realistic corpus', () => {
    for (const [path, text] of realisticCorpus(40, 7)) expect(parseDraft(text, 'a.md'), path).toEqual(withoutPrecheck(text));
  });
  it('answers "maybe" for every text that begins with a label, and "no" for prose without a colon in reach', () => {
    for (const t of ['Claim: x', '**Claim:** x', '_Objection_: y', 'Cl&#97;im: x', 'Claim\\: x', 'Candidate counterexample: z', 'Ärger: x', '𝐂laim: x']) expect(mayHoldLabel(t, 40), t).toBe(true);
    for (const t of ['A sentence without any colon at all.', 'See `code`: here', '[link](https://x.org): no', 'This runs on for a long while before it reaches its colon: so no label.', '“Quoted”: no']) expect(mayHoldLabel(t, 40), t).toBe(false);
  });
});

describe('the plain inline state', () => {
  it("has markdown-it's own inline state's fields, in order, with the same values and prototype", () => {
    const mdi = MarkdownIt('commonmark');
    const tokens: unknown[] = [1, 2];
    const env = { x: 1 };
    // The library's constructor (through the subclass's super call) against the plain one the parser installs.
    const library = new inlineStates.library('a *b* c', mdi, env, tokens);
    const plain = new inlineStates.plain('a *b* c', mdi, env, tokens);
    expect(Object.keys(plain)).toEqual(Object.keys(library));
    expect(plain).toEqual(library);
    expect(Object.getPrototypeOf(plain)).toBe(Object.getPrototypeOf(library));
  });
});

describe('what the parser reads from', () => {
  it('says when it reads a copy of the text (so the strings a draft keeps get copies of their own, not slices that keep the copy alive)', async () => {
    const { prepareText } = await import('../../extension/core/parse/parse');
    expect(prepareText('Claim: x\n').copied).toBe(false);
    expect(prepareText('\ufeffClaim: x\n').copied).toBe(false);
    expect(prepareText('Claim: x\r\n').copied).toBe(true);
    // Front matter stays in the text markdown-it reads (it starts on the line after it): no copy.
    const fm = prepareText('---\ntitle: t\n---\nClaim: x\n');
    expect(fm.src).toBe('---\ntitle: t\n---\nClaim: x\n');
    expect(fm.frontLines).toBe(3);
    expect(fm.copied).toBe(false);
    expect(prepareText('---\r\ntitle: t\r\n---\r\nClaim: x\r\n').copied).toBe(true);
    expect(prepareText('Claim: \0x\n').copied).toBe(true);
    // The draft is the same either way.
    const text = '---\ntitle: A long enough title\n---\nClaim: a claim long enough to be sliced. ^an-explicit-id\n\n- Objection: [[other#^some-target|an alias long enough]]\n';
    expect(parseDraft(text, 'a.md')).toEqual(JSON.parse(JSON.stringify(parseDraft(text, 'a.md'))));
  });
});

describe('code spans across lines (markdown-it reads a line ending as a space and keeps the indentation after it; remark keeps the line ending)', () => {
  it('read as remark reads them: a line ending, with the white space around it, is one space in the element text', () => {
    const text = (t: string) => parseDraft(t, 'a.md').elements.map((e) => e.text);
    expect(text('Claim: `a\n    b` c\n')).toEqual(['a b c']);
    expect(text('Claim: `` x\n\t\ty ``\r\n')).toEqual(['x y']);
    // Spaces before a line ending go with it; one-line spans are untouched.
    expect(text('Claim: `a  \n  b` and `  c  `\n')).toEqual(['a b and  c']);
    for (const t of ['Claim: `a\n    b` c\n', 'Claim: `` x\n\t\ty ``\r\n', 'Claim: `a  \n  b` and `  c  `\n', '- Claim: `a\n     b`\n']) expect(text(t)).toEqual(oracleParseDraft(t, 'a.md').elements.map((e) => e.text));
  });
});
