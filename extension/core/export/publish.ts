/** publishDraft: a draft as a post for LessWrong or any markdown site: no ids, no wikilinks, labels bold/kept/dropped, front matter gone, the rest byte for byte. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Nodes, Root } from 'mdast';
import type { Draft, Range, Reference } from '../model';
import type { Resolution, WorkspaceIndex } from '../index/workspaceIndex';
import { createLineMap } from '../parse/lineMap';
import { escapeMarkdownText, markdownUrl } from './escape';

/** How labels are published: as written, in bold (`**Objection:**`), or not at all. */
export type LabelMode = 'keep' | 'bold' | 'drop';
/** How references are published: links to the target's published address where known, or plain text. */
export type LinkMode = 'url' | 'text';

export interface PublishOptions {
  labels?: LabelMode;
  links?: LinkMode;
}

/** One replacement on the draft's text (offsets into the text as given, BOM included). */
export interface PublishEdit {
  start: number;
  end: number;
  text: string;
  what: 'front-matter' | 'id' | 'label' | 'reference' | 'embed';
}

/** A reference that could not be resolved: it is published as plain text, and said. */
export interface PublishProblem {
  range: Range;
  message: string;
}

export interface PublishResult {
  text: string;
  edits: PublishEdit[];
  problems: PublishProblem[];
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);
const WIKILINK = /(!?)\[\[([^[\]\n]*?)\]\]/g;
const TRAILING_ID = /[ \t]+\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$/;
const SCHEME = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/\/)/;
/** A line break and the next line's indent or quote markers, matched where `lastIndex` says (sticky: no slicing of the source). */
const LINE_BREAK = /(?:\r\n|\n|\r)[ \t>]*/y;

