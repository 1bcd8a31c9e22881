/**
 * The simple-draft fast path (extension/core/parse/simpleTree.ts): whenever it builds a tree, the
 * tree is remark's, node for node (types, depths, values, urls, every position); whatever it
 * does not read it leaves to remark; and the drafts parsed through it equal full parses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root } from 'mdast';
import { simpleTree } from '../../extension/core/parse/simpleTree';
import { parseDraft, parseDraftFully } from '../../extension/core/parse/parse';
import { elideProse } from '../../extension/core/parse/elide';
import { corpus } from '../../bench/corpus';

/** Deep fuzzing (FUZZ_RUNS=30000 npx vitest run test/core/simpleTree.test.ts) gets the time it needs. */
const FUZZ_TIMEOUT = Math.max(30_000, Number(process.env.FUZZ_RUNS ?? 0) * 4);

const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** What parsing decides about a node: everything but `spread` (which nothing in Crux Map reads) and the root's own position. */
function shape(node: Nodes): unknown {
  const p = node.position;
  const out: Record<string, unknown> = { type: node.type, at: p && [p.start.line, p.start.column, p.start.offset, p.end.line, p.end.column, p.end.offset] };
  if (node.type === 'heading') out.depth = node.depth;
  if (node.type === 'list') out.ordered = node.ordered;
  if ('value' in node) out.value = node.value;
  if (node.type === 'link') {
    out.url = node.url;
    out.title = node.title;
  }
  if ('children' in node) out.children = (node.children as Nodes[]).map(shape);
  return out;
}

const remarkShape = (text: string) => (shape(remark.parse(text) as Root) as { children: unknown }).children;

