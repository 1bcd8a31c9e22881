/** File versions for map edits: a version grows only when the text changes, and an edit drawn from an older text is found stale. */
import { describe, expect, it } from 'vitest';
import { FileVersions } from '../../../extension/core/map/fileVersions';

describe('FileVersions', () => {
  it('counts changes of the text, not the calls', () => {
    const v = new FileVersions();
    expect(v.versionOf('a.md', 'one')).toBe(1);
    expect(v.versionOf('a.md', 'one')).toBe(1);
    expect(v.versionOf('a.md', 'two')).toBe(2);
    expect(v.versionOf('a.md', undefined)).toBe(3);
    expect(v.versionOf('b.md', 'x')).toBe(1);
  });
  it('finds the files an edit names that changed since the map was drawn', () => {
    const texts: Record<string, string> = { 'a.md': 'A', 'b.md': 'B' };
    const v = new FileVersions();
    const drawn = { 'a.md': v.versionOf('a.md', texts['a.md']), 'b.md': v.versionOf('b.md', texts['b.md']) };
    expect(v.stale(drawn, (p) => texts[p])).toEqual([]);
    texts['b.md'] = 'B typed meanwhile';
    expect(v.stale(drawn, (p) => texts[p])).toEqual(['b.md']);
    expect(v.stale({ 'a.md': 99 }, (p) => texts[p])).toEqual(['a.md']);
  });
});
