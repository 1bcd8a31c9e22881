/** Properties of the suggester on generated markdown: it never throws, stays inside the text, points only at real blocks, and ignores labeled blocks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDraft } from '../../extension/core/parse/parse';
import { suggestDraft } from '../../extension/core/suggest/suggest';
import { scanBlocks } from '../../extension/core/suggest/blocks';

const words = ['But', 'because', 'However,', 'For example,', 'I doubt', 'so', 'Claim:', 'Objection:', 'the', 'model', 'plans', 'deception', '**bold**', '[[a#^b]]', '`code`', '’', '“', '?', '.', ','];
const line = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const prefix = fc.constantFrom('', '- ', '  - ', '1. ', '> ', '## ', '    ', '```', '---', '<div>');
const markdown = fc.array(fc.tuple(prefix, line), { maxLength: 30 }).chain((ls) =>
  fc.constantFrom('\n', '\r\n', '\n\n').map((eol) => ls.map(([p, l]) => p + l).join(eol)),
);

describe('suggester properties', () => {
  it('never throws; confidences in [0, 1]; ranges inside the text; targets are other blocks; labeled blocks get nothing', () => {
    fc.assert(
      fc.property(fc.oneof(markdown, fc.string({ maxLength: 300 })), (text) => {
        const draft = parseDraft(text, 'p.md');
        const list = suggestDraft(text, draft);
        const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
        const blockLines = new Set(scanBlocks(text).map((b) => b.range.start.line));
        const labeled = new Set(draft.elements.map((e) => e.range.start.line));
        for (const s of list) {
          expect(s.confidence).toBeGreaterThanOrEqual(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
          expect(s.range.end.line).toBeLessThan(lines.length);
          expect(s.range.end.character).toBeLessThanOrEqual(lines[s.range.end.line].length);
          expect(labeled.has(s.range.start.line)).toBe(false);
          if (s.target) {
            expect(s.target.line).not.toBe(s.range.start.line);
            expect(blockLines.has(s.target.line) || labeled.has(s.target.line)).toBe(true);
            if (s.target.suggestion >= 0) expect(list[s.target.suggestion].range.start.line).toBe(s.target.line);
            if (s.target.element >= 0) expect(draft.elements[s.target.element].range.start.line).toBe(s.target.line);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on paragraphs of unclosed brackets, stars and links', () => {
    // Quadratic patterns would make this run for minutes; linear ones finish at once.
    const text = `But ${'a ** b _ c [d <e '.repeat(3000)}\n\n${'[['.repeat(20000)}\n\n${'[x]('.repeat(10000)}\n`;
    // The draft without elements (what parsing gives this text) keeps the test about the suggester alone.
    const list = suggestDraft(text, parseDraft('', 'p.md'));
    expect(list.length).toBeGreaterThan(0);
  });

  it('stays linear on the shapes the later patterns read: views named at a sentence\'s end, bodies saying, emphatic "do", distinctions, harms, answers', () => {
    const n = 20000;
    const text = [
      'Claim: x.',
      `${', teacher'.repeat(n)}s object.`,
      `A b, ${'x'.repeat(n * 8)}s argue.`,
      `The council says ${'do '.repeat(n)}`,
      `${'a '.repeat(n)} does do does did do.`,
      `${'is not '.repeat(n)} the same as`,
      `Shops might ${'also '.repeat(n)} lose, ${'only '.repeat(n)}`,
      `Should it? ${'Yes. '.repeat(n)}`,
      `${'word '.repeat(n)}: so I'd say ${'x '.repeat(n)}`,
    ].join('\n\n');
    const list = suggestDraft(text, parseDraft('', 'p.md'));
    expect(list.length).toBeGreaterThan(3);
  });

  it('stays linear on the shapes of figures, cruxes named inside a sentence and tag questions', () => {
    const n = 20000;
    const blocks = [
      'Claim: x.',
      `${'![a](b) '.repeat(n)}x`,
      `![${'['.repeat(n)}`,
      `${'![[a]] '.repeat(n)}`,
      `<img ${'a'.repeat(n * 4)}`,
      `${' whether'.repeat(n)} comes down to`,
      `It ${'comes down to '.repeat(n)}whether x.`,
      `Is it${', no'.repeat(n)}?`,
      '## Background',
      `${'Context '.repeat(n)}`,
    ];
    // (Quadratic work on these would take minutes and hit the test's time limit; linear work takes milliseconds.)
    const list = suggestDraft(blocks.join('\n\n'), parseDraft('', 'p.md'));
    // (A figure alone would get nothing; these are prose with figure-like text, so each still gets an opinion.)
    expect(list.length).toBeGreaterThan(3);
  });

  it('stays linear on the shapes of bylines, definitions, quoted objections, reported views, side headings and thread words', () => {
    const n = 20000;
    const blocks = [
      'Claim: x.',
      `${'a 3y 8 · '.repeat(n)}`,
      `By ${'reward '.repeat(n)}I mean x.`,
      `${'x '.repeat(n)}refers to y.`,
      `"${'quoted '.repeat(n)}." Answer.`,
      `${'someone '.repeat(n)}claimed that x.`,
      '## Objections',
      `${'the top comment '.repeat(n)}though?`,
      `${'where we split '.repeat(n)} whether x.`,
      '## Arguments against',
      `${'Hot take '.repeat(n)}: x`,
      `${'---\n\nx\n\n'.repeat(200)}`,
    ];
    // (Quadratic work on these would take minutes and hit the test's time limit; linear work takes milliseconds.)
    const list = suggestDraft(blocks.join('\n\n'), parseDraft('', 'p.md'));
    expect(list.length).toBeGreaterThan(3);
  });

  it('stays linear on quotes that may repeat earlier blocks, and on long blocks that share words', () => {
    const n = 4000;
    // (In a thread, each quote looks back a bounded stretch of the draft for its words: 4,000 comments, each quoting.)
    const text = [`Claim: ${'word '.repeat(2000)}.`, ...Array.from({ length: n }, (_, k) => `Ana · ${k} points\n\nParagraph ${k} about reward models and raters.\n\n> about reward models number ${k} here`), `But ${'reward raters models '.repeat(n)}.`].join('\n\n');
    const list = suggestDraft(text, parseDraft(text, 'q.md'));
    expect(list.length).toBeGreaterThan(n);
  });
});
