/**
 * The hardening suite (issue 14), kept in the project: generated and pathological drafts at a fixed
 * budget. Every document must parse without a throw, with every range inside the text, the same
 * way twice, and as the oracle parses it; `FUZZ_RUNS=100000 npx vitest run test/core/robust.test.ts`
 * raises the budget. Times are for `npm run bench robust`, never asserted here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import * as parser from '../../extension/core/parse/parse';
import { parseDraft } from '../../extension/core/parse/parse';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { Draft, Range } from '../../extension/core/model';
import { isViewMessage } from '../../extension/protocol';
import { addIdEdit, applyTextEdits, linkEdits, markAsEdit } from '../../extension/core/features/edits';
import { PATTERNS } from '../../bench/pathological';
import { knownDifference, oracleParseDraft, oracleText } from '../support/remarkOracle';
import { fuzzSeed } from '../support/fuzzSeed';

/** Generated documents per run: 500 by default (a few seconds), FUZZ_RUNS when set. */
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 500));
/** Per-test time allowance grows with the budget (no assertion on time: only room to finish). */
const TIMEOUT = 60_000 + RUNS * 5;

/**
 * The oracle a fast parse is compared with: the parser engineer's oracle when the parser
 * exports one, else today's parseDraftFully (no pre-scan, no prose elision); none, no comparison.
 */
const exported = parser as unknown as Record<string, unknown>;
const exportedName = ['parseDraftOracle', 'oracleParse', 'parseDraftFully'].find((n) => typeof exported[n] === 'function');
// Since the markdown-it parser, the oracle is the remark reading in test/support/remarkOracle.ts.
const oracleName = exportedName ?? 'oracleParseDraft';
const oracle = exportedName ? (exported[exportedName] as (text: string, path: string) => Draft) : (text: string, path: string) => oracleParseDraft(oracleText(text), path);

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

/** Everything asked of one document; the first problem, in words, or undefined. */
function problemOf(text: string, path = 'dir/a.md'): string | undefined {
  let a: Draft;
  try {
    a = parseDraft(text, path);
  } catch (e) {
    return `throws: ${String(e)}`;
  }
  const b = parseDraft(text, path);
  if (!isDeepStrictEqual(a, b)) return 'not deterministic';
  const lengths = lineLengths(text);
  const outside = allRanges(a).find((r) => !inside(r, lengths));
  if (outside) return `range outside the text: ${JSON.stringify(outside)}`;
  const ids = a.elements.map((e) => e.localId);
  if (new Set(ids).size !== ids.length) return `local ids not unique: ${ids.join(' ')}`;
  for (const e of a.elements) for (const k of e.references) if (!(k >= 0 && k < a.references.length)) return `element reference index ${k} out of bounds`;
  // Past the nesting cap the parser reads plain text by design (a too-deep note), where the oracle recurses on.
  // Where micromark and CommonMark part (listed in test/support/remarkOracle.ts), the oracle is not compared either.
  if (oracle && !a.diagnostics.some((d) => d.code === 'too-deep') && !(exportedName === undefined && knownDifference(text))) {
    let o: Draft;
    try {
      o = oracle(text, path);
    } catch (e) {
      return `the oracle throws: ${String(e)}`;
    }
    // Compared as JSON: an absent optional field and an undefined one are the same draft.
    if (JSON.stringify(a) !== JSON.stringify(o) && !isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(o)))) return `differs from ${oracleName}`;
  }
  return undefined;
}

