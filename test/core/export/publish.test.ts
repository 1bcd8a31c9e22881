/** publishDraft: fixtures with every construct a post holds, generated drafts with their expected posts, and the rendered text compared with markdown-it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import { publishDraft, publishedUrl, type LabelMode, type LinkMode } from '../../../extension/core/export/publish';

const dir = join(__dirname, 'fixtures', 'publish');
const expectedDir = join(__dirname, 'fixtures', 'publish-expected');

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.setDraft(path, text);
  return index;
}

function fixtureFiles(transform = (t: string) => t): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, transform(readFileSync(join(dir, f), 'utf8'))]));
}

const md = new MarkdownIt({ html: true }).use(footnote);
/** The text a reader sees: the rendered HTML without its tags, entities decoded, white space collapsed. */
function renderedText(source: string): string {
  return htmlText(md.render(source));
}

function htmlText(html: string): string {
  return html
    // Inline tags join their text to what is around it; block tags separate.
    .replace(/<\/?(?:a|em|strong|code|span|sup|sub|i|b)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('publishDraft on the fixture drafts', () => {
  const files = fixtureFiles();
  const index = indexOf(files);
  const source = files['post.md'];

  it('gives the reviewed post with the defaults (bold labels, links to url:) and with --labels drop --links text', () => {
    expect(publishDraft(index, 'post.md').text).toBe(readFileSync(join(expectedDir, 'post.bold-url.md'), 'utf8'));
    expect(publishDraft(index, 'post.md', { labels: 'drop', links: 'text' }).text).toBe(readFileSync(join(expectedDir, 'post.drop-text.md'), 'utf8'));
  });

  it('leaves no id marker, wikilink or front matter, and keeps code, tables, math, HTML and footnotes byte for byte', () => {
    for (const labels of ['keep', 'bold', 'drop'] as LabelMode[]) {
      for (const links of ['url', 'text'] as LinkMode[]) {
        const out = publishDraft(index, 'post.md', { labels, links }).text;
        for (const id of ['evals-insufficient', 'behaves-when-watched', 'indist', 'date-check', 'eval-crux']) expect(out).not.toContain(`^${id}`);
        const outsideCode = out.replace(/```[\s\S]*?```/g, '').replace(/<div>.*<\/div>/g, '');
        expect(outsideCode).not.toContain('[[');
        expect(outsideCode).not.toContain(']]');
        expect(out).not.toContain('url: https');
        expect(out.startsWith('# Evaluations are not enough\n')).toBe(true);
        for (const kept of [
          'Most of this post is ordinary prose with a footnote[^1], some math $E = mc^2$ and\n$$\\sum_{i=1}^n x_i$$\nand <span class="note">inline HTML</span>.',
          '| Label | Meaning |\n|-------|---------|\n| `Claim:` | a thesis ^not-an-id-in-code |',
          '```markdown\nObjection: this is code, [[kept#^as-is]] ^code-id\n```',
          '<div>Claim: raw HTML stays [[as-is]]</div>',
          '[^1]: The footnote keeps its ',
        ]) {
          expect(out).toContain(kept);
        }
        const labelsLeft = (out.match(/(?<![A-Za-z])(?:Claim|Support|Objection|Reply|Evidence|Question|Crux)\W{0,2}:/g) ?? []).length;
        const bold = (out.match(/\*\*(?:Claim|Support|Objection|Reply|Evidence|Question|Crux):\*\*/g) ?? []).length;
        // Three labels are in inline code, a code block and HTML, never elements; the other seven are the elements' own.
        expect(labelsLeft).toBe(labels === 'drop' ? 3 : 10);
        expect(bold).toBe(labels === 'bold' ? 7 : labels === 'keep' ? 1 : 0);
        if (labels === 'bold') expect(out).toContain('- **Objection:** evaluations');
        if (labels === 'keep') expect(out).toContain('- _Objection:_ evaluations');
        if (labels === 'keep') expect(out).toContain('- **Evidence**: see');
        if (links === 'text') expect(out).not.toContain('](https://');
      }
    }
  });

  it('says each dangling reference and publishes its words', () => {
    const r = publishDraft(index, 'post.md');
    expect(r.problems.map((p) => [p.range.start.line, p.message])).toEqual([
      [36, "dangling reference nowhere#gone (no draft named 'nowhere'): published as plain text"],
      [36, 'dangling reference other#missing (no element ^missing in other.md): published as plain text'],
    ]);
    expect(r.text).toContain('A dangling one: nowhere#gone and an alias.');
  });

  it('links to the target draft\'s url: and falls back to text where a draft has none', () => {
    expect(publishedUrl(files['other.md'])).toBe('https://www.lesswrong.com/posts/def456/evaluations-can-be-fixed');
    expect(publishedUrl(files['nourl.md'])).toBeUndefined();
    const fromNoUrl = publishDraft(index, 'nourl.md').text;
    expect(fromNoUrl).toContain('then [Behavioural evaluations cannot rule out scheming.](https://www.lesswrong.com/posts/abc123/evaluations-are-not-enough) links');
    const index2 = indexOf({ 'a.md': 'Claim: A. ^a\n', 'b.md': 'Objection: [[a#^a]] and [[a#^a|that]] fail. ^b\n' });
    expect(publishDraft(index2, 'b.md').text).toBe('**Objection:** A. and that fail.\n');
    // An embed in a sentence is quoted inline; alone in its paragraph it is a block quote (CRLF too).
    const index4 = indexOf({ 'a.md': 'Claim: A holds. ^a\n', 'b.md': 'As ![[a#^a]] says.\r\n\r\n![[a#^a]]\r\n\r\n- ![[a#^a]]\r\n' });
    expect(publishDraft(index4, 'b.md').text).toBe('As “A holds.” says.\r\n\r\n> A holds.\r\n\r\n- “A holds.”\r\n');
    // A reference inside a link's text becomes words: links do not nest.
    const index3 = indexOf({ 'a.md': '---\nurl: https://e.org/a\n---\nClaim: A. ^a\n', 'b.md': 'See [the [[a#^a|claim]] here](https://e.org/x) and [[a#^a|it]].\n' });
    expect(publishDraft(index3, 'b.md').text).toBe('See [the claim here](https://e.org/x) and [it](https://e.org/a).\n');
  });

  it('keeps CRLF line endings and a BOM exactly', () => {
    const crlf = fixtureFiles((t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
    const out = publishDraft(indexOf(crlf), 'post.md').text;
    expect(out).toBe(`\uFEFF${readFileSync(join(expectedDir, 'post.bold-url.md'), 'utf8').replace(/\n/g, '\r\n')}`);
  });

  it('gives the same rendered text as the draft, once the markup is read as what it shows', () => {
    const out = publishDraft(index, 'post.md', { labels: 'keep', links: 'text' }).text;
    const shown: Record<string, string> = {
      'other#^indistinguishable|the other post': 'the other post',
      '#^indist': 'evaluations can be made indistinguishable from deployment, see the other post.',
      other: 'Evaluations can be fixed',
      'other#^indistinguishable': 'Evaluations can be made indistinguishable from deployment.',
      '#^evals-insufficient': 'Behavioural evaluations cannot rule out scheming.',
      'other#^control': 'control protocols already test models under realistic conditions.',
      'nowhere#^gone': 'nowhere#gone',
      'other#^missing|an alias': 'an alias',
    };
    const draftText = renderedText(source.replace(/^---[\s\S]*?---\n/, ''))
      .replace(/!\[\[other#\^control\]\] /, '“control protocols already test models under realistic conditions.” ')
      .replace(/\[\[([^\]]*)\]\]/g, (m, inner: string) => shown[inner] ?? m)
      .replace(/ \^[a-z-]+(?= )/g, (m) => (m === ' ^not-an-id-in-code' || m === ' ^code-id' ? m : ''));
    // The embed alone in its paragraph becomes a quote: rendered, only its quotation marks differ.
    expect(renderedText(out)).toBe(draftText.replace('“control protocols already test models under realistic conditions.”', 'control protocols already test models under realistic conditions.'));
  });
});

// Generated drafts: blocks of prose (with footnotes, math, HTML, code) and elements (every block type and label style),
// each with the post it must become, so the whole output is checked byte for byte.
const TARGET = '---\ntitle: The target\nurl: https://example.org/posts/target\n---\n\nClaim: Targets have words. ^a\n\nSupport: and more words. ^b\n';
const TARGET_TEXT: Record<string, string> = { a: 'Targets have words.', b: 'and more words.' };
const word = fc.constantFrom('risk', 'model', 'oversight', 'é', 'a*b*', '<i>it</i>', '$x^2$', '`[[in code]] ^x`', 'x_y', '&amp;', 'it\'s', '(aside)', 'end.');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

interface Piece {
  source: string;
  /** The expected post for [labels][links]. */
  expected: (labels: LabelMode, links: LinkMode) => string;
  /** Whether it holds markup at all (for the rendered-text check). */
}

const ref = fc.oneof(
  fc.constantFrom('a', 'b').map((id) => ({ src: `[[target#^${id}]]`, text: TARGET_TEXT[id], url: true })),
  fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom('this one', 'that view')).map(([id, alias]) => ({ src: `[[target#^${id}|${alias}]]`, text: alias, url: true })),
  fc.constant({ src: '[[target]]', text: 'The target', url: true }),
  fc.constant({ src: '[[#^base]]', text: 'Base claim.', url: false }),
  fc.constant({ src: '[[nowhere#^gone]]', text: 'nowhere#gone', url: false }),
  fc.constant({ src: '[text of link](target.md#^b)', text: 'text of link', url: true }),
);

function linked(r: { text: string; url: boolean }, links: LinkMode): string {
  return links === 'url' && r.url ? `[${r.text}](https://example.org/posts/target)` : r.text;
}

const labelStyle = fc.constantFrom(
  (w: string) => `${w}:`,
  (w: string) => `**${w}:**`,
  (w: string) => `**${w}**:`,
  (w: string) => `_${w}:_`,
);

const element = fc
  .record({
    block: fc.constantFrom('paragraph', 'list', 'heading', 'quote'),
    label: fc.constantFrom('Objection', 'Support', 'Reply', 'Question', 'Because', 'Rebuttal'),
    style: labelStyle,
    before: words,
    ref: fc.option(ref, { nil: undefined }),
    id: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { nil: undefined }),
  })
  .map(({ block, label, style, before, ref: r, id }, ): Piece => {
    const prefix = block === 'list' ? '- ' : block === 'heading' ? '## ' : block === 'quote' ? '> ' : '';
    const written = style(label);
    const source = `${prefix}${written} ${before}${r ? ` ${r.src}` : ''}${id ? ` ^g${id}` : ''}`;
    return {
      source,
      expected: (labels, links) => {
        const l = labels === 'keep' ? `${written} ` : labels === 'bold' ? `**${label}:** ` : '';
        return `${prefix}${l}${before}${r ? ` ${linked(r, links)}` : ''}`;
      },
    };
  });

const prose = fc
  .record({ text: words, footnote: fc.boolean(), ref: fc.option(ref, { nil: undefined }) })
  .map(({ text, footnote: fn, ref: r }): Piece => ({
    source: `Prose ${text}${fn ? '[^n]' : ''}${r ? ` ${r.src}` : ''}.`,
    expected: (_l, links) => `Prose ${text}${fn ? '[^n]' : ''}${r ? ` ${linked(r, links)}` : ''}.`,
  }));

const fixed = fc.constantFrom<Piece>(
  { source: '```\nObjection: code [[target#^a]] ^code\n```', expected: () => '```\nObjection: code [[target#^a]] ^code\n```' },
  { source: '| a | b |\n|---|---|\n| $x$ | <b>y</b> |', expected: () => '| a | b |\n|---|---|\n| $x$ | <b>y</b> |' },
  { source: '$$\nx^{2}\n$$', expected: () => '$$\nx^{2}\n$$' },
  { source: '<div>Claim: html [[x]]</div>', expected: () => '<div>Claim: html [[x]]</div>' },
  { source: '[^n]: A footnote with [[target#^b|a link]].', expected: (_l, links) => `[^n]: A footnote with ${links === 'url' ? '[a link](https://example.org/posts/target)' : 'a link'}.` },
);

const draft = fc.record({
  pieces: fc.array(fc.oneof(element, element, prose, fixed), { minLength: 1, maxLength: 8 }),
  eol: fc.constantFrom('\n', '\r\n'),
  front: fc.boolean(),
});

function build(pieces: Piece[], eol: string, front: boolean, labels: LabelMode, links: LinkMode) {
  const base: Piece = { source: 'Claim: Base claim. ^base', expected: (l) => `${l === 'keep' ? 'Claim: ' : l === 'bold' ? '**Claim:** ' : ''}Base claim.` };
  const all = [base, ...pieces];
  const head = front ? `---${eol}title: Generated${eol}url: https://example.org/posts/gen${eol}---${eol}${eol}` : '';
  // Ids must be unique in a file: a repeated generated id is made unique by its place.
  let n = 0;
  const source = head + all.map((p) => p.source.replace(/ \^g([a-z0-9-]+)$/, (_, id) => ` ^g${id}-${n++}`)).join(eol + eol).replace(/\n/g, eol).replace(/\r\r/g, '\r') + eol;
  const expected = all.map((p) => p.expected(labels, links)).join(eol + eol).replace(/\n/g, eol).replace(/\r\r/g, '\r') + eol;
  return { source, expected };
}

describe('publishDraft on generated drafts', () => {
  it('gives exactly the expected post: markup replaced, everything else byte for byte', () => {
    fc.assert(
      fc.property(draft, fc.constantFrom<LabelMode>('keep', 'bold', 'drop'), fc.constantFrom<LinkMode>('url', 'text'), ({ pieces, eol, front }, labels, links) => {
        const { source, expected } = build(pieces, eol, front, labels, links);
        const index = indexOf({ 'gen.md': source, 'target.md': TARGET });
        const out = publishDraft(index, 'gen.md', { labels, links });
        expect(out.text).toBe(expected);
        const outside = out.text.replace(/```[\s\S]*?```/g, '').replace(/<div>.*?<\/div>/g, '').replace(/`[^`]*`/g, '');
        expect(outside).not.toMatch(/\s\^[A-Za-z0-9][A-Za-z0-9-]*(\r?\n|$)/);
        expect(outside).not.toContain('[[');
        expect(outside).not.toContain(']]');
        if (labels === 'drop') expect(outside).not.toMatch(/(?:^|\n|> |- |## )(?:\*\*|_)?(?:Claim|Objection|Support|Reply|Question|Because|Rebuttal)(?:\*\*|_)?:/);
        const dangling = (source.match(/\[\[nowhere#\^gone\]\]/g) ?? []).length;
        expect(out.problems.length).toBe(dangling);
      }),
      { numRuns: 300 },
    );
  });

  it('renders (markdown-it with footnotes) to the draft\'s own text, with labels kept and references read as their words', () => {
    fc.assert(
      fc.property(draft, fc.constantFrom<LabelMode>('keep', 'bold'), fc.constantFrom<LinkMode>('url', 'text'), ({ pieces, eol }, labels, links) => {
        const { source } = build(pieces, eol, false, labels, links);
        const index = indexOf({ 'gen.md': source, 'target.md': TARGET });
        const out = publishDraft(index, 'gen.md', { labels, links }).text;
        const words: Record<string, string> = { 'target#^a': TARGET_TEXT.a, 'target#^b': TARGET_TEXT.b, target: 'The target', '#^base': 'Base claim.', 'nowhere#^gone': 'nowhere#gone' };
        // In the draft's rendering the markup is literal text; read it as what it shows, outside code and HTML blocks.
        const parts = md.render(source).split(/(<code>[\s\S]*?<\/code>|<div>[\s\S]*?<\/div>)/);
        const read = parts
          .map((p, i) =>
            i % 2 === 1
              ? p
              : p
                  .replace(/\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (m, link: string, alias?: string) => alias ?? words[link] ?? m)
                  .replace(/ \^[A-Za-z0-9][A-Za-z0-9-]*(?=<\/(?:p|h2|li)>|\n)/g, ''),
          )
          .join('');
        expect(renderedText(out)).toBe(htmlText(read));
      }),
      { numRuns: 200 },
    );
  });
});

describe('publishDraft on arbitrary text', () => {
  const piece = fc.constantFrom('Claim:', '**Objection:**', '_Reply_:', 'Crux:', ' ', ' ', '\n', '\n\n', '\r\n', '- ', '> ', '## ', '```\n', '`', '[[', ']]', '![[', '|', '#^', '^id', ' ^x-1', 'a', 'word', 'target', '[t](target.md#^a)', '<b>', '$', '[^1]', '---\n', 'url: https://e.org/x\n');
  it('never throws, and changes only markup: ids, labels, references, front matter', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (text) => {
        const index = indexOf({ 'gen.md': text, 'target.md': TARGET });
        const r = publishDraft(index, 'gen.md', { labels: 'drop' });
        let rebuilt = '';
        let at = 0;
        for (const e of r.edits) {
          expect(e.start).toBeGreaterThanOrEqual(at);
          rebuilt += text.slice(at, e.start) + e.text;
          at = e.end;
          const slice = text.slice(e.start, e.end);
          if (e.what === 'id') expect(slice).toMatch(/^[ \t]*\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$/);
          if (e.what === 'label') expect(slice).toMatch(/^[*_]*(?:Claim|Objection|Reply|Crux)[*_]*:[*_]*/i);
          if (e.what === 'reference' || e.what === 'embed') expect(slice).toMatch(/^!?\[/);
          if (e.what === 'front-matter') expect(e.start).toBe(0);
        }
        expect(rebuilt + text.slice(at)).toBe(r.text);
      }),
      { numRuns: 500 },
    );
  });
});
