/** A parse cache that cannot lie: any single-byte change of the cache file gives the results of a run without the cache, is logged, and the next write makes it whole again; its folder store never leaks or shares temp files. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDraft } from '../../extension/core/parse/parse';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { Draft } from '../../extension/core/model';
import { CACHE_FILE, contentHash, folderCacheStore, isTempOf, ParseCache, serializeCache, tempName, type CacheStore } from '../../extension/node/cache/parseCache';
import type { ParseJob } from '../../extension/node/workers/parsePool';
import { loadWorkspace } from '../../extension/node/loadWorkspace';

/** The loading path (loadWorkspace) on drafts read already, as the CLI with --cache and the extension load. */
function indexWithCache(index: WorkspaceIndex, jobs: ParseJob[], store: CacheStore, version: string, parse: (js: ParseJob[]) => Promise<Draft[]>, log?: (line: string) => void) {
  const texts = new Map(jobs.map((j) => [j.path, j.text]));
  return loadWorkspace(index, { source: { list: async () => [...texts.keys()], read: async (p) => texts.get(p) }, parse, cache: store, version, log });
}
import { corpus, rng } from '../../bench/corpus';

/** A cache kept in memory as bytes, as the file is. */
function byteStore(bytes?: Uint8Array): CacheStore & { bytes?: Uint8Array; writes: number } {
  const store = {
    bytes,
    writes: 0,
    async read() {
      return store.bytes?.slice();
    },
    async write(t: string) {
      store.bytes = new TextEncoder().encode(t);
      store.writes++;
    },
  };
  return store;
}

const parseAll = async (js: ParseJob[]): Promise<Draft[]> => js.map((j) => parseDraft(j.text, j.path));

/** What a run without any cache gives: the graph and every draft. */
function fresh(jobs: ParseJob[]) {
  const index = new WorkspaceIndex();
  for (const j of jobs) index.setDraft(j.path, j.text);
  return { graph: index.getGraph(), drafts: jobs.map((j) => index.getDraft(j.path)) };
}

/** The cache bytes a clean run writes for these jobs. */
async function cleanCache(jobs: ParseJob[]): Promise<Uint8Array> {
  const store = byteStore();
  await (await indexWithCache(new WorkspaceIndex(), jobs, store, '1.0', parseAll)).saved;
  return store.bytes!;
}

/** One run on a damaged cache: its results must be a cache-less run's, and its write must restore the clean bytes. */
async function runOn(jobs: ParseJob[], damaged: Uint8Array, clean: Uint8Array, expected: ReturnType<typeof fresh>, where: string): Promise<number> {
  const store = byteStore(damaged);
  const logged: string[] = [];
  const index = new WorkspaceIndex();
  const r = await indexWithCache(index, jobs, store, '1.0', parseAll, (l) => logged.push(l));
  // isDeepStrictEqual first (fast); toEqual only to show a difference.
  if (!isDeepStrictEqual(index.getGraph(), expected.graph)) expect(index.getGraph(), where).toEqual(expected.graph);
  jobs.forEach((j, k) => {
    if (!isDeepStrictEqual(index.getDraft(j.path), expected.drafts[k])) expect(index.getDraft(j.path), `${where} ${j.path}`).toEqual(expected.drafts[k]);
  });
  expect(await r.saved, where).toBeUndefined();
  // The next run finds the cache whole again.
  expect(store.writes, where).toBe(1);
  expect(Buffer.from(store.bytes!).equals(Buffer.from(clean)), where).toBe(true);
  if (r.dropped > 0) expect(logged.join('\n'), where).toMatch(/damaged line/);
  return r.dropped;
}

const small: ParseJob[] = [
  { path: 'a.md', text: '# A\n\nClaim: é. ^a\n\n- Objection: [[b#^b]] no.\n' },
  { path: 'ü/b.md', text: 'Claim: B ^b\n\nCrux: [[#^b]]\n' },
  { path: 'c.md', text: 'Objection: [[a#^a]] [[nowhere]]\n' },
];

