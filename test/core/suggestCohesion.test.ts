/** Content words, as the suggester weighs which point a paragraph is about: first five letters, any case, no function words, no short words. */
import { describe, expect, it } from 'vitest';
import { contentWords, shared } from '../../extension/core/suggest/cohesion';

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
