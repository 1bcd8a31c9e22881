/** The draft filter shared by the workspace scan and the file watcher: include and exclude globs read as findFiles reads them, and the size limit. */
import { describe, expect, it } from 'vitest';
import { createDraftFilter, globToRegExp } from '../../extension/host/draftFilter';

const DEFAULTS = { include: ['**/*.md', '**/*.markdown'], exclude: ['**/node_modules/**', '**/.git/**'], maxFileSize: 5_000_000 };

describe('draft filter', () => {
  it('with the default settings: markdown anywhere but in node_modules and .git', () => {
    const f = createDraftFilter(DEFAULTS);
    for (const p of ['a.md', 'posts/b.markdown', 'deep/er/c.md', '.hidden/d.md']) expect(f.accepts(p)).toBe(true);
    for (const p of ['node_modules/x/readme.md', 'a/node_modules/b.md', '.git/info.md', 'notes.txt', 'a.md.bak', 'mdfile']) expect(f.accepts(p)).toBe(false);
  });

  it('follows cruxmap.include and cruxmap.exclude (what the watcher ignored)', () => {
    const f = createDraftFilter({ include: ['posts/**/*.md', 'README.md'], exclude: ['**/drafts-old/**', 'posts/*.tmp.md'], maxFileSize: 1000 });
    expect(f.accepts('posts/a.md')).toBe(true);
    expect(f.accepts('posts/x/y/a.md')).toBe(true);
    expect(f.accepts('README.md')).toBe(true);
    expect(f.accepts('other/a.md')).toBe(false);
    expect(f.accepts('posts/drafts-old/a.md')).toBe(false);
    expect(f.accepts('posts/a.tmp.md')).toBe(false);
    expect(f.accepts('posts/x/a.tmp.md')).toBe(true);
  });

  it('holds files to the size limit', () => {
    const f = createDraftFilter({ ...DEFAULTS, maxFileSize: 1000 });
    expect(f.fits(1000)).toBe(true);
    expect(f.fits(1001)).toBe(false);
  });

  it('reads globs as VS Code does: * and ? within a segment, ** across them, {a,b} and [set]', () => {
    const m = (glob: string, path: string) => globToRegExp(glob).test(path);
    expect(m('*.md', 'a.md')).toBe(true);
    expect(m('*.md', 'dir/a.md')).toBe(false);
    expect(m('**/*.md', 'a.md')).toBe(true);
    expect(m('a/**', 'a/b/c.md')).toBe(true);
    expect(m('a/**/b.md', 'a/b.md')).toBe(true);
    expect(m('a/**/b.md', 'a/x/y/b.md')).toBe(true);
    expect(m('draft-?.md', 'draft-1.md')).toBe(true);
    expect(m('draft-?.md', 'draft-12.md')).toBe(false);
    expect(m('{posts,notes}/*.{md,markdown}', 'notes/a.markdown')).toBe(true);
    expect(m('{posts,notes}/*.{md,markdown}', 'other/a.md')).toBe(false);
    expect(m('v[0-9].md', 'v3.md')).toBe(true);
    expect(m('v[!0-9].md', 'v3.md')).toBe(false);
    expect(m('a+b (1).md', 'a+b (1).md')).toBe(true);
    expect(m('a.md', 'aXmd')).toBe(false);
    expect(m('./posts/*.md', 'posts/a.md')).toBe(true);
  });
});
