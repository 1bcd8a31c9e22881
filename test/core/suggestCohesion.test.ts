/** Content words, as the suggester weighs which point a paragraph is about (first five letters, any case, no function words, no short words), and the per-block values it keeps from call to call. */
import { describe, expect, it } from 'vitest';
import { contentWords, shared } from '../../extension/core/suggest/cohesion';
import { Kept, perBlock } from '../../extension/core/suggest/kept';

describe('content words', () => {
  it('count a word by its first five letters in any case, and leave out short words and function words', () => {
    expect(shared(contentWords('Cars pollute the air.'), contentWords('POLLUTION harms children.'))).toBe(1);
    expect(contentWords('This would have been very much more than that.').size).toBe(0);
    expect(contentWords('a cat sat on the mat').size).toBe(0);
    expect(shared(contentWords('Raters reward agreement.'), contentWords('agreement, rewarded by raters'))).toBe(3);
    // (Letters beyond a-z end a word; a word of function-word length that only begins like one is kept.)
    expect(contentWords('café-au-lait thesis').size).toBe(2);
    expect(shared(contentWords('thesis'), contentWords('these'))).toBe(0);
    expect(contentWords('these').size).toBe(0);
  });
});

describe('per-block values', () => {
  it('work a text out once a call, and take it from the memo on the next call', () => {
    const kept = new Kept<number>();
    const blocks = [{ text: 'aa' }, { text: 'bbb' }, { text: 'aa' }];
    let calls = 0;
    const work = (t: string) => (calls++, t.length);
    const first = perBlock(blocks, kept, work);
    expect([first(0), first(1), first(0), first(2)]).toEqual([2, 3, 2, 2]);
    // (Block 2's text was kept by block 0's: one call to work for each distinct text.)
    expect(calls).toBe(2);
    kept.settle();
    const next = perBlock([{ text: 'bbb' }], kept, work);
    expect(next(0)).toBe(3);
    expect(calls).toBe(2);
    // (Without a memo, each block of a call is still worked out once.)
    const alone = perBlock(blocks, undefined, work);
    alone(1);
    alone(1);
    expect(calls).toBe(3);
  });
});
