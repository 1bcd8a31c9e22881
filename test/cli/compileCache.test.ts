/** The CLI's compile cache (extension/cli/launch.ts): used when whole, refused when damaged or foreign, never a change in what the CLI prints. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileCacheDir, readCompileCache, writeCompileCache } from '../../extension/cli/launch';
import { cli, ensureCliBuilt } from '../support/cli';

const examples = join(__dirname, '..', '..', 'examples', 'alignment');

/** Runs the built CLI with the cache in `dir` ('off': none), its log on; the cache's verdict and the output. */
function run(dir: string, args = ['export', examples]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, CRUXMAP_COMPILE_CACHE: dir, CRUXMAP_COMPILE_CACHE_LOG: '1' } });
  const log = [...r.stderr.matchAll(/^cruxmap: compile cache: (\w+)$/gm)].map((m) => m[1]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^cruxmap: compile cache: \w+\n/gm, ''), log };
}

const cacheFile = (dir: string) => {
  const files = readdirSync(dir).filter((f) => /^cli-[0-9a-f]+\.cache$/.test(f));
  expect(files).toHaveLength(1);
  return join(dir, files[0]);
};

describe('the compile cache', () => {
  ensureCliBuilt();
  const plain = run('off');
  it('is written by the first run, used by the next, and changes nothing the CLI prints', () => {
    expect(plain.status).toBe(0);
    expect(plain.log).toEqual(['none']);
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-cc-'));
    const first = run(dir);
    expect(first.log).toEqual(['missing', 'written']);
    const second = run(dir);
    expect(second.log).toEqual(['used']);
    for (const r of [first, second]) {
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr).toBe(plain.stderr);
    }
    // Another command runs from the same cache.
    const check = run(dir, ['check', examples]);
    expect(check.log).toEqual(['used']);
    expect(check.stdout).toBe(run('off', ['check', examples]).stdout);
  });

  it('is refused and written again when damaged: a byte changed, cut short, or code V8 does not take', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-cc-'));
    run(dir);
    const file = cacheFile(dir);
    const whole = readFileSync(file);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 100] ^= 0xff;
    writeFileSync(file, flipped);
    let r = run(dir);
    expect(r.log).toEqual(['damaged', 'written']);
    expect(r.stdout).toBe(plain.stdout);
    expect(readCompileCache(file)).toBeInstanceOf(Buffer);

    writeFileSync(file, whole.subarray(0, 20));
    r = run(dir);
    expect(r.log).toEqual(['damaged', 'written']);
    expect(r.stdout).toBe(plain.stdout);

    // A whole file (its checksum right) whose code is not V8's of this source: V8 refuses it.
    const junk = Buffer.alloc(4096, 7);
    writeFileSync(file, Buffer.concat([createHash('sha256').update(junk).digest(), junk]));
    r = run(dir);
    expect(r.log).toEqual(['rejected', 'written']);
    expect(r.stdout).toBe(plain.stdout);
    expect(run(dir).log).toEqual(['used']);
  });

  it('is not used from a folder others may write to, and a place it cannot be written changes nothing', () => {
    const open = mkdtempSync(join(tmpdir(), 'cruxmap-cc-'));
    chmodSync(open, 0o777);
    const r = run(open);
    expect(r.log).toEqual(['none']);
    expect(readdirSync(open)).toEqual([]);
    expect(r.stdout).toBe(plain.stdout);

    const blocked = join(mkdtempSync(join(tmpdir(), 'cruxmap-cc-')), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const b = run(join(blocked, 'cache'));
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(plain.stdout);
    expect(b.stderr).toBe(plain.stderr);
  });

  it('lives in the user cache folder unless told otherwise', () => {
    expect(compileCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/cruxmap/compile-cache');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/cruxmap/compile-cache');
    expect(compileCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/cruxmap/compile-cache');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', '')).toContain('cruxmap');
    expect(compileCacheDir({ CRUXMAP_COMPILE_CACHE: 'off' }, 'linux', '/home/u')).toBeUndefined();
    expect(compileCacheDir({ CRUXMAP_COMPILE_CACHE: '/c' }, 'linux', '/home/u')).toBe('/c');
    // No home folder: no cache.
    expect(compileCacheDir({}, 'linux', '')).toBeUndefined();
  });

  it('reads back only what it wrote whole, and keeps one build’s cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-cc-'));
    writeCompileCache(dir, 'cli-aaaa.cache', Buffer.from('old build'));
    writeCompileCache(dir, 'cli-bbbb.cache', Buffer.from('new build'));
    expect(readdirSync(dir)).toEqual(['cli-bbbb.cache']);
    expect(String(readCompileCache(join(dir, 'cli-bbbb.cache')))).toBe('new build');
    expect(readCompileCache(join(dir, 'cli-aaaa.cache'))).toBe('missing');
  });
});