// The fuzz generator: blocks of every kind the parser meets, with the small versions of the pathological shapes mixed in.
const labelWord = fc.constantFrom('Claim', 'thesis', 'SUPPORT', 'Because', 'Evidence', 'Objection', 'Counterpoint', 'Reply', 'Rebuttal', 'Response', 'Crux', 'Question', 'Claimed', 'Note', 'claim');
const label = fc.tuple(labelWord, fc.constantFrom('', '**', '__', '*', '_'), fc.boolean()).map(([l, w, inner]) => (inner ? `${w}${l}:${w}` : `${w}${l}${w}:`));
const word = fc.constantFrom(
  'scheming', 'outer', 'risk', '#tag', '^id', '^a-1', ' ^', '`code`', '``', '*em*', '**', '_', '[[other#^x]]', '[[#^a-1]]', '![[emb#^e]]', '[[dir/n#^b|alias]]', '[[n#Heading]]', '[t](x.md#^c)', '[u](#^d)', '[v](https://e.org/#^z)',
  '\\', '[[', ']]', '[', '](', '<', '>', 'é', 'Caf&#xe9;', '&amp;', '&#0;', '💡', '\u2028', '\u00a0', '\t', '<b>', '</b>', '<!--', '-->', '[^1]', '$x$', '~~s~~', '|', 'http://x.org', ':',
);
const sentence = fc.array(word, { maxLength: 10 }).map((ws) => ws.join(' '));
const idMarker = fc.option(fc.constantFrom(' ^a', ' ^a-1', ' ^Z9', ' ^-x', '^b', ' ^a ##', ' ^'), { nil: '' });
const nest = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('> ', '- ', '* ', '1. ', '> - ', '  ', '- > '));
const block = fc.oneof(
  { arbitrary: fc.tuple(label, sentence, idMarker).map(([l, s, id]) => `${l} ${s}${id}`), weight: 4 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), label, sentence, idMarker, fc.constantFrom('', ' ##', ' #')).map(([d, l, s, id, close]) => `${'#'.repeat(d)} ${l} ${s}${id}${close}`), weight: 2 },
  { arbitrary: fc.tuple(label, sentence, fc.constantFrom('===', '---', '=', '- - -')).map(([l, s, u]) => `${l} ${s}\n${u}`), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '> ', '> - ', '- [ ] '), label, sentence).map(([n, m, l, s]) => `${'  '.repeat(n)}${m}${l} ${s}`), weight: 3 },
  { arbitrary: fc.tuple(nest, label, sentence).map(([[n, m], l, s]) => `${m.repeat(n)}${l} ${s}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('[', '*', '_', '`', '[[', '[a](', '*a ', '> ', '- '), fc.integer({ min: 2, max: 200 })).map(([c, n]) => `Claim: ${c.repeat(n)}`), weight: 1 },
  { arbitrary: fc.constantFrom('```', '~~~', '```js', '    indented code', '---', '***', '***', 'title: x', '<div>', '</div>', '', '', '>', '#', '# ', '#\t#', '| a | b |', '|---|---|', '[^1]: note', '[ref]: ./x.md#^a', '\\', '<!-- Claim: hidden -->'), weight: 2 },
  { arbitrary: sentence, weight: 2 },
);
const frontMatter = fc.constantFrom<string[]>(
  [],
  [],
  ['---', 'title: T', 'topics: [a, b]', '---'],
  ['---', 'title: "Quoted: t"', 'aliases: [x, y]', '---'],
  ['---', 'a: &x [1]', 'b: *x', 'c: *missing', 'title: *x', '---'],
  ['---', 'title: [unclosed', '---'],
  ['---', 'title: Unclosed front matter'],
  ['+++', 'title = "toml"', '+++'],
);
const eol = fc.constantFrom('\n', '\n', '\r\n', '\r');
const markdown = fc.tuple(frontMatter, fc.array(fc.tuple(block, eol, fc.boolean()), { maxLength: 30 }), eol, fc.boolean()).map(([front, blocks, frontEol, bom]) => {
  const head = front.length > 0 ? front.join(frontEol) + frontEol : '';
  const body = blocks.map(([b, e, blankAfter]) => b.replace(/\n/g, e) + e + (blankAfter ? e : '')).join('');
  return (bom ? '\ufeff' : '') + head + body;
});

describe('generated drafts (fuzz)', () => {
  it(`${RUNS} generated markdown drafts: no throw, ranges inside, deterministic, equal to the oracle (${oracleName ?? 'no oracle'})`, () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const problem = problemOf(text);
        if (problem) throw new Error(`${problem}\n${JSON.stringify(text)}`);
      }),
      { numRuns: RUNS, seed: fuzzSeed(14) },
    );
  }, TIMEOUT);

  it(`${Math.ceil(RUNS / 4)} arbitrary strings (any code unit, lone surrogates included)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const problem = problemOf(text);
        if (problem) throw new Error(`${problem}\n${JSON.stringify(text)}`);
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: 15 },
    );
  }, TIMEOUT);

  it('the generator is not vacuous: it makes elements, references, ids and diagnostics', () => {
    const drafts = fc.sample(markdown, { numRuns: 300, seed: 7 }).map((t) => parseDraft(t, 'a.md'));
    expect(drafts.reduce((n, d) => n + d.elements.length, 0)).toBeGreaterThan(500);
    expect(drafts.reduce((n, d) => n + d.references.length, 0)).toBeGreaterThan(200);
    expect(drafts.some((d) => d.elements.some((e) => e.explicitId))).toBe(true);
    expect(drafts.some((d) => d.diagnostics.length > 0)).toBe(true);
  });

  it(`the index builds a consistent graph from ${Math.ceil(RUNS / 20)} generated workspaces, incrementally as from scratch`, () => {
    fc.assert(
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 5 }), (texts, edits) => {
        const paths = texts.map((_, i) => (i % 2 ? `dir/n${i}.md` : `other${i}.md`));
        const live = new WorkspaceIndex();
        texts.forEach((t, i) => live.setDraft(paths[i], t));
        // Some drafts replaced by others' texts, as typing does.
        for (const k of edits) live.setDraft(paths[k % paths.length], texts[(k + 1) % texts.length]);
        const now = new Map(paths.map((p) => [p, live.getText(p)!]));
        const fresh = new WorkspaceIndex();
        for (const [p, t] of now) fresh.setDraft(p, t);
        const g = live.getGraph();
        expect(g).toEqual(fresh.getGraph());
        const ids = new Set(g.nodes.map((n) => n.id));
        expect(ids.size).toBe(g.nodes.length);
        for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 20), seed: 16 },
    );
  }, TIMEOUT);
});

/**
 * Known bad today, so that the suite stays green now; after the parser rewrite (issue 14) is
 * merged, the lead empties both lists and the tests below must pass as plain `it`:
 * - KNOWN_BAD_TODAY: checks that fail with today's parser; they run as `it.fails` (red once fixed).
 * - SLOW_TODAY: checks that would take minutes with today's parser (`npm run bench robust` shows
 *   the growth); they are skipped.
 */
const KNOWN_BAD_TODAY = new Set<string>([]);
const SLOW_TODAY = new Set<string>([]);
const testFor = (name: string) => (SLOW_TODAY.has(name) ? it.skip : KNOWN_BAD_TODAY.has(name) ? it.fails : it);
/** The test size of each pattern (the bench takes them to 1 MB). */
const TEST_BYTES = 3000;

describe('pathological drafts', () => {
  for (const p of PATTERNS) {
    testFor(p.name)(`${p.name} (${p.what}): no throw, ranges inside, deterministic, as the oracle, the elements around it kept`, () => {
      const text = p.make(TEST_BYTES);
      expect(problemOf(text)).toBeUndefined();
      const d = parseDraft(text, 'a.md');
      // Every explicit id the shape writes on its own line's end is an element's (the blocks around it are kept).
      // The index takes it too, with a draft that links into it.
      const index = new WorkspaceIndex();
      index.setDraft('a.md', text);
      index.setDraft('b.md', 'Objection: [[a#^before]] and [[a#^after]] ^b\n');
      const g = index.getGraph();
      expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
      const written = [...text.matchAll(/ \^([A-Za-z][A-Za-z0-9-]*)(?=\r?\n|\r|$)/g)].map((m) => m[1]);
      const ids = new Set(d.elements.map((e) => e.localId));
      expect(written.filter((id) => !ids.has(id))).toEqual([]);
    }, TIMEOUT);
  }

  // Issue 14's targets for deep nesting (today: a throw for the quote, minutes for the list).
  for (const [name, marker] of [
    ['quote', '> '],
    ['list', '- '],
  ]) {
    testFor(`10,000-deep ${name}`)(`a 10,000-deep ${name} parses without a throw and keeps the elements of every other block of its file`, () => {
      const text = `Claim: before ^before\n\n${marker.repeat(10_000)}x\n\nClaim: after ^after\n\n- Objection: [[#^before]] no. ^obj\n\n# Heading after\n`;
      const d = parseDraft(text, 'deep.md');
      expect(d.elements.map((e) => e.localId)).toEqual(['before', 'after', 'obj']);
      expect(d.title).toBe('Heading after');
    }, TIMEOUT);
  }
});

