/** Where a heading anchor (`[[note#A heading]]`, `[text](note.md#a-heading)`) lands in its file: the heading's line, found on demand. */
import { parseBlocks, unescapeAll, type Token } from '../parse/markdown';
import type { Range } from '../model';

/** Obsidian's reading of an anchor: the heading's text, compared without case, markup or extra white space. */
function textKey(s: string): string {
  return s
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** GitHub's (and VS Code's preview's) heading slug: lower case, punctuation dropped, spaces as hyphens. */
function slugKey(s: string): string {
  return textKey(s)
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The source with front matter lines blanked (same line count), line ends as `\n`, no BOM. */
function body(text: string): string {
  const src = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n[\s\S]*?\n(?:---|\.\.\.)(?:\n|$)/.exec(src);
  return fm ? fm[0].replace(/[^\n]/g, '') + src.slice(fm[0].length) : src;
}

/**
 * The range of the heading an anchor names in a draft's text, or undefined when none matches. An anchor matches a
 * heading by its text (Obsidian's `[[note#A heading]]`, without regard to case; `[[note#Part#A heading]]` names the
 * last part) or by its slug (`note.md#a-heading`, as GitHub and VS Code's preview write them); the first match wins.
 * Linear in the text; never throws.
 */
export function headingRange(text: string, anchor: string): Range | undefined {
  const parts = anchor.split('#').filter((p) => p.trim() !== '');
  const wanted = parts[parts.length - 1];
  if (wanted === undefined) return undefined;
  let decoded = wanted;
  try {
    decoded = decodeURIComponent(wanted);
  } catch {
    // kept as written
  }
  const byText = textKey(decoded);
  const bySlug = slugKey(decoded);
  const src = body(text);
  let tokens: Token[];
  try {
    tokens = parseBlocks(src, {});
  } catch {
    return undefined;
  }
  const lines = src.split('\n');
  for (let i = 0; i + 1 < tokens.length; i++) {
    const open = tokens[i];
    if (open.type !== 'heading_open' || !open.map) continue;
    const content = unescapeAll(tokens[i + 1].content.replace(/[ \t]+\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$/, ''));
    const key = textKey(content);
    if (key === byText || slugKey(content) === bySlug) {
      const line = open.map[0];
      return { start: { line, character: 0 }, end: { line, character: lines[line]?.length ?? 0 } };
    }
  }
  return undefined;
}
