/** The suggester's fast paths give what its full paths give: plain block texts skip plainInline, ASCII blocks skip normalizing, on fixtures and generated drafts with every construct. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainInline, scanBlocks } from '../../extension/core/suggest/blocks';
import { findCues } from '../../extension/core/suggest/cues';

const repo = join(__dirname, '..', '..');

function drafts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? drafts(p) : p.endsWith('.md') ? [p] : [];
  });
}

// Words and line openings for every construct the scanner reads: lists (nested, ordered), quotes (nested, callouts),
// fences, tables, HTML, setext and ATX headings, rules, link definitions, front matter, tabs, odd white space,
// typographic quotes and dashes, id markers, inline markup of every kind.
const words = ['But', 'because', 'However,', 'For example,', 'I doubt', 'so', 'We therefore', 'Claim:', 'Objection:', 'the', 'model', 'plans', '**bold**', '*em*', '_u_', '[[a#^b]]', '[[x|y]]', '[t](http://x)', '[r][1]', '<b>', '`code`', '’', '“', '—', '…', '?', '.', '.)', '."', ',', ';', ' - ', '(', '^id', '\t', '\u00a0', '  ', 'x'];
const spacing = fc.constantFrom(' ', ' ', '', '  ', '\t');
const line = fc.tuple(fc.array(fc.constantFrom(...words), { maxLength: 12 }), spacing).map(([w, s]) => w.join(s));
const prefix = fc.constantFrom('', '', '- ', '  - ', '    - ', '* ', '1. ', '2) ', '> ', '> > ', '> - ', '> [!note] ', '## ', '# ', '    ', '\t', '```', '~~~', '---', '***', '===', '<div>', '<!-- ', '-->', '[a]: http://x', '| a | b |', '|---|---|', '$$');
const markdown = fc
  .array(fc.tuple(prefix, line, fc.constantFrom('', ' ', '  ', ' #')), { maxLength: 30 })
  .chain((ls) => fc.constantFrom('\n', '\r\n', '\n\n', '\r').map((eol) => ls.map(([p, l, s]) => p + l + s).join(eol)))
  .chain((t) => fc.constantFrom(t, `\ufeff${t}`, `---\ntitle: x\n---\n${t}`));

/** The scan's fast-path flags agree with the full paths for every block of a text. */
function checkText(text: string): void {
  const plain: boolean[] = [];
  const blocks = scanBlocks(text, plain);
  // The flags change nothing in the scan itself.
  expect(blocks).toEqual(scanBlocks(text));
  expect(plain.length).toBe(blocks.length);
  blocks.forEach((b, i) => {
    if (plain[i]) {
      // A plain block: pure ASCII, no markup, single spaces; plainInline would have given the same text.
      expect(b.text).toMatch(/^[\x20-\x7e]*$/);
      expect(b.text).not.toMatch(/[[<*_`^]| {2}/);
      expect(plainInline(b.text)).toBe(b.text);
      // The cue reader's ASCII shortcut gives what its own look gives.
      expect(findCues(b.text, true)).toEqual(findCues(b.text));
    }
  });
}

describe('suggester fast paths', () => {
  it('a text with none of the special characters is its own plain text, trimmed (the scan takes it as it is)', () => {
    const unit = fc.constantFrom(...'ab Z.,;:!?()-"\'#|>=+~1$%&/\\{}@'.split(''), '  ', '[', '*', '_', '`', '<', '^', '\t', '\u00a0', '’', '—', '\u2028');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (us) => {
        const s = us.join('');
        if (/[[<*_`^\t\n\v\f\r\u0080-\uffff]| {2}/.test(s)) return;
        expect(plainInline(s)).toBe(s.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('findCues with ascii set reads an ASCII text as findCues does', () => {
    const unit = fc.constantFrom('But ', 'but', 'so ', 'So, ', 'because ', 'Although ', 'that said', 'We therefore ', 'I doubt ', '. ', '? ', '! ', ', ', '; ', ': ', ' - ', ' (', '"', ')', 'and ', 'Well, ', 'x ', 'model ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (us) => {
        const s = us.join('');
        expect(findCues(s, true)).toEqual(findCues(s));
      }),
      { numRuns: 1000 },
    );
  });

  const files = [...drafts(join(repo, 'examples')), ...drafts(join(repo, 'test', 'fixtures')), ...drafts(join(repo, 'bench', 'suggest'))];
  it('agrees on every example, fixture and annotated draft (and their CRLF copies)', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      checkText(text);
      checkText(text.replace(/\n/g, '\r\n'));
    }
  });

  it('agrees on generated drafts with every construct', () => {
    fc.assert(
      fc.property(fc.oneof(markdown, markdown, fc.string({ maxLength: 300 })), (text) => checkText(text)),
      { numRuns: 500 },
    );
  });
});