/** Checks one text: a tree from the fast path must be remark's; returns whether the fast path took it. */
function check(text: string): boolean {
  const tree = simpleTree(text);
  if (!tree) return false;
  expect((shape(tree) as { children: unknown }).children).toEqual(remarkShape(text));
  // Every node has points of its own, as remark's have: restoreOffsets rewrites them in place.
  const points = new Set<object>();
  const visit = (n: Nodes) => {
    for (const p of [n.position?.start, n.position?.end]) {
      expect(points.has(p!)).toBe(false);
      points.add(p!);
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
  return true;
}

const SIMPLE = [
  '---\ntitle: T\ntopics: [a, b]\n---\n\n# Title\n\nClaim: one ^a\n',
  '## Claim: heading claim ^c0\n\nSome prose here.\nAnd a second line.\n\n- Support: s\n- Objection: o ^o0\n  - Reply: r\n    - Reply: deeper\n- Evidence: e #evidence\n',
  '> Counterpoint: quoted\n> over two lines [[x#^y]]\n\nCrux: [[#^a]] vs [[b#^c]]\n',
  'Question: see [this draft](d1.md#^c0) and [another](../x.md) or [empty]().\n',
  '- a\n\n- b\n  - c\n\n  - d\n- e\n\nafter\n',
  '# One\n## Two\nText right after a heading.\n\n### C# and F#\n',
  'Paragraph with [[wiki|alias]] and [x](y) then [[z]] and [1] and (parens).\n',
  '',
  'just text without a final newline',
  '**Claim:** bold label ^b\n\n- *Objection:* emphasised label and `code` and **strong words**.\n\n> _Support:_ in a quote, with *one* and __two__.\n',
  '## Crux: `a` vs *b* [[x#^y]] and [link](z.md)\n',
];

const UNSUPPORTED = [
  'Claim: intra*word*emphasis\n',
  'Claim: snake_case_name\n',
  'Claim: *nested **strong** inside*\n',
  'Claim: **mismatched*\n',
  'Claim: *unclosed\n',
  'Claim: *across\nlines*\n',
  'Claim: ***three***\n',
  'Claim: *é*\n',
  '* star bullet\n',
  '***\n',
  'Claim: ``double``\n',
  'Claim: ` spaced `\n',
  '[*em* label](x.md)\n',
  'Claim: a\\\nb\n',
  'text\n===\n',
  'text\n---\n',
  '1. ordered\n',
  '- item\nlazy continuation\n',
  '> quote\nlazy\n',
  'para\n- list interrupts\n',
  '    indented code\n',
  '```\nfence\n```\n',
  '<div>html</div>\n',
  '[a]: /definition\n\n[a]\n',
  'hard break  \nnext\n',
  'tab\there\n',
  'crlf\r\nline\r\n',
  '## closed heading ##\n',
  '- - nested marker\n',
  '-  two spaces\n',
  '[[a]](b)\n',
  '[a [b] c](d)\n',
  '![image](x.png)\n',
  '&amp; entity\n',
  '#tag at the start\n',
  'nul \0 here\n',
  'form\ffeed\n',
];

describe('simple-draft fast path', () => {
  it('builds remark\'s very tree for simple drafts', () => {
    for (const text of SIMPLE) expect(check(text), JSON.stringify(text)).toBe(true);
  });

  it('leaves everything else to remark', () => {
    for (const text of UNSUPPORTED) expect(simpleTree(text), JSON.stringify(text)).toBeUndefined();
  });

  it('equals remark on generated drafts, takes a good share of them, and the drafts equal full parses', () => {
    const line = fc.constantFrom(
      '', '', '', 'Claim: a claim ^a', 'plain prose line', 'Objection: [[b#^x|alias]] #tag', 'see [t](c.md#^y) here', '# Title', '## Claim: h ^h', '### Question: q',
      '- Support: s', '- Objection: o', '  - Reply: r', '    - Reply: rr', '   - odd indent', '- ', '> Counterpoint: q', '> second quoted line', '>', 'Crux: [[#^a]] vs [[#^h]]',
      '---', '===', '1. one', '* star', '+ plus', '*em*', '`c`', '    code', 'x  ', 'a [b](c)[d](e)', '**Claim:** bold', '- *Support:* em', 'a *b* c **d** e', 'x `y` z', 'a*b*c', '_u_ and __v__', '* bullet', '***', '**', 'q *r', '[x][y](z)', '[[w]](v)', '#notitle', '## closing #', 'C# F#', 'x\fy', 'a\u0000b', 'ünï 🧭 [[é]]',
    );
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.boolean(), (lines, front) => {
        runs++;
        const text = (front ? '---\ntitle: x\n---\n' : '') + lines.join('\n');
        if (check(text)) taken++;
        expect(parseDraft(text, 'dir/x.md')).toStrictEqual(parseDraftFully(text, 'dir/x.md'));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
    // Without this the test would pass with a fast path that never runs.
    expect(taken / runs).toBeGreaterThan(0.15);
  }, FUZZ_TIMEOUT);

  it('equals remark on random text from a markdown-ish alphabet, whenever it takes it', () => {
    const char = fc.constantFrom('a', 'b', 'Z', '1', '2', ' ', ' ', '\n', '\n', '#', '-', '>', '[', ']', '(', ')', '^', ':', '|', '.', '=', '+', '!', '~', 'é', '\u00a0', '*', '*', '_', '`');
    let taken = 0;
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        if (check(chars.join(''))) taken++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 4000) },
    );
    expect(taken).toBeGreaterThan(100);
  }, FUZZ_TIMEOUT);

  it('takes the plain drafts of the benchmark corpus, whole or with their prose elided, and those parses equal full ones', () => {
    let simple = 0;
    let all = 0;
    for (const [path, text] of corpus(80, 11)) {
      all++;
      const front = /^---\n[\s\S]*?\n---\n/.exec(text)![0].length;
      const elided = elideProse(text, front);
      if (check(text) || (elided && check(elided.text))) simple++;
      // Only what the corpus's richer drafts hold keeps them out: numbered lists, code blocks, nested emphasis, footnotes.
      else expect(text).toMatch(/^1\. |^```|\*\*\*|\[\^/m);
      expect(parseDraft(text, path)).toStrictEqual(parseDraftFully(text, path));
    }
    expect(simple / all).toBeGreaterThan(0.6);
  });
});