/**
 * Documents the fuzz found failing (shrunk by fast-check), kept as regression cases. Those marked
 * knownBad fail with today's parser and run as `it.fails`; the lead flips them after the parser rewrite.
 */
const FOUND_BY_FUZZ: { text: string; why: string; knownBad: boolean }[] = [
  // FUZZ_RUNS=100000, seed 14, after 10,032 documents: the fast path reads `&#xe9;` as text in a setext heading.
  { text: 'Claim: Caf&#xe9; scheming http://x.org\n===\n', why: 'an entity in a setext heading', knownBad: false },
  // FUZZ_SEED=random (seeds -1239737738 and 1476876475): markdown-it kept a continuation line's indentation inside a code span.
  { text: 'Claim: `` scheming\n    - Claim: ``\n', why: 'a code span across an indented continuation line', knownBad: false },
  { text: 'Claim: `` ^a\n\t- Claim: ``\r\n', why: 'a code span across a tab-indented continuation line (CRLF)', knownBad: false },
  // FUZZ_SEED=random: a wikilink holding a backtick or `<` that opens nothing is a wikilink to remark; one that opens something is not.
  { text: 'Claim: [[ `` ]]\n', why: 'a wikilink around unmatched backticks', knownBad: false },
  { text: '[[ <!-- ]]\n', why: 'a wikilink around an unclosed comment', knownBad: false },
  { text: 'Claim: [[ <!-- ]] x -->\n', why: 'a comment opened inside a wikilink and closed after it', knownBad: false },
  { text: 'Claim: [[ `a ]] b` ]] and [[ `c` ]] [[ <http://x> ]] [[ <b> ]]\n', why: 'code spans, an autolink and a tag inside wikilinks', knownBad: false },
  { text: 'Claim: [[ _ ]]\n===\n[[ ** ]] and [[ a_b ]] but not [[ *c* ]] nor [[ _d ]]_\n', why: 'wikilinks holding `*` or `_` that may or may not open emphasis', knownBad: false },
  // FUZZ_SEED=random: a line indented four spaces after a paragraph in a quote in a list in a quote is a lazy
  // continuation line to CommonMark and remark; markdown-it's rules let it start a list there.
  { text: '> - > - Claim: \n    - Claim: \n', why: 'a lazy continuation line four spaces in, under nested quotes and lists', knownBad: false },
  { text: '> - > Claim: a\n    - b\n\n- > - > Claim: c\n     - d\n\n> 1. > Claim: e\n    - f\n', why: 'lazy lines and list items after quotes in list items in quotes', knownBad: false },
  // FUZZ_SEED=random: after a reference definition, a line that cannot interrupt a paragraph goes on with it (markdown-it began a list).
  { text: '[ref]: ./x.md#^a\n2) Claim: \n\n[^1]: note\n2) Claim: \n\n[a]: x\n-\nClaim: y\n\n> [b]: x\n> 2) Claim: y\n', why: 'a list item that cannot interrupt a paragraph, after reference definitions', knownBad: false },
  { text: '[a]: x\n[b]: y\nClaim: z [b]\n\n[c]: x\n1. Claim: y\n\n[d]: x\n# Claim: y\n\n[e]: x\n    Claim: y\n', why: 'what may follow a reference definition: another, a list from 1, a heading, an indented line', knownBad: false },
  // FUZZ_SEED=random: an invalid numeric character reference in a wikilink reads as U+FFFD (escaped, as written).
  { text: 'Claim: [[ &#0; ]] [[ \\&#0; ]] [[ &#x110000; ]]\n', why: 'invalid numeric character references in wikilinks', knownBad: false },
];

