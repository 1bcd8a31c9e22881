/** keepRecent: the entries used last are kept, the least recently used beyond the bound go first. */
import { describe, expect, it } from 'vitest';
import { keepRecent } from '../../extension/core/recent';

describe('keepRecent', () => {
  it('keeps at most max entries, dropping the one used longest ago; using an entry again makes it the newest', () => {
    const m = new Map<string, number>();
    for (const k of ['a', 'b', 'c']) keepRecent(m, k, k.charCodeAt(0), 3);
    keepRecent(m, 'a', 1, 3); // a used again: now the newest
    keepRecent(m, 'd', 4, 3); // b, used longest ago, goes
    expect([...m.keys()]).toEqual(['c', 'a', 'd']);
    expect(m.get('a')).toBe(1);
    keepRecent(m, 'e', 5, 1);
    expect([...m.entries()]).toEqual([['e', 5]]);
  });
});
