/** The suggester's own block scan agrees with the parser: every element of the example workspace and the fixtures sits on a scanned block with the same range. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import { scanBlocks } from '../../extension/core/suggest/blocks';

const repo = join(__dirname, '..', '..');

function drafts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? drafts(p) : p.endsWith('.md') ? [p] : [];
  });
}

describe('scanBlocks against parseDraft', () => {
  const files = [...drafts(join(repo, 'examples')), ...drafts(join(repo, 'test', 'fixtures'))];
  it('finds the drafts', () => expect(files.length).toBeGreaterThan(10));
  for (const file of files) {
    it(relative(repo, file), () => {
      const text = readFileSync(file, 'utf8');
      const byLine = new Map(scanBlocks(text).map((b) => [b.range.start.line, b]));
      for (const e of parseDraft(text, 'x.md').elements) {
        expect(byLine.get(e.range.start.line)?.range, `${e.block} at line ${e.range.start.line + 1}: ${e.text}`).toEqual(e.range);
      }
    });
  }
});

describe('scanBlocks figures', () => {
  it('marks a block that holds nothing but images or embeds, in a paragraph, a list item or a quote, and not one with prose beside them', () => {
    const blocks = scanBlocks('Claim.\n\n- ![a pic](b.png)\n\n> ![[fig.png]]\n\n   ![c](d.png "title") <img src="e.png">\n\n![e](f.png) and text\n');
    expect(blocks.map((b) => [b.block, b.figure ?? false])).toEqual([
      ['paragraph', false],
      ['listItem', true],
      ['blockquote', true],
      ['paragraph', true],
      ['paragraph', false],
    ]);
  });
});
