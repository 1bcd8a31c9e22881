/** The parse cache file: what goes in comes out for unchanged files only, and a damaged or foreign cache only costs a re-parse. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../extension/core/parse';
import { cachedPaths, contentHash, ParseCache, parseWithCache, serializeCache, type CacheStore } from '../../extension/parseCache';
import type { Draft } from '../../extension/core/model';
import type { ParseJob } from '../../extension/parsePool';

/** A cache kept in memory, counting writes. */
function memoryStore(text?: string): CacheStore & { text?: string; writes: number } {
  const store = {
    text,
    writes: 0,
    async read() {
      return store.text;
    },
    async write(t: string) {
      store.text = t;
      store.writes++;
    },
  };
  return store;
}

/** Paths a writer may well have: spaces, quotes, backslashes, non-ASCII, emoji, and a tab. */
const PATHS = ['a.md', 'notes/with space.md', 'q"uote.md', 'back\\slash.md', 'ünïcode/ŝcheming.md', 'emoji 🧭.md', 'tab\there.md'];
const texts = PATHS.map((p, i) => `---\ntitle: T${i}\n---\nClaim: claim ${i} ^c${i}\n\n- Objection: [[a#^c0]] no ${i}.\n`);
const jobs: ParseJob[] = PATHS.map((path, i) => ({ path, text: texts[i] }));
const parseAll = async (js: ParseJob[]): Promise<Draft[]> => js.map((j) => parseDraft(j.text, j.path));

describe('parse cache', () => {
  it('gives back every unchanged draft exactly, for any path', async () => {
    const text = serializeCache('1.0', jobs.map((j) => ({ path: j.path, hash: contentHash(j.text), draft: parseDraft(j.text, j.path) })));
    expect(cachedPaths(text)).toEqual(PATHS);
    const cache = await ParseCache.load(memoryStore(text), '1.0');
    expect(cache.size).toBe(PATHS.length);
    for (const j of jobs) expect(cache.get(j.path, contentHash(j.text))).toStrictEqual(parseDraft(j.text, j.path));
    // A changed file, or a path it never held, is a miss.
    expect(cache.get('a.md', contentHash('Claim: changed\n'))).toBeUndefined();
    expect(cache.get('other.md', contentHash(texts[0]))).toBeUndefined();
  });

  it('ignores a cache of another version, a foreign file and torn lines', async () => {
    const text = serializeCache('1.0', jobs.map((j) => ({ path: j.path, hash: contentHash(j.text), draft: parseDraft(j.text, j.path) })));
    expect((await ParseCache.load(memoryStore(text), '2.0')).size).toBe(0);
    for (const foreign of ['', '{ not json', '{"entries":{}}\n', '["something-else",4,1,"1.0/unbundled"]\n']) {
      expect((await ParseCache.load(memoryStore(foreign), '1.0')).size).toBe(0);
    }
    // Cut the file in the middle of the third draft: the first two still load, the torn one is a miss.
    const lines = text.split('\n');
    const torn = [...lines.slice(0, 3), lines[3].slice(0, lines[3].length / 2)].join('\n');
    const cache = await ParseCache.load(memoryStore(torn), '1.0');
    expect(cache.get(jobs[0].path, contentHash(jobs[0].text))).toStrictEqual(parseDraft(jobs[0].text, jobs[0].path));
    expect(cache.get(jobs[1].path, contentHash(jobs[1].text))).toBeDefined();
    expect(cache.get(jobs[2].path, contentHash(jobs[2].text))).toBeUndefined();
    // A line whose draft is damaged is a miss too, not an error.
    const damaged = [lines[0], lines[1].replace(/,\[\[/, ',[[99,')].join('\n');
    expect((await ParseCache.load(memoryStore(damaged), '1.0')).get(jobs[0].path, contentHash(jobs[0].text))).toBeUndefined();
  });

  it('parseWithCache parses only what changed and writes only when something did', async () => {
    const store = memoryStore();
    let parsed = 0;
    const counting = async (js: ParseJob[]) => {
      parsed += js.length;
      return parseAll(js);
    };
    const cold = await parseWithCache(jobs, store, '1.0', counting);
    expect([cold.hits, parsed, store.writes]).toEqual([0, PATHS.length, 1]);
    const warm = await parseWithCache(jobs, store, '1.0', counting);
    expect([warm.hits, parsed, store.writes]).toEqual([PATHS.length, PATHS.length, 1]);
    expect(warm.drafts).toStrictEqual(cold.drafts);
    const edited = jobs.map((j, i) => (i === 2 ? { ...j, text: `${j.text}\nReply: [[a#^c0]] yes.\n` } : j));
    const after = await parseWithCache(edited, store, '1.0', counting);
    expect([after.hits, parsed, store.writes]).toEqual([PATHS.length - 1, PATHS.length + 1, 2]);
    expect(after.drafts[2]).toStrictEqual(parseDraft(edited[2].text, edited[2].path));
    // A file gone from the workspace leaves the cache at the next write.
    await parseWithCache(edited.slice(1), store, '1.0', counting);
    expect(cachedPaths(store.text!)).toEqual(PATHS.slice(1));
  });
});