describe('documents the fuzz found', () => {
  for (const f of FOUND_BY_FUZZ) {
    (f.knownBad ? it.fails : it)(`${f.why}: ${JSON.stringify(f.text)}`, () => {
      expect(problemOf(f.text)).toBeUndefined();
    });
  }
});

describe('edits on generated drafts', () => {
  it(`Add Id, Mark As and Link never throw on ${Math.ceil(RUNS / 10)} generated drafts, and Add Id only inserts its marker`, () => {
    fc.assert(
      fc.property(markdown, fc.nat(), (text, pick) => {
        const index = new WorkspaceIndex();
        index.setDraft('a.md', text);
        index.setDraft('t.md', 'Claim: target ^t\n');
        const d = index.getDraft('a.md')!;
        const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
        markAsEdit(text, { line: pick % lines.length, character: pick % (lines[pick % lines.length].length + 1) }, 'claim');
        if (d.elements.length === 0) return;
        const el = d.elements[pick % d.elements.length];
        const r = addIdEdit(index, `a.md#^${el.localId}`);
        if (r.edit) {
          const [e] = r.edit.edits;
          expect(e.range.start).toEqual(e.range.end);
          const out = applyTextEdits(text, r.edit.edits);
          expect(out.length).toBe(text.length + e.newText.length);
          // Re-parsed, no element is lost and the element has its id written out (headings aside: a
          // setext or closed one needs the parser rewrite, see test/core/features/edits.test.ts).
          const again = parseDraft(out, 'a.md');
          expect(again.elements.length).toBe(d.elements.length);
          if (el.block !== 'heading') expect(again.elements.some((x) => x.explicitId && x.localId === r.id)).toBe(true);
        }
        linkEdits(index, `a.md#^${el.localId}`, 't.md#^t', 'object');
      }),
      { numRuns: Math.ceil(RUNS / 10), seed: 18 },
    );
  }, TIMEOUT);
});

