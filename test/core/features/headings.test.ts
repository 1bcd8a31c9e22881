/** Heading anchors land on their heading: by text as Obsidian writes them, by slug as GitHub does, in any line ending, never inside code or front matter. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { headingRange } from '../../../extension/core/features/headings';
import { definitionAt } from '../../../extension/core/features/language';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';

const NOTE = [
  '---',
  'title: A heading',
  '---',
  '# Why scheming matters',
  '',
  '```',
  '## Deceptive alignment',
  '```',
  '',
  'Setext heading *with* emphasis',
  '------------------------------',
  '',
  '## Deceptive alignment ^dec',
  '',
  '### Évaluations & their limits',
  '',
].join('\n');

describe('headingRange', () => {
  it('finds a heading by its text, ignoring case, emphasis and an id marker; not in code or front matter', () => {
    expect(headingRange(NOTE, 'Deceptive alignment')?.start.line).toBe(12);
    expect(headingRange(NOTE, 'deceptive ALIGNMENT')?.start.line).toBe(12);
    expect(headingRange(NOTE, 'Setext heading with emphasis')?.start.line).toBe(9);
    expect(headingRange(NOTE, 'A heading')).toBeUndefined();
    expect(headingRange(NOTE, 'Why scheming matters#Deceptive alignment')?.start.line).toBe(12);
    expect(headingRange(NOTE, 'Évaluations & their limits')?.start.line).toBe(14);
  });
  it('finds a heading by its slug, also percent-encoded', () => {
    expect(headingRange(NOTE, 'why-scheming-matters')?.start.line).toBe(3);
    expect(headingRange(NOTE, '%C3%A9valuations--their-limits')?.start.line).toBe(14);
  });
  it('gives the whole heading line, in CRLF files too', () => {
    expect(headingRange(NOTE.replace(/\n/g, '\r\n'), 'Deceptive alignment')).toEqual({ start: { line: 12, character: 0 }, end: { line: 12, character: 27 } });
  });
  it('is undefined for no match and never throws on any text', () => {
    expect(headingRange(NOTE, 'Nowhere')).toBeUndefined();
    expect(headingRange(NOTE, '')).toBeUndefined();
    fc.assert(fc.property(fc.string(), fc.string(), (t, a) => void headingRange(t, a)));
  });
});

describe('Go to Definition on a heading link', () => {
  it('opens the target file at the heading, or at its first line when none matches', () => {
    const index = new WorkspaceIndex();
    index.setDraft('note.md', NOTE);
    index.setDraft('a.md', 'See [[note#Deceptive alignment]] and [[note#Gone]].\n');
    expect(definitionAt(index, 'a.md', { line: 0, character: 8 })).toEqual({ file: 'note.md', range: { start: { line: 12, character: 0 }, end: { line: 12, character: 27 } } });
    expect(definitionAt(index, 'a.md', { line: 0, character: 40 })).toEqual({ file: 'note.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  });
});
