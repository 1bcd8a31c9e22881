/** The realistic benchmark corpus holds what real posts hold, in their shares, the same for the same seed; Crux Map and remark read it as markdown. */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent } from 'mdast';
import { corpus, realisticCorpus, realisticName } from '../../bench/corpus';
import { parseDraft } from '../../extension/core/parse/parse';

const drafts = realisticCorpus();
const texts = [...drafts.values()];
const share = (test: (t: string) => boolean) => texts.filter(test).length / texts.length;
const withoutFrontMatter = (t: string) => t.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('realistic corpus', () => {
  it('is the same for the same seed and differs for another', () => {
    expect([...realisticCorpus(30, 7)]).toEqual([...realisticCorpus(30, 7)]);
    expect([...realisticCorpus(30, 8).values()]).not.toEqual([...realisticCorpus(30, 7).values()]);
    // The plain corpus is untouched by it.
    expect([...corpus(20)]).toEqual([...corpus(20)]);
  });

  it('has mostly 5-30 KB drafts, some long ones of 50-300 KB, and one of about 200 KB', () => {
    const sizes = texts.map((t) => t.length);
    expect(drafts.size).toBe(180);
    expect(sizes.filter((s) => s >= 4_500 && s <= 33_000).length / sizes.length).toBeGreaterThan(0.85);
    const long = sizes.filter((s) => s >= 50_000);
    expect(long.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...long)).toBeLessThanOrEqual(310_000);
    expect(sizes.some((s) => Math.abs(s - 200_000) < 10_000)).toBe(true);
    const megabytes = sizes.reduce((a, b) => a + b, 0) / 1e6;
    expect(megabytes).toBeGreaterThan(3);
    expect(megabytes).toBeLessThan(5.5);
  });

  it('holds inline HTML in most drafts, and images, embeds, footnotes, math, callouts, tables and rules in some', () => {
    expect(share((t) => /<sub>|<sup>|<span class="|<!-- /.test(t))).toBeGreaterThan(0.6);
    expect(share((t) => /!\[[^\]]{60,}\]\(https:\/\//.test(t))).toBeGreaterThan(0.2);
    expect(share((t) => /!\[\[https:\/\/[^|\]]+\|[^\]]{60,}\]\]/.test(t))).toBeGreaterThan(0.2);
    expect(share((t) => /\[\^\d+\]:/.test(t))).toBeGreaterThan(0.3);
    expect(share((t) => /\$[^$\n]+\$/.test(t) && /^\$\$$/m.test(t))).toBeGreaterThan(0.15);
    expect(share((t) => /^> \[!\w+\]/m.test(t) && /^> > /m.test(t))).toBeGreaterThan(0.03);
    expect(share((t) => /^\|(---\|)+$/m.test(t))).toBeGreaterThan(0.03);
    expect(share((t) => /^<details>$/m.test(t))).toBeGreaterThan(0.02);
    expect(share((t) => /^---$/m.test(withoutFrontMatter(t)))).toBeGreaterThan(0.15);
  });

  it('gives every footnote mark a definition in its draft', () => {
    for (const t of texts) {
      const marks = new Set([...t.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => m[1]));
      const defined = new Set([...t.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => m[1]));
      expect([...marks].filter((m) => !defined.has(m))).toEqual([]);
    }
  });

  it('is link-dense, and its wikilinks and heading links point at drafts and headings that exist', () => {
    const headings = new Map([...drafts].map(([p, t]) => [p.replace(/\.md$/, ''), new Set([...t.matchAll(/^#+ (?:Claim: )?(.*?)(?: \^c\d+)?$/gm)].map((m) => m[1]))]));
    let headingLinks = 0;
    for (const t of texts) {
      for (const [, name, heading] of t.matchAll(/(?<!!)\[\[([^\]#|]+)(?:#([^\]|^]+))?(?:\|[^\]]*)?\]\]/g)) {
        expect(headings.has(name)).toBe(true);
        if (heading !== undefined) {
          headingLinks++;
          expect(headings.get(name)!.has(heading)).toBe(true);
        }
      }
    }
    expect(headingLinks).toBeGreaterThan(100);
    const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
    const links = texts.reduce((n, t) => n + (t.match(/\]\(https:\/\//g)?.length ?? 0), 0);
    // Real posts link every few dozen words.
    expect(words / links).toBeLessThan(60);
    expect(realisticName(3)).toMatch(/^post-3-/);
  });

  it('puts a heading every few blocks (remark reading)', () => {
    const remark = unified().use(remarkParse);
    for (const t of texts.filter((x) => x.length < 30_000).slice(0, 40)) {
      const tree = remark.parse(t) as Root;
      let run = 0;
      let longest = 0;
      for (const node of tree.children as RootContent[]) {
        run = node.type === 'heading' ? 0 : run + 1;
        longest = Math.max(longest, run);
      }
      expect(longest).toBeLessThanOrEqual(16);
      // Inline HTML is read as html nodes inside the paragraphs, not as text.
      if (/<sub>|<span class="/.test(t)) expect(JSON.stringify(tree)).toMatch(/"type":"html","value":"<(sub|span)/);
    }
  });

  it('is mostly unlabelled prose with some labelled elements, bold labels among them, that Crux Map finds', () => {
    const small = [...drafts].filter(([, t]) => t.length < 40_000).slice(0, 80);
    let elements = 0;
    let bold = 0;
    let withElements = 0;
    let bytes = 0;
    for (const [path, text] of small) {
      const d = parseDraft(text, path);
      elements += d.elements.length;
      if (d.elements.length > 0) withElements++;
      const lines = text.split('\n');
      bold += d.elements.filter((e) => lines[e.labelRange.start.line].startsWith('**', e.labelRange.start.character)).length;
      bytes += text.length;
    }
    expect(withElements / small.length).toBeGreaterThan(0.2);
    expect(withElements / small.length).toBeLessThan(0.6);
    expect(bold).toBeGreaterThan(10);
    // Far sparser than the plain corpus, written in the markup: a few elements per 10 KB.
    expect(elements / (bytes / 10_000)).toBeLessThan(5);
    expect(elements).toBeGreaterThan(50);
  });
});

