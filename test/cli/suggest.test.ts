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

  it(".cruxmap.json's label words (first directory, or --config FILE) make elements, not suggestions; a bad one is a bad-config warning", () => {
    const draft = 'Claim: Evaluations will catch most risky models.\n\nRejoinder: but evaluations miss the models that plan.\n\nThat said, labs already run them.\n';
    const dir = workspace({ '.cruxmap.json': JSON.stringify({ labels: { Rejoinder: 'objection' } }), 'a.md': draft });
    const lines = (r: { stdout: string }) => (JSON.parse(r.stdout) as { suggestions: { range: { start: { line: number } }; kind: string; target: { line: number } | null }[] }).suggestions.map((s) => `${s.range.start.line}:${s.kind}->${s.target?.line ?? '-'}`);
    const r = run(['suggest', dir, '--format', 'json', '--min-confidence', '0']);
    expect(r.code).toBe(0);
    // "Rejoinder:" is an objection by the workspace's words: no suggestion on line 2, and "That said" answers it.
    expect(lines(r)).toEqual(['4:reply->2']);
    expect(r.stderr).not.toMatch(/bad-config/);
    // Without the file the block is unlabeled prose, and gets a suggestion of its own.
    const bare = workspace({ 'a.md': draft });
    const plain = lines(run(['suggest', bare, '--format', 'json', '--min-confidence', '0']));
    expect(plain.map((l) => l.split(':')[0])).toContain('2');
    // --config FILE gives the words for a folder without one, or for files named alone.
    expect(lines(run(['suggest', bare, '--format', 'json', '--min-confidence', '0', '--config', join(dir, '.cruxmap.json')]))).toEqual(['4:reply->2']);
    expect(lines(run(['suggest', join(bare, 'a.md'), '--format=json', '--min-confidence=0', `--config=${join(dir, '.cruxmap.json')}`]))).toEqual(['4:reply->2']);
    // A bad file: said on standard error as check says it, and the spec's words alone apply.
    const bad = workspace({ '.cruxmap.json': '{\n  "labels": {\n    "Rejoinder": "clam"\n  }\n}\n', 'a.md': draft });
    const b = run(['suggest', bad, '--format', 'json', '--min-confidence', '0']);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('cruxmap: .cruxmap.json:3:5: warning bad-config: Label "Rejoinder" in .cruxmap.json maps to "clam", which is no kind');
    expect(lines(b)).toEqual(plain);
    expect(JSON.parse(b.stdout).version).toBe(1);
    // A --config FILE that cannot be read is a usage error.
    const missing = run(['suggest', bare, '--config', join(bare, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cruxmap: cannot read the config file/);
  });

  it('keeps a text line one line: control characters in a block are escaped, as check escapes them', () => {
    const dir = workspace({ 'a.md': 'Claim: Evaluations catch risky models.\n\nBut evaluations miss the \u001b[31mplanners\u2028too.\n' });
    const r = run(['suggest', dir]);
    expect(r.code).toBe(0);
    // (The line separator is white space, read as a space like a line break.)
    expect(r.stdout).toBe('a.md:3:1: suggestion objection: But evaluations miss the \\x1b[31mplanners too. (→ line 1)\n');
    // JSON keeps the text as it is (JSON escapes it itself).
    expect(JSON.parse(run(['suggest', dir, '--format', 'json']).stdout).suggestions[0].text).toBe('But evaluations miss the \u001b[31mplanners too.');
  });

  it('exits 2 on a usage error', () => {
    for (const args of [['suggest'], ['suggest', '.', '--format', 'html'], ['suggest', '.', '--min-confidence', '1.5'], ['suggest', '.', '--min-confidence', 'high'], ['suggest', '.', '--bogus'], ['suggest', '.', '--config']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^cruxmap: /);
    }
    expect(run(['suggest', '--help']).stdout).toContain('--min-confidence');
  });
});
