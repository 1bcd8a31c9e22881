/** The CLI's publish and import commands and its peer export formats: the built dist/cli.js spawned as a process. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { exportGraphAs, PEER_FORMATS } from '../../extension/core/export/formats';
import { ensureCliBuilt, repo, runCli as run, tempWorkspace } from '../support/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'cruxmap-publish-');

const fixtures = join(repo, 'test', 'core', 'export', 'fixtures');


beforeAll(ensureCliBuilt);

describe('cruxmap publish', () => {
  it('writes the post to standard output, with the dangling references on stderr', () => {
    const r = run(['publish', 'test/core/export/fixtures/publish/post.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(fixtures, 'publish-expected', 'post.bold-url.md'), 'utf8'));
    expect(r.stderr.trim().split('\n')).toEqual([
      "post.md:37:17: warning dangling-ref: dangling reference nowhere#gone (no draft named 'nowhere'): published as plain text",
      'post.md:37:39: warning dangling-ref: dangling reference other#missing (no element ^missing in other.md): published as plain text',
    ]);
  });

  it('takes --labels, --links and -o, and resolves against the folder given', () => {
    const dir = workspace({ 'posts/a.md': '---\nurl: https://example.org/a\n---\n\nClaim: Alpha. ^a\n', 'drafts/b.md': 'Objection: [[a#^a|that]] fails. ^b\r\n' });
    const out = join(dir, 'b.post.md');
    const r = run(['publish', 'drafts/b.md', '.', '--labels=drop', '--links', 'text', '-o', out], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/wrote .*b\.post\.md \(3 changes\)/);
    expect(readFileSync(out, 'utf8')).toBe('that fails.\r\n');
    expect(run(['publish', 'drafts/b.md', '.'], dir).stdout).toBe('**Objection:** [that](https://example.org/a) fails.\r\n');
    // Without the folder, only the draft's own folder is indexed: the reference dangles, and is said.
    const alone = run(['publish', 'drafts/b.md'], dir);
    expect(alone.stdout).toBe('**Objection:** that fails.\r\n');
    expect(alone.stderr).toContain('b.md:1:12: warning dangling-ref');
  });

  it('never writes the post over the draft itself', () => {
    const dir = workspace({ 'a.md': 'Claim: Alpha. ^a\n', 'b.md': 'Objection: [[a#^a]] no. ^b\n' });
    const r = run(['publish', 'a.md', '-o', './a.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is one of the drafts read|is the input file itself/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('Claim: Alpha. ^a\n');
    // Nor over another draft it read.
    expect(run(['publish', 'a.md', '-o', 'b.md'], dir).code).toBe(2);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('Objection: [[a#^a]] no. ^b\n');
    writeFileSync(join(dir, 'm.argdown'), '[A]: a\n');
    expect(run(['import', 'm.argdown', '-o', 'm.argdown'], dir).code).toBe(2);
    expect(readFileSync(join(dir, 'm.argdown'), 'utf8')).toBe('[A]: a\n');
  });

  it('refuses bad arguments with exit code 2', () => {
    for (const args of [
      ['publish'],
      ['publish', 'nope.md'],
      ['publish', 'test/core/export/fixtures/publish/post.md', '--labels', 'loud'],
      ['publish', 'test/core/export/fixtures/publish/post.md', '--links', 'html'],
      ['publish', 'test/core/export/fixtures/publish/post.md', '--format', 'json'],
      ['publish', 'test/core/export/fixtures/publish/post.md', 'test/core/export/fixtures/publish-expected'],
      ['check', 'examples/alignment', '--labels', 'bold'],
      ['import', 'a.argdown', 'b.argdown'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^cruxmap: /);
    }
  });
});

describe('cruxmap import', () => {
  it('writes a draft from an Argdown file, to stdout or -o', () => {
    const r = run(['import', 'test/core/export/fixtures/argdown/pause.argdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: "Should labs pause\?"\n---\n/);
    const dir = workspace({});
    const w = run(['import', join(fixtures, 'argdown', 'pause.argdown'), '-o', join(dir, 'pause.md')]);
    expect(w.stderr).toMatch(/wrote .*pause\.md \(7 elements, 6 edges\)/);
    const check = run(['check', dir]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('(7 elements)');
  });

  it('says what it could not read, and still writes the rest', () => {
    const r = run(['import', 'test/core/export/fixtures/argdown/broken.argdown']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/broken\.argdown: warning: line \d+: /);
    expect(r.stdout).toContain('^a');
  });
});

describe('cruxmap export --format for peer tools', () => {
  it('writes each format of the example workspace exactly as the core does', () => {
    const json = JSON.parse(run(['export', 'examples/alignment']).stdout);
    const index = new WorkspaceIndex();
    for (const f of json.files) index.setDraft(f.file, readFileSync(join(repo, 'examples', 'alignment', f.file), 'utf8'));
    const graph = index.getGraph();
    for (const format of PEER_FORMATS) {
      const r = run(['export', 'examples/alignment', '--format', format]);
      expect(r.code, format).toBe(0);
      expect(r.stdout).toBe(exportGraphAs(graph, format));
    }
    const bad = run(['export', 'examples/alignment', '--format', 'svg']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('argdown');
  });
});
