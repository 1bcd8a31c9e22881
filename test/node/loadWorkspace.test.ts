/** loadWorkspace, the one loading path of the extension, the CLI and the benchmark: cache, snapshot, parse, write-back, label words in the key; and SerialRunner, which keeps two scans from running at once. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../extension/core/parse/parse';
import { cachedPaths, type CacheStore } from '../../extension/node/cache/parseCache';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { Draft, ParseOptions } from '../../extension/core/model';
import type { ParseJob } from '../../extension/node/workers/parsePool';
import { draftHash, loadWorkspace, SerialRunner, type DraftSource } from '../../extension/node/loadWorkspace';

/** A cache kept in memory, counting writes. */
function memoryStore(): CacheStore & { text?: string; writes: number } {
  const store = {
    text: undefined as string | undefined,
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

/** Files in memory; `undefined` text is a file that cannot be read (too large, not text). */
function memorySource(files: Record<string, string | undefined>): DraftSource & { reads: number } {
  const source = {
    reads: 0,
    list: async () => Object.keys(files),
    read: async (path: string) => {
      source.reads++;
      return files[path];
    },
  };
  return source;
}

const PATHS = ['a.md', 'notes/with space.md', 'q"uote.md', 'ünïcode/ŝcheming.md', 'emoji 🧭.md'];
const texts = PATHS.map((p, i) => `---\ntitle: T${i}\n---\nClaim: claim ${i} ^c${i}\n\n- Objection: [[a#^c0]] no ${i}.\n`);
const workspace = (ts: string[]) => Object.fromEntries(PATHS.map((p, i) => [p, ts[i]]));

/** An index of the files built the long way, for comparison. */
function built(files: Record<string, string | undefined>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, t] of Object.entries(files)) if (t !== undefined) index.setDraft(p, t);
  return index;
}

function counter() {
  const seen: ParseJob[] = [];
  const parse = async (js: ParseJob[]): Promise<Draft[]> => {
    seen.push(...js);
    return js.map((j) => parseDraft(j.text, j.path, j.options));
  };
  return { seen, parse };
}