/** How many values each byte is changed to (FUZZ_RUNS raises it: 255 tries every value). */
const VALUES = Math.min(255, Math.max(4, Math.floor(Number(process.env.FUZZ_RUNS ?? 0) / 10_000)));

describe('a damaged parse cache', () => {
  it('any single-byte change of a small cache (every byte, several values each): results as without the cache, and rewritten', async () => {
    const clean = await cleanCache(small);
    expect(clean.length).toBeLessThan(3000);
    const expected = fresh(small);
    const random = rng(14);
    let runs = 0;
    let dropped = 0;
    for (let i = 0; i < clean.length; i++) {
      const values = new Set<number>([clean[i] ^ 0x01, clean[i] ^ 0x80, 0x0a]);
      while (values.size < VALUES) values.add(Math.floor(random() * 256));
      values.delete(clean[i]);
      for (const v of values) {
        const damaged = clean.slice();
        damaged[i] = v;
        if ((await runOn(small, damaged, clean, expected, `byte ${i} -> ${v}`)) > 0) dropped++;
        runs++;
      }
    }
    // Most changes hit a checked line (the header's only make the cache unusable as a whole).
    expect(dropped).toBeGreaterThan(runs * 0.8);
  }, 300_000);

  // About 30 s: with a raised budget only (FUZZ_RUNS set); the test above covers every byte with a few values each.
  it.runIf(process.env.FUZZ_RUNS !== undefined)('every value of every byte of a one-draft cache (with its snapshot): results as without the cache, and rewritten', async () => {
    const tiny: ParseJob[] = [{ path: 'a.md', text: 'Objection: x ^o\n' }];
    const clean = await cleanCache(tiny);
    const expected = fresh(tiny);
    for (let i = 0; i < clean.length; i++) {
      for (let v = 0; v < 256; v++) {
        if (v === clean[i]) continue;
        const damaged = clean.slice();
        damaged[i] = v;
        await runOn(tiny, damaged, clean, expected, `byte ${i} -> ${v}`);
      }
    }
  }, 600_000);

  it('sampled single-byte changes of a bigger cache (with the snapshot and many drafts)', async () => {
    const jobs = [...corpus(30, 21)].map(([path, text]) => ({ path, text }));
    const clean = await cleanCache(jobs);
    expect(clean.length).toBeGreaterThan(30_000);
    const expected = fresh(jobs);
    const random = rng(15);
    const samples = Math.max(100, Math.floor(Number(process.env.FUZZ_RUNS ?? 0) / 100));
    for (let s = 0; s < samples; s++) {
      // Half the samples in the snapshot line (the last), where a change used to flip a severity.
      const lastLine = clean.lastIndexOf(0x0a, clean.length - 2) + 1;
      const i = s % 2 === 0 ? lastLine + Math.floor(random() * (clean.length - lastLine)) : Math.floor(random() * clean.length);
      const damaged = clean.slice();
      damaged[i] = (clean[i] + 1 + Math.floor(random() * 255)) % 256;
      await runOn(jobs, damaged, clean, expected, `byte ${i} -> ${damaged[i]}`);
    }
  }, 300_000);

  it('a severity digit changed in the snapshot no longer changes check results (the probe of issue 14)', async () => {
    const jobs: ParseJob[] = [{ path: 'a.md', text: 'Objection: an objection to nothing, answered by nobody.\n' }];
    const clean = await cleanCache(jobs);
    const text = new TextDecoder().decode(clean);
    const expected = fresh(jobs);
    expect(expected.graph.diagnostics.length).toBeGreaterThan(0);
    // Try every digit of the snapshot line: whatever it encodes, the results stay.
    const last = text.lastIndexOf('\n', text.length - 2) + 1;
    let tried = 0;
    for (let i = last; i < text.length; i++) {
      if (!/[0-9]/.test(text[i])) continue;
      for (const d of '0123') {
        if (d === text[i]) continue;
        const damaged = new TextEncoder().encode(text.slice(0, i) + d + text.slice(i + 1));
        await runOn(jobs, damaged, clean, expected, `digit ${i} -> ${d}`);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(10);
  });

  it('a snapshot whose listed keys differ from the files is not used, even under the right key', async () => {
    const items = small.map((j) => ({ ...j, hash: contentHash(j.text), draft: parseDraft(j.text, j.path) }));
    const index = new WorkspaceIndex();
    for (const j of small) index.setDraft(j.path, j.text);
    const text = serializeCache('1.0', items, index.getGraph());
    const cache = await ParseCache.load(byteStore(new TextEncoder().encode(text)), '1.0');
    expect(cache.snapshot(items)).toEqual(index.getGraph());
    expect(cache.dropped).toBe(0);
    // Same key given, other files: the listed pairs decide.
    const other = items.map((f, i) => (i === 0 ? { ...f, hash: contentHash('x') } : f));
    expect(cache.snapshot(other, undefined)).toBeUndefined();
  });
});

describe('folderCacheStore', () => {
  const tmps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('writes through a temp file of this process and leaves none behind; stale temp files are removed, fresh ones of others kept', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cruxmap-store-')), 'deep', 'er');
    const store = folderCacheStore(dir);
    await store.write('one\n');
    expect(readFileSync(join(dir, CACHE_FILE), 'utf8')).toBe('one\n');
    expect(tmps(dir)).toEqual([]);
    const stale = join(dir, `${CACHE_FILE}.999999.tmp`);
    const other = join(dir, `${CACHE_FILE}.1.abcdef.tmp`);
    writeFileSync(stale, 'half');
    writeFileSync(other, 'half');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(stale, old, old);
    await store.write('two\n');
    expect(tmps(dir)).toEqual([`${CACHE_FILE}.1.abcdef.tmp`]);
    expect(new TextDecoder().decode(await store.read())).toBe('two\n');
  });

  it('a failed rename leaks no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-store-'));
    // The cache's name is taken by a folder that is not empty: the rename must fail.
    mkdirSync(join(dir, CACHE_FILE, 'x'), { recursive: true });
    await expect(folderCacheStore(dir).write('text')).rejects.toThrow();
    expect(tmps(dir)).toEqual([]);
  });

  it('an unusable place is an error at once, not a hang: /proc/x, a file, a folder under a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-store-'));
    writeFileSync(join(dir, 'file'), 'x');
    for (const place of ['/proc/x', '/proc/x/y', join(dir, 'file'), join(dir, 'file', 'sub')]) {
      const store = folderCacheStore(place);
      expect(await store.read()).toBeUndefined();
      await expect(store.write('text'), place).rejects.toThrow();
    }
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
  });

  it('a cache file that is a FIFO is no cache (read does not hang)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-store-'));
    execFileSync('mkfifo', [join(dir, CACHE_FILE)]);
    expect(await folderCacheStore(dir).read()).toBeUndefined();
  });
});

describe('temp names', () => {
  it('are this process\'s and unique per write; isTempOf knows every layout of them', () => {
    const names = new Set(Array.from({ length: 100 }, () => tempName('parse-cache.jsonl')));
    expect(names.size).toBe(100);
    for (const n of names) expect(n).toMatch(new RegExp(`^parse-cache\\.jsonl\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    for (const n of [...names].slice(0, 3).concat(['parse-cache.jsonl.tmp', 'parse-cache.jsonl.123.tmp'])) expect(isTempOf('parse-cache.jsonl', n)).toBe(true);
    for (const n of ['parse-cache.jsonl', 'other.jsonl.1.tmp', 'parse-cache.jsonl.bak']) expect(isTempOf('parse-cache.jsonl', n)).toBe(false);
  });
});
