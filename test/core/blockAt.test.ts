/** blockAt (what Mark As reads): the block under a position and its existing label, workspace label phrases included. */
import { describe, expect, it } from 'vitest';
import { blockAt } from '../../extension/core/parse/parse';

describe('blockAt', () => {
  it('finds the label of a paragraph, a heading, a list item and a quoted paragraph', () => {
    expect(blockAt('**Claim:** x', { line: 0, character: 5 })?.label).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
    expect(blockAt('## Objection: x', { line: 0, character: 0 })).toEqual({ contentStart: { line: 0, character: 3 }, label: { start: { line: 0, character: 3 }, end: { line: 0, character: 13 } } });
    expect(blockAt('- Reply: x', { line: 0, character: 4 })?.contentStart).toEqual({ line: 0, character: 2 });
    expect(blockAt('> > Premise: x', { line: 0, character: 6 })?.label?.end).toEqual({ line: 0, character: 12 });
  });
  it('reads workspace label phrases as labels when given them', () => {
    const text = 'Intro.\r\n\r\n_Candidate counterexample_: a lab without review.';
    expect(blockAt(text, { line: 2, character: 4 })?.label).toBeUndefined();
    expect(blockAt(text, { line: 2, character: 4 }, { labels: { 'candidate counterexample': 'objection' } })?.label).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 27 } });
  });
  it('is undefined in code, front matter and between blocks', () => {
    expect(blockAt('```\nClaim: x\n```', { line: 1, character: 2 })).toBeUndefined();
    expect(blockAt('---\ntitle: Claim: x\n---\n\nClaim: y', { line: 1, character: 2 })).toBeUndefined();
    expect(blockAt('Claim: a\n\nClaim: b', { line: 1, character: 0 })).toBeUndefined();
  });
});