describe('loadWorkspace', () => {
  it('parses only what changed, starts from the snapshot when nothing did, and writes only when the cache was not right', async () => {
    const store = memoryStore();
    const { seen, parse } = counter();
    const load = async (files: Record<string, string | undefined>, index = new WorkspaceIndex()) => {
      const r = await loadWorkspace(index, { source: memorySource(files), parse, cache: store, version: '1.0' });
      expect(await r.saved).toBeUndefined();
      return { index, ...r };
    };
    const cold = await load(workspace(texts));
    expect([cold.cached, cold.parsed, cold.snapshot, seen.length, store.writes]).toEqual([0, PATHS.length, false, PATHS.length, 1]);
    expect(cold.index.getGraph()).toStrictEqual(built(workspace(texts)).getGraph());
    // Nothing changed: the graph comes from the snapshot and no draft is parsed or even loaded until asked for.
    const warm = await load(workspace(texts));
    expect([warm.cached, warm.snapshot, seen.length, store.writes]).toEqual([PATHS.length, true, PATHS.length, 1]);
    expect(warm.index.getGraph()).toEqual(cold.index.getGraph());
    expect(warm.index.parseCount).toBe(0);
    expect(warm.index.getDraft(PATHS[3])).toStrictEqual(parseDraft(texts[3], PATHS[3]));
    // One file edited: that one is parsed, the others come from the cache, and the cache (with a new snapshot) is written.
    const edited = texts.map((t, i) => (i === 2 ? `${t}\nReply: [[a#^c0]] yes, and here is why it holds.\n` : t));
    const after = await load(workspace(edited));
    expect([after.cached, after.parsed, after.snapshot, seen.length, store.writes]).toEqual([PATHS.length - 1, 1, false, PATHS.length + 1, 2]);
    expect(seen.at(-1)?.path).toBe(PATHS[2]);
    expect(after.index.getGraph()).toStrictEqual(built(workspace(edited)).getGraph());
    // A file that cannot be read and one gone: both leave the index that held them, and the cache.
    const fewer = { ...workspace(edited), [PATHS[0]]: undefined, [PATHS[1]]: undefined };
    delete fewer[PATHS[1]];
    const gone = await load(fewer, after.index);
    expect(gone.index.paths()).toEqual(built(fewer).paths());
    expect(gone.index.getGraph()).toStrictEqual(built(fewer).getGraph());
    expect(cachedPaths(store.text!)).toEqual(PATHS.slice(2));
  });

  it('replaces what the index held, also when it starts from the snapshot', async () => {
    const store = memoryStore();
    const { parse } = counter();
    await (await loadWorkspace(new WorkspaceIndex(), { source: memorySource(workspace(texts)), parse, cache: store, version: '1' })).saved;
    const index = new WorkspaceIndex();
    index.setDraft('typed.md', 'Claim: only in an editor.\n');
    index.setDraft(PATHS[0], 'Claim: an editor text of a.md.\n');
    const r = await loadWorkspace(index, { source: memorySource(workspace(texts)), parse, cache: store, version: '1' });
    expect(r.snapshot).toBe(true);
    expect(index.paths()).toEqual(built(workspace(texts)).paths());
    expect(index.getText(PATHS[0])).toBe(texts[0]);
  });

  it('keys cached drafts by their label words too: a changed .cruxmap.json re-parses, an unchanged one does not', async () => {
    const store = memoryStore();
    const { seen, parse } = counter();
    let labels: ParseOptions | undefined;
    const load = async () => {
      const r = await loadWorkspace(new WorkspaceIndex(), { source: memorySource(workspace(texts)), parse, cache: store, version: '1', optionsFor: (p) => (p.startsWith('notes/') ? undefined : labels) });
      await r.saved;
      return r;
    };
    await load();
    expect(seen.length).toBe(PATHS.length);
    labels = { labels: { upshot: 'claim' } };
    const changed = await load();
    // Every draft of the folder with the new words is parsed again, with them; the other folder's come from the cache.
    expect([changed.snapshot, changed.parsed, changed.cached]).toEqual([false, PATHS.length - 1, 1]);
    expect(seen.slice(PATHS.length).map((j) => j.path)).toEqual(PATHS.filter((p) => !p.startsWith('notes/')));
    for (const j of seen.slice(PATHS.length)) expect(j.options).toEqual(labels);
    expect((await load()).snapshot).toBe(true);
    labels = { labels: { upshot: 'objection' } };
    expect((await load()).parsed).toBe(PATHS.length - 1);
    // The same words in another order are the same key.
    expect(draftHash('x', { labels: { a: 'claim', b: 'reply' } })).toBe(draftHash('x', { labels: { b: 'reply', a: 'claim' } }));
    expect(draftHash('x', { labels: {} })).toBe(draftHash('x', undefined));
  });

  it('says when the cache cannot be written, with the index ready all the same', async () => {
    const failing: CacheStore = { read: async () => undefined, write: async () => Promise.reject(new Error('disk full')) };
    const index = new WorkspaceIndex();
    const r = await loadWorkspace(index, { source: memorySource(workspace(texts)), parse: counter().parse, cache: failing, version: '1' });
    expect(await r.saved).toBe('disk full');
    expect(index.getGraph()).toStrictEqual(built(workspace(texts)).getGraph());
  });

  it('pauses between steps and reports progress when asked (the extension host)', async () => {
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`d${i}.md`, `Claim: number ${i}.\n`]));
    let pauses = 0;
    const messages: string[] = [];
    const r = await loadWorkspace(new WorkspaceIndex(), { source: memorySource(many), parse: counter().parse, cache: memoryStore(), version: '1', pause: async () => void pauses++, progress: (m) => messages.push(m) });
    await r.saved;
    expect(pauses).toBeGreaterThan(1);
    expect(messages).toEqual(['read 100 of 250', 'read 200 of 250', 'parsing 250 drafts']);
  });
});

describe('SerialRunner', () => {
  it('never runs two at once, and merges every request made during a run into one run after it', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const runner = new SerialRunner(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await new Promise<void>((resolve) => gates.push(resolve));
      active--;
    });
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    expect(third).toBe(second);
    await Promise.resolve();
    expect(runs).toBe(1);
    gates.shift()!();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
    gates.shift()!();
    await second;
    expect([runs, most]).toEqual([2, 1]);
    // Idle again: a request runs at once.
    const fourth = runner.run();
    expect(runs).toBe(3);
    gates.shift()!();
    await fourth;
  });

  it('goes on after a run that failed', async () => {
    let calls = 0;
    const runner = new SerialRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
    });
    const a = runner.run();
    const b = runner.run();
    await expect(a).rejects.toThrow('first fails');
    await b;
    expect(calls).toBe(2);
  });
});