describe('the webview boundary: any message', () => {
  it(`${RUNS} hostile messages: the guard never throws, and what it passes is well-formed`, () => {
    const near = fc.record({
      type: fc.constantFrom('viewDidLoad', 'viewDidClickNode', 'viewDidChangeScope', 'viewDidExport', 'didSetGraph', 'x'),
      payload: fc.oneof(fc.anything(), fc.record({ id: fc.oneof(fc.string(), fc.anything()), toSide: fc.anything(), scope: fc.constantFrom('draft', 'linked', 'workspace', 'all', undefined), format: fc.constantFrom('png', 'svg', 'gif'), data: fc.oneof(fc.string(), fc.constant('<svg/>')) }, { requiredKeys: [] })),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), near), (m) => {
        let ok = false;
        expect(() => (ok = isViewMessage(m))).not.toThrow();
        if (!ok) return;
        const msg = m as { type: string; payload: Record<string, unknown> };
        if (msg.type === 'viewDidClickNode') expect([typeof msg.payload.id, typeof msg.payload.toSide]).toEqual(['string', 'boolean']);
        if (msg.type === 'viewDidChangeScope') expect(['draft', 'linked', 'workspace']).toContain(msg.payload.scope);
        if (msg.type === 'viewDidExport') expect(typeof msg.payload.data).toBe('string');
      }),
      { numRuns: RUNS, seed: 19 },
    );
  }, TIMEOUT);
});

describe('the webview boundary: a PNG export', () => {
  const png = (data: string) => ({ type: 'viewDidExport', payload: { format: 'png', data } });
  it('with invalid base64 is refused by the guard (before any save dialog)', () => {
    for (const bad of ['data:image/png;base64,', 'data:image/png;base64,A', 'data:image/png;base64,AAA', 'data:image/png;base64,AA=A', 'data:image/png;base64,****', 'data:image/png;base64,AAAA====', 'data:image/png;base64,AA AA', 'data:image/png;base64,AAAA\n', 'data:image/png;base64,é']) {
      expect(isViewMessage(png(bad)), bad).toBe(false);
    }
    expect(isViewMessage(png(`data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]).toString('base64')}`))).toBe(true);
  });
  it('whatever it holds: the guard passes it only when the host can decode it (atob never throws after the dialog)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.base64String(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('A', 'b', '+', '/', '=', '9', ' ', '-', '_') })), (payload) => {
        const data = `data:image/png;base64,${payload}`;
        if (isViewMessage(png(data))) expect(() => atob(payload)).not.toThrow();
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: 17 },
    );
  });
});
