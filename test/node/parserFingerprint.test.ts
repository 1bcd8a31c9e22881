/** The parse caches' parser fingerprint (scripts/parserId.mjs, set by the build): it changes with what shapes a parsed draft and only with that, so editing an editor feature keeps every user's parse cache. */
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parserFingerprint } from '../../scripts/parserId.mjs';

const root = join(__dirname, '..', '..');
const fingerprint = (dir: string) => parserFingerprint(dir);

/** A copy of the core and the lock file, to change. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cruxmap-fingerprint-'));
  cpSync(join(root, 'extension', 'core'), join(dir, 'extension', 'core'), { recursive: true });
  cpSync(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
  return dir;
}

describe('parser fingerprint', () => {
  it('is made of the parser, the model, the draft codec and the parser packages', () => {
    const f = fingerprint(root);
    expect(f.sources).toContain('extension/core/parse/parse.ts');
    expect(f.sources).toContain('extension/core/model.ts');
    expect(f.sources).toContain('extension/core/codec/draftCodec.ts');
    expect(f.sources.some((s) => s.includes('features/') || s.includes('index/') || s.includes('map/'))).toBe(false);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    // The first package a parser source imports (markdown-it, yaml ...) is in, at its installed version.
    const imported = f.sources.map((src) => readFileSync(join(root, src), 'utf8').match(/^import (?!type )[^'"]*from '([a-z@][^']*)'/m)?.[1]).find((p) => p !== undefined);
    expect(imported).toBeDefined();
    expect(f.versions).toContain(`${imported}@${lock.packages[`node_modules/${imported}`].version}`);
  });

  it('stays when an editor feature changes, and changes with the parser, the model, the codec or a parser package version', () => {
    const dir = copy();
    const before = fingerprint(dir).id;
    appendFileSync(join(dir, 'extension/core/features/language.ts'), '\n// an edit to hovers\n');
    appendFileSync(join(dir, 'extension/core/index/workspaceIndex.ts'), '\n// an edit to the index\n');
    expect(fingerprint(dir).id).toBe(before);
    let last = before;
    for (const file of ['extension/core/parse/lineMap.ts', 'extension/core/model.ts', 'extension/core/codec/draftCodec.ts']) {
      appendFileSync(join(dir, file), '\n// changed\n');
      const now = fingerprint(dir).id;
      expect(now).not.toBe(last);
      last = now;
    }
    const lockFile = join(dir, 'package-lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { version: string }> };
    const [name] = fingerprint(dir).versions[0].split(/@(?=[^@]*$)/);
    lock.packages[`node_modules/${name}`].version = '0.0.0-other';
    writeFileSync(lockFile, JSON.stringify(lock));
    expect(fingerprint(dir).id).not.toBe(last);
  });
});
