/** The markdown preview plugin, with markdown-it directly: the HTML of each construct (labels, ids, wikilinks, embeds, code). */
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { cruxmapPreview, type PreviewPluginOptions } from '../../../extension/core/export/previewPlugin';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import type { Reference } from '../../../extension/core/model';

/** A resolver on a real index, as the extension builds it (relative file links with a #L fragment). */
function indexResolver(index: WorkspaceIndex, from: string): PreviewPluginOptions['resolve'] {
  return (ref) => {
    const zero = { line: 0, character: 0 };
    const r = index.resolveReference(from, { syntax: ref.syntax ?? 'wikilink', target: ref.target, blockId: ref.blockId, range: { start: zero, end: zero }, element: -1 } as Reference);
    if (r.status !== 'ok') return undefined;
    const el = r.elementIndex !== undefined ? index.getDraft(r.file)!.elements[r.elementIndex] : undefined;
    return { href: `${r.file}#L${(el?.range.start.line ?? 0) + 1}`, title: el?.text, text: el?.text };
  };
}

const index = new WorkspaceIndex();
index.setDraft('a.md', '# A\n\nClaim: Alpha holds. ^alpha\n\nObjection: no it does not. ^no\n');
index.setDraft('b.md', 'Reply: [[a#^no]] is wrong.\n');
const md = new MarkdownIt().use(cruxmapPreview, { resolve: indexResolver(index, 'b.md'), labels: () => ({ 'candidate counterexample': 'objection' }) });
const render = (src: string) => md.render(src).trim();

describe('labels become badges', () => {
  it('a plain label in a paragraph', () => {
    expect(render('Objection: it fails.')).toBe('<p><span class="cruxmap-badge cruxmap-kind-objection" title="Crux Map: objection">Objection</span> it fails.</p>');
  });
  it('labels in emphasis, colon inside or outside, any case', () => {
    for (const src of ['**Reply:** yes.', '**Reply**: yes.', '_reply:_ yes.', '*Reply*: yes.']) {
      expect(render(src)).toMatch(/^<p><span class="cruxmap-badge cruxmap-kind-reply" title="Crux Map: reply">[Rr]eply<\/span> yes\.<\/p>$/);
    }
  });
  it('in headings, list items and block quotes, with every kind', () => {
    expect(render('## Claim: Alpha. ^alpha')).toBe('<h2><span class="cruxmap-badge cruxmap-kind-claim" title="Crux Map: claim">Claim</span> Alpha.</h2>');
    expect(render('- Because: reasons.\n  - Question: why?')).toContain('<li><span class="cruxmap-badge cruxmap-kind-support" title="Crux Map: support">Because</span> reasons.');
    expect(render('- Because: reasons.\n  - Question: why?')).toContain('<span class="cruxmap-badge cruxmap-kind-question" title="Crux Map: question">Question</span> why?');
    expect(render('> Crux: which?')).toBe('<blockquote>\n<p><span class="cruxmap-badge cruxmap-kind-crux" title="Crux Map: crux">Crux</span> which?</p>\n</blockquote>');
    expect(render('Counterexample: a case.')).toContain('cruxmap-kind-objection');
  });
  it('workspace label phrases from the options', () => {
    expect(render('Candidate counterexample: a case.')).toContain('<span class="cruxmap-badge cruxmap-kind-objection" title="Crux Map: objection">Candidate counterexample</span> a case.');
  });
  it("the rendered document's own label words, decided when rendering (VS Code parses once, with an empty environment, and caches the tokens)", () => {
    const m = new MarkdownIt().use(cruxmapPreview, { labels: (env) => ((env as { currentDocument?: string }).currentDocument === 'file:///w/a.md' ? { upshot: 'claim' } : undefined) });
    const tokens = m.parse('Upshot: it holds.\n\n**Upshot:** again. Note: prose.\n', {});
    const inA = m.renderer.render(tokens, m.options, { currentDocument: 'file:///w/a.md' });
    const inB = m.renderer.render(tokens, m.options, { currentDocument: 'file:///w/b.md' });
    expect(inA).toBe('<p><span class="cruxmap-badge cruxmap-kind-claim" title="Crux Map: claim">Upshot</span> it holds.</p>\n<p><span class="cruxmap-badge cruxmap-kind-claim" title="Crux Map: claim">Upshot</span> again. Note: prose.</p>\n');
    // Where the words are no label, the text renders exactly as markdown-it renders it alone.
    expect(inB).toBe(new MarkdownIt().render('Upshot: it holds.\n\n**Upshot:** again. Note: prose.\n'));
  });
  it('leaves emphasised words that are no label as markdown-it renders them', () => {
    for (const src of ['**Note:** x', '**Note**: x', '*Note*:  x', '_Note:_ x', '**Note**:', '**Note:**', 'Note:\tx', 'A < b: c & d']) expect(render(src), src).toBe(new MarkdownIt().render(src).trim());
  });
  it('not for words that are no label, not mid-sentence, not in code or HTML', () => {
    expect(render('Note: this is prose.')).toBe('<p>Note: this is prose.</p>');
    expect(render('We say Claim: here.')).toBe('<p>We say Claim: here.</p>');
    expect(render('`Claim: code ^x`')).toBe('<p><code>Claim: code ^x</code></p>');
    expect(render('```\nClaim: fenced ^x\n```')).toBe('<pre><code>Claim: fenced ^x\n</code></pre>');
    expect(render('Claimant: someone.')).toBe('<p>Claimant: someone.</p>');
  });
});

