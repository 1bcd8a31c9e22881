/** The parse cache file: what goes in comes out for unchanged files only, and a damaged or foreign cache only costs a re-parse. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../extension/core/parse/parse';
import { cachedPaths, contentHash, ParseCache, serializeCache, serializeCacheInSteps, type CacheStore } from '../../extension/node/cache/parseCache';
import { corpus } from '../../bench/corpus';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { ParseJob } from '../../extension/node/workers/parsePool';

/** A cache kept in memory, counting writes; read as UTF-8 bytes, as the CLI and the extension read the file. */
function memoryStore(text?: string): CacheStore & { text?: string; writes: number } {
  const store = {
    text,
    writes: 0,
    async read() {
      return store.text === undefined ? undefined : new TextEncoder().encode(store.text);
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

  /** An index of the jobs built the long way, for comparison. */
  function built(js: ParseJob[]): WorkspaceIndex {
    const index = new WorkspaceIndex();
    for (const j of js) index.setDraft(j.path, j.text);
    return index;
  }

  it('written in steps (as the extension does after saves), the cache is the same text', async () => {
    const texts = corpus(250, 9);
    const items = [...texts].map(([path, text]) => ({ path, text, hash: contentHash(text), draft: parseDraft(text, path) }));
    const graph = built([...texts].map(([path, text]) => ({ path, text }))).getGraph();
    let pauses = 0;
    const stepped = await serializeCacheInSteps('1.0', items, graph, async () => void pauses++);
    expect(stepped).toBe(serializeCache('1.0', items, graph));
    expect(pauses).toBe(4);
    expect(await serializeCacheInSteps('1.0', items.slice(0, 5), undefined, async () => void pauses++)).toBe(serializeCache('1.0', items.slice(0, 5)));
  });

  it('ignores a snapshot of other texts, of another version, or a damaged one', async () => {
    const items = jobs.map((j) => ({ path: j.path, text: j.text, hash: contentHash(j.text), draft: parseDraft(j.text, j.path) }));
    const text = serializeCache('1.0', items, built(jobs).getGraph());
    const files = items.map(({ path, text: t, hash }) => ({ path, text: t, hash }));
    expect((await ParseCache.load(memoryStore(text), '1.0')).snapshot(files)).toEqual(built(jobs).getGraph());
    // Non-ASCII paths: lines are cut in the bytes.
    expect((await ParseCache.load(memoryStore(text), '1.0')).get(PATHS[5], contentHash(texts[5]))).toStrictEqual(parseDraft(texts[5], PATHS[5]));
    // Same texts in another order: still the same workspace.
    expect((await ParseCache.load(memoryStore(text), '1.0')).snapshot([...files].reverse())).toEqual(built(jobs).getGraph());
    expect((await ParseCache.load(memoryStore(text), '2.0')).snapshot(files)).toBeUndefined();
    for (const none of [undefined, '', '\n', text.split('\n')[0], `${text.split('\n')[0]}\n`]) expect((await ParseCache.load(memoryStore(none), '1.0')).snapshot(files)).toBeUndefined();
    const changed = files.map((f, i) => (i === 0 ? { ...f, text: 'Claim: other\n', hash: contentHash('Claim: other\n') } : f));
    expect((await ParseCache.load(memoryStore(text), '1.0')).snapshot(changed)).toBeUndefined();
    expect((await ParseCache.load(memoryStore(text), '1.0')).snapshot(files.slice(1))).toBeUndefined();
    const lines = text.trimEnd().split('\n');
    const damaged = [...lines.slice(0, -1), lines[lines.length - 1].replace(/,\[\[/, ',[[-7,')].join('\n');
    expect(damaged).not.toBe(text.trimEnd());
    expect((await ParseCache.load(memoryStore(damaged), '1.0')).snapshot(files)).toBeUndefined();
    // Without its snapshot line the cache still gives every draft; the snapshot line is no draft.
    const withoutSnapshot = `${lines.slice(0, -1).join('\n')}\n`;
    expect((await ParseCache.load(memoryStore(withoutSnapshot), '1.0')).snapshot(files)).toBeUndefined();
    expect(cachedPaths(text)).toEqual(PATHS);
    expect((await ParseCache.load(memoryStore(text), '1.0')).size).toBe(PATHS.length);
  });
});