/** The `url:` of a draft's front matter (its published address), or undefined. */
export function publishedUrl(text: string): string | undefined {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  try {
    const data = parseYaml(m[1]) as unknown;
    const url = data && typeof data === 'object' ? (data as Record<string, unknown>).url : undefined;
    return typeof url === 'string' && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The visible form of a label as written (`**Objection**:` -> `Objection`). */
function labelWords(source: string): string {
  return source.replace(/[*_:]/g, '').trim();
}

/**
 * Publishes one indexed draft: the changes are found on remark's tree and the
 * index's parse of the draft (elements, ids, references, their resolution) and applied
 * as edits on the source, so everything outside the markup (footnotes, math, HTML,
 * tables, code, line endings) stays byte for byte. Never throws on a draft the index holds;
 * a reference that does not resolve is published as plain text and reported in `problems`.
 */
export function publishDraft(index: WorkspaceIndex, path: string, options: PublishOptions = {}): PublishResult {
  const labels = options.labels ?? 'bold';
  const links = options.links ?? 'url';
  const text = index.getText(path);
  const draft = index.getDraft(path);
  if (text === undefined || draft === undefined) throw new Error(`${path} is not indexed`);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = text.slice(bom);
  const lines = createLineMap(src);
  const offsetOf = (r: Range) => [lines.offset(r.start), lines.offset(r.end)] as const;
  const tree = processor.parse(src) as Root;
  const edits: PublishEdit[] = [];
  const problems: PublishProblem[] = [];
  const urls = new Map<string, string | undefined>();
  const urlOf = (file: string) => {
    if (!urls.has(file)) urls.set(file, publishedUrl(index.getText(file) ?? ''));
    return links === 'url' ? urls.get(file) : undefined;
  };
  const refByStart = new Map<number, Reference>();
  for (const r of draft.references) refByStart.set(offsetOf(r.range)[0], r);

  // Front matter: the whole block, its line break and the blank lines after it.
  const front = tree.children[0];
  if (front && (front.type === 'yaml' || (front.type as string) === 'toml') && front.position?.start.offset === 0) {
    const m = /^(?:\r\n|\n|\r)(?:[ \t]*(?:\r\n|\n|\r))*/.exec(src.slice(front.position.end.offset!));
    edits.push({ start: 0, end: front.position.end.offset! + (m ? m[0].length : 0), text: '', what: 'front-matter' });
  }

  // Labels, from the index's elements.
  if (labels !== 'keep') {
    for (const el of draft.elements) {
      const [s, e] = offsetOf(el.labelRange);
      const words = labelWords(src.slice(s, e));
      if (labels === 'bold') {
        const bold = `**${words}:**`;
        if (src.slice(s, e) !== bold) edits.push({ start: s, end: e, text: bold, what: 'label' });
      } else {
        // The label and the space after it; a label alone on its line takes the line break and the next line's indent too.
        let end = e;
        while (src[end] === ' ' || src[end] === '\t') end++;
        LINE_BREAK.lastIndex = end;
        const br = LINE_BREAK.exec(src);
        if (br && el.block !== 'heading') end += br[0].length;
        edits.push({ start: s, end, text: '', what: 'label' });
      }
    }
  }

  // Ids: every ` ^id` at the end of a paragraph or heading (the elements' and any other block id), with the space before it.
  const idStarts = new Set<number>();
  const removeId = (start: number, end: number) => {
    if (idStarts.has(start)) return;
    idStarts.add(start);
    edits.push({ start, end, text: '', what: 'id' });
  };
  for (const el of draft.elements) {
    if (!el.idRange) continue;
    let [s, e] = offsetOf(el.idRange);
    while (s > 0 && (src[s - 1] === ' ' || src[s - 1] === '\t')) s--;
    while (src[e] === ' ' || src[e] === '\t') e++;
    removeId(s, e);
  }

  // References: wikilinks and embeds in the text of the tree (never in code or HTML), and markdown links to drafts.
  const visit = (node: Nodes, inHeading: boolean, inLink = false) => {
    const pos = node.position;
    if ((node.type === 'paragraph' || node.type === 'heading') && pos) {
      // A block id ends the first line of a heading and the last line of a paragraph.
      const lineEnd = src.slice(pos.start.offset!, pos.end.offset!);
      const firstLine = node.type === 'heading' ? /^[^\r\n]*/.exec(lineEnd)![0] : lineEnd;
      const m = TRAILING_ID.exec(node.type === 'heading' ? firstLine.replace(/[ \t]+#+[ \t]*$/, '') : firstLine);
      if (m) removeId(pos.start.offset! + m.index, pos.start.offset! + m.index + m[0].length);
    }
    if (node.type === 'text' && pos) {
      const source = src.slice(pos.start.offset!, pos.end.offset!);
      WIKILINK.lastIndex = 0;
      for (let m = WIKILINK.exec(source); m; m = WIKILINK.exec(source)) {
        const start = pos.start.offset! + m.index;
        const end = start + m[0].length;
        const embed = m[1] === '!';
        const ref = refByStart.get(embed ? start + 1 : start) ?? refByStart.get(start);
        const alone = embed && !inHeading && isAloneInParagraph(src, start, end);
        edits.push({ start, end, text: wikilinkText(m[2], ref, embed, alone, inLink), what: embed ? 'embed' : 'reference' });
      }
      return;
    }
    if (node.type === 'link' && pos) {
      const ref = refByStart.get(pos.start.offset!);
      if (ref && ref.syntax === 'link') {
        const first = node.children[0]?.position?.start.offset;
        const last = node.children[node.children.length - 1]?.position?.end.offset;
        const inner = first !== undefined && last !== undefined ? src.slice(first, last) : '';
        edits.push({ start: pos.start.offset!, end: pos.end.offset!, text: linkText(ref, inner), what: 'reference' });
        return;
      }
    }
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return;
    // Inside a link's text a reference becomes words only: links do not nest.
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c, inHeading || node.type === 'heading', inLink || node.type === 'link' || node.type === 'linkReference');
  };

  /** What a wikilink or embed becomes. */
  function wikilinkText(inner: string, ref: Reference | undefined, embed: boolean, alone: boolean, wordsOnly: boolean): string {
    const bar = inner.indexOf('|');
    const alias = bar >= 0 ? inner.slice(bar + 1).trim() : undefined;
    const linkPart = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
    if (SCHEME.test(linkPart)) return wordsOnly ? escapeMarkdownText(alias || linkPart) : `[${escapeMarkdownText(alias || linkPart)}](${markdownUrl(linkPart)})`;
    if (!ref) {
      // [[#heading]], [[]]: nothing to resolve; the words stay.
      return escapeMarkdownText(alias || linkPart.replace(/^#\^?/, '').replace(/#\^?/, '#'));
    }
    const target = resolveTarget(ref);
    if (embed && target.quote !== undefined) {
      const quoted = escapeMarkdownText(target.quote);
      const source = target.url && !wordsOnly ? ` ([${escapeMarkdownText(target.title)}](${markdownUrl(target.url)}))` : '';
      return alone ? `> ${quoted}${source}` : `“${quoted}”${source}`;
    }
    const shown = escapeMarkdownText(alias || target.shown);
    return target.url && !target.same && !wordsOnly ? `[${shown}](${markdownUrl(target.url)})` : shown;
  }

  /** What a markdown link to a draft becomes: its text, linked to the published address when there is one. */
  function linkText(ref: Reference, inner: string): string {
    const target = resolveTarget(ref);
    const shown = inner.trim() ? inner : escapeMarkdownText(target.shown);
    return target.url && !target.same ? `[${shown}](${markdownUrl(target.url)})` : shown;
  }

  /** The resolved target's address, its words, and (for an embed of an element) the text it quotes. */
  function resolveTarget(ref: Reference): { url?: string; shown: string; title: string; quote?: string; same: boolean } {
    const resolution: Resolution = index.resolveReference(path, ref);
    const written = `${ref.target}${ref.blockId !== undefined ? `#${ref.blockId}` : ref.anchor ? `#${ref.anchor}` : ''}`;
    // An external target (a URL) is never resolved and is no problem: its words stay.
    if (resolution.status === 'external') return { shown: ref.alias || written, title: ref.alias || written, same: false };
    if (resolution.status !== 'ok') {
      const why =
        resolution.status === 'missing-file'
          ? `no draft named '${ref.target}'`
          : resolution.status === 'missing-id'
            ? `no element ^${ref.blockId} in ${resolution.file}`
            : `'${ref.target}' matches ${resolution.candidates.join(', ')}`;
      problems.push({ range: ref.range, message: `dangling reference ${written} (${why}): published as plain text` });
      return { shown: ref.alias || written, title: ref.alias || written, same: false };
    }
    const target: Draft | undefined = index.getDraft(resolution.file);
    const title = target?.title ?? resolution.file;
    const element = resolution.elementIndex !== undefined ? target?.elements[resolution.elementIndex] : undefined;
    return {
      url: urlOf(resolution.file),
      shown: element ? plainWords(element.text) || element.kind : title,
      title,
      quote: element ? plainWords(element.text) : undefined,
      same: resolution.file === path,
    };
  }

  visit(tree, false);
  // Ids inside a reference's range (cannot happen for well-formed markup) or overlapping edits: the earlier wins.
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: PublishEdit[] = [];
  for (const e of edits) {
    const prev = kept[kept.length - 1];
    if (prev && e.start < prev.end) continue;
    kept.push(e);
  }
  let out = '';
  let at = 0;
  for (const e of kept) {
    out += src.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += src.slice(at);
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    text: (bom ? '\uFEFF' : '') + out,
    edits: kept.map((e) => ({ ...e, start: e.start + bom, end: e.end + bom })),
    problems,
  };
}

/** An element's text as words: references inside it (as the parser may keep them) become their alias or name. */
function plainWords(text: string): string {
  return text
    .replace(/!?\[\[([^[\]\n]*?)\]\]/g, (_, inner: string) => {
      const bar = inner.indexOf('|');
      return bar >= 0 ? inner.slice(bar + 1).trim() : inner.replace(/#\^?/, ' ').trim();
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether [start, end) is the only thing on its line(s) in a paragraph of its own (then an embed becomes a block quote). */
function isAloneInParagraph(src: string, start: number, end: number): boolean {
  const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
  const blank = (from: number, to: number) => /^[ \t]*$/.test(src.slice(from, to));
  // The line: only white space before the embed, nothing after it.
  let lineStart = start;
  while (lineStart > 0 && !isBreak(src[lineStart - 1])) lineStart--;
  let lineEnd = end;
  while (lineEnd < src.length && !isBreak(src[lineEnd])) lineEnd++;
  if (!blank(lineStart, start) || !blank(end, lineEnd)) return false;
  // The lines before and after: none, or blank.
  if (lineStart > 0) {
    let p = lineStart - 1;
    if (src[p] === '\n' && src[p - 1] === '\r') p--;
    let prevStart = p;
    while (prevStart > 0 && !isBreak(src[prevStart - 1])) prevStart--;
    if (!blank(prevStart, p)) return false;
  }
  if (lineEnd < src.length) {
    let n = lineEnd + (src[lineEnd] === '\r' && src[lineEnd + 1] === '\n' ? 2 : 1);
    const nextStart = n;
    while (n < src.length && !isBreak(src[n])) n++;
    if (!blank(nextStart, n)) return false;
  }
  return true;
}