describe('id markers are hidden', () => {
  it('at the end of paragraphs, headings and list items, after text or after a link', () => {
    expect(render('Claim: Alpha holds. ^alpha')).not.toContain('^');
    expect(render('## Heading ^h1')).toBe('<h2>Heading</h2>');
    expect(render('- Support: see [[a#^alpha]] ^s1')).not.toContain('^s1');
    expect(render('Line one\nline two ^last')).toBe('<p>Line one\nline two</p>');
  });
  it('but a caret that is no id marker stays', () => {
    expect(render('2^10 is big')).toBe('<p>2^10 is big</p>');
    expect(render('x ^ y and more')).toBe('<p>x ^ y and more</p>');
  });
});

describe('wikilinks become links to their target', () => {
  it('an element reference links to its file and line, with the alias or the written name', () => {
    expect(render('See [[a#^alpha|the claim]].')).toBe('<p>See <a class="cruxmap-ref" href="a.md#L3" title="Alpha holds.">the claim</a>.</p>');
    expect(render('See [[a#^no]].')).toBe('<p>See <a class="cruxmap-ref" href="a.md#L5" title="no it does not.">a#no</a>.</p>');
  });
  it('a file reference links to the file\'s first line', () => {
    expect(render('[[a]]')).toBe('<p><a class="cruxmap-ref" href="a.md#L1">a</a></p>');
  });
  it('an unknown target is shown broken, never hidden', () => {
    expect(render('[[a#^missing]] and [[nowhere|alias]]')).toBe(
      '<p><span class="cruxmap-ref cruxmap-ref-broken" title="Crux Map: nothing is named a#^missing">a#missing</span> and <span class="cruxmap-ref cruxmap-ref-broken" title="Crux Map: nothing is named nowhere">alias</span></p>',
    );
  });
  it('an embed quotes the element\'s text', () => {
    expect(render('![[a#^alpha]]')).toBe('<p><a class="cruxmap-ref cruxmap-embed" href="a.md#L3" title="Alpha holds.">“Alpha holds.”</a></p>');
  });
  it('an external target is a plain link; text in the alias is escaped', () => {
    expect(render('[[https://example.org/x|<b>site</b>]]')).toBe('<p><a class="cruxmap-ref" href="https://example.org/x">&lt;b&gt;site&lt;/b&gt;</a></p>');
  });
  it('a markdown link to an element points at its line; one to a missing id is marked broken; others are untouched', () => {
    expect(render('[the claim](a.md#^alpha)')).toBe('<p><a href="a.md#L3" class="cruxmap-ref" title="Alpha holds.">the claim</a></p>');
    expect(render('[gone](a.md#^nope)')).toBe('<p><a href="a.md#%5Enope" class="cruxmap-ref cruxmap-ref-broken">gone</a></p>');
    expect(render('[heading](a.md#a) [site](https://x.org/#^y)')).toBe('<p><a href="a.md#a">heading</a> <a href="https://x.org/#%5Ey">site</a></p>');
  });
  it('a javascript: target is no link', () => {
    expect(render('[[javascript:alert(1)|click]]')).toBe('<p><span class="cruxmap-ref cruxmap-ref-broken" title="Crux Map: nothing is named javascript:alert(1)">click</span></p>');
  });
  it('resolves when rendering, with the environment VS Code renders with (it parses with an empty one)', () => {
    const seen: unknown[] = [];
    const m = new MarkdownIt().use(cruxmapPreview, { resolve: (_r, env) => (seen.push(env), { href: 'x.md#L1' }) });
    const tokens = m.parse('[[x]]', {});
    const env = { currentDocument: 'file:///w/b.md' };
    expect(m.renderer.render(tokens, m.options, env)).toContain('href="x.md#L1"');
    expect(seen).toEqual([env]);
  });
  it('a crux line reads as a badge and two links', () => {
    expect(render('Crux: which? [[a#^alpha]] vs [[a#^no]] ^c')).toBe(
      '<p><span class="cruxmap-badge cruxmap-kind-crux" title="Crux Map: crux">Crux</span> which? <a class="cruxmap-ref" href="a.md#L3" title="Alpha holds.">a#alpha</a> vs <a class="cruxmap-ref" href="a.md#L5" title="no it does not.">a#no</a></p>',
    );
  });
  it('without a resolver every reference is broken, and markdown links are untouched', () => {
    const bare = new MarkdownIt().use(cruxmapPreview);
    expect(bare.render('[[a#^alpha]] [text](a.md#^alpha)').trim()).toBe('<p><span class="cruxmap-ref cruxmap-ref-broken" title="Crux Map: nothing is named a#^alpha">a#alpha</span> <a href="a.md#%5Ealpha">text</a></p>');
  });
});

describe('the plugin on arbitrary markdown', () => {
  const piece = fc.constantFrom('a', 'word', ' ', '\n', '\n\n', '- ', '> ', '## ', '```\n', '`', '*', '_', '[x](y.md)', '<b>', '|', ':', 'Note:', '1. ', '\\', '![i](p.png)', '---\n');
  const marked = fc.constantFrom('Claim: ', '**Reply:** ', '[[a#^alpha]]', '![[a#^no]]', ' ^id1', '[[nowhere]]', '[[a|al]]');
  const plain = new MarkdownIt();
  it('changes nothing where there is no markup, and never throws where there is', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (src) => {
        expect(md.render(src)).toBe(plain.render(src));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      // (without backslashes: an escaped bracket, \\[[…]], is literal text on purpose)
      fc.property(fc.array(fc.oneof(piece.filter((p) => p !== '\\'), marked), { maxLength: 30 }).map((p) => p.join('').replace(/(?:[ \t]*\^id1)+/g, ' ^id1')), (src) => {
        const html = md.render(src);
        expect(html).not.toMatch(/\[\[[^\]]*\]\](?![^<]*<\/code>)/);
        expect(html).not.toMatch(/ \^id1(?:<\/p>|<\/h2>|<\/li>)/);
      }),
      { numRuns: 300 },
    );
  });
});
