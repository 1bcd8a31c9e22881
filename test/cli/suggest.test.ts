/** cruxmap suggest: the built CLI on temporary workspaces, text and JSON, thresholds and usage errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ensureCliBuilt, runCli as run, tempWorkspace } from '../support/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'cruxmap-suggest-');



beforeAll(ensureCliBuilt);

const A = 'Claim: Evaluations will catch most risky models.\n\nThat said, evaluations miss exactly the models that plan.\n\nLabs already run them.\n';
const B = '# Notes\n\n```\nBut this is code.\n```\n\nBecause chips are physical, they are easy to count.\n';

describe('cruxmap suggest', () => {
  it('prints the JSON of the issue: version 1, sorted by file then line, ranges as elements, targets by line', () => {
    const dir = workspace({ 'posts/a.md': A, 'b.md': B });
    const r = run(['suggest', dir, '--format', 'json', '--min-confidence', '0']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'suggestions']);
    expect(out.version).toBe(1);
    expect(out.suggestions.map((s: { file: string; range: { start: { line: number } } }) => `${s.file}:${s.range.start.line}`)).toEqual(['b.md:6', 'posts/a.md:2', 'posts/a.md:4']);
    const objection = out.suggestions[1];
    expect(objection).toEqual({
      file: 'posts/a.md',
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 57 } },
      kind: 'objection',
      text: 'That said, evaluations miss exactly the models that plan.',
      target: { file: 'posts/a.md', line: 0 },
      confidence: objection.confidence,
      cue: 'That said',
    });
    expect(Object.keys(objection)).toEqual(['file', 'range', 'kind', 'text', 'target', 'confidence', 'cue']);
    expect(objection.confidence).toBeGreaterThan(0.5);
    expect(out.suggestions[0].target).toBeNull();
  });

  it('prints compiler-style lines, and the default threshold hides the unsure ones', () => {
    const dir = workspace({ 'posts/a.md': A });
    const all = run(['suggest', dir, '--min-confidence=0']);
    const shown = run(['suggest', join(dir, 'posts', 'a.md')]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('posts/a.md:3:1: suggestion objection: That said, evaluations miss exactly the models that plan. (→ line 1)\n');
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    // "Labs already run them." has no cue and follows the objection: below the default threshold.
    expect(shown.stdout).not.toContain('Labs already run them');
    expect(shown.stdout).toContain('suggestion objection');
    expect(shown.stderr).toMatch(/1 suggestion in 1 of 1 file/);
  });

  it('exits 2 on a usage error', () => {
    for (const args of [['suggest'], ['suggest', '.', '--format', 'html'], ['suggest', '.', '--min-confidence', '1.5'], ['suggest', '.', '--min-confidence', 'high'], ['suggest', '.', '--bogus']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^cruxmap: /);
    }
    expect(run(['suggest', '--help']).stdout).toContain('--min-confidence');
  });
});
