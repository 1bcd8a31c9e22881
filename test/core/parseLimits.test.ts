/**
 * The parser on inputs that broke it (issue 14): deep nesting neither throws nor empties a file, ordinary shapes
 * repeated 20,000 times parse (in linear time: before the fixes these ran for many seconds and time out here),
 * entities, empty first headings, U+2028 in headings, and YAML warnings that never reach the console.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDraft } from '../../extension/core/parse/parse';
import { MAX_BLOCK_LEVEL } from '../../extension/core/parse/markdown';

describe('deep nesting', () => {
  it("parseDraft('> '.repeat(5000) + 'x\\n# H') does not throw and reads the heading", () => {
    const d = parseDraft('> '.repeat(5000) + 'x\n# H', 'a.md');
    expect(d.title).toBe('H');
  });
  for (const [name, marker] of [
    ['quote', '> '],
    ['list', '- '],
    ['ordered list', '1. '],
    ['mixed', '> - '],
  ] as const) {
    it(`a 10,000-deep ${name} keeps every other block's elements and says too-deep`, () => {
      const before = Array.from({ length: 100 }, (_, i) => `Claim: before ${i} ^b${i}`).join('\n\n');
      const after = Array.from({ length: 100 }, (_, i) => `- Objection: after ${i}`).join('\n');
      const text = `${before}\n\n${marker.repeat(10_000)}Claim: deep [[x#^y]]\n\n## Claim: a heading after\n\n${after}\n`;
      const d = parseDraft(text, 'a.md');
      expect(d.elements.filter((e) => e.text.startsWith('before ')).length).toBe(100);
      expect(d.elements.filter((e) => e.text.startsWith('after ')).length).toBe(100);
      expect(d.elements.some((e) => e.text === 'a heading after' && e.block === 'heading')).toBe(true);
      // Past the cap the block is plain text: no element and no reference from it.
      expect(d.elements.some((e) => e.text.includes('deep'))).toBe(false);
      expect(d.references).toEqual([]);
      const deep = d.diagnostics.filter((x) => x.code === 'too-deep');
      expect(deep.length).toBe(1);
      expect(deep[0].severity).toBe('info');
      expect(deep[0].range.start.line).toBe(200);
    });
  }
  it('nesting within the cap is read as usual', () => {
    const depth = Math.floor(MAX_BLOCK_LEVEL / 2) - 2;
    const d = parseDraft(`${'> '.repeat(depth)}Claim: deep but fine`, 'a.md');
    expect(d.elements.map((e) => e.text)).toEqual(['deep but fine']);
    expect(d.diagnostics).toEqual([]);
  });
  it('a 10,000-deep image or link nesting does not throw', () => {
    expect(() => parseDraft('Claim: ' + '!['.repeat(10_000) + 'x' + '](y)'.repeat(10_000), 'a.md')).not.toThrow();
    expect(() => parseDraft('Claim: ' + '['.repeat(10_000) + 'x' + '](y.md)'.repeat(10_000), 'a.md')).not.toThrow();
    expect(() => parseDraft('Claim: ' + '*'.repeat(10_000) + 'x' + '*'.repeat(10_000), 'a.md')).not.toThrow();
  });
});

describe('ordinary shapes, 20,000 times (linear time)', () => {
  it('20,000 paragraphs `Claim: same` get same, same-2 ... same-20000 (collisions in O(1) amortised)', () => {
    const d = parseDraft('Claim: same\n\n'.repeat(20_000), 'a.md');
    expect(d.elements.length).toBe(20_000);
    expect(d.elements[0].localId).toBe('same');
    expect(d.elements[19_999].localId).toBe('same-20000');
    expect(new Set(d.elements.map((e) => e.localId)).size).toBe(20_000);
  });
  it('implicit ids skip suffixes taken by explicit ids, in any order', () => {
    const d = parseDraft('Claim: same\n\nClaim: x ^same-2\n\nClaim: same\n\nClaim: same\n\nClaim: y ^same-4\n\nClaim: same', 'a.md');
    expect(d.elements.map((e) => e.localId)).toEqual(['same', 'same-2', 'same-3', 'same-5', 'same-4', 'same-6']);
  });
  it('20,000 claims without ids (no scan back to the file start for a `^`)', () => {
    const d = parseDraft(Array.from({ length: 20_000 }, (_, i) => `Claim: number ${i}`).join('\n\n'), 'a.md');
    expect(d.elements.length).toBe(20_000);
    expect(d.elements.every((e) => !e.explicitId)).toBe(true);
  });
  it('20,000 objections and no claim: rule 3 finds none (no backward scan per element)', () => {
    const d = parseDraft('Objection: o\n\n'.repeat(20_000), 'a.md');
    expect(d.elements.length).toBe(20_000);
    expect(d.elements.every((e) => e.structuralTarget === -1)).toBe(true);
  });
  it('rule 3 still finds the nearest fitting element across many others', () => {
    const d = parseDraft(['Claim: c', ...Array(5000).fill('Question: q'), 'Objection: o', ...Array(5000).fill('Support: s'), 'Reply: r'].join('\n\n'), 'a.md');
    const last = d.elements[d.elements.length - 1];
    expect(d.elements[last.structuralTarget].kind).toBe('objection');
    expect(d.elements[5001].structuralTarget).toBe(0);
  });
  it('20,000 reference definitions, one after another', () => {
    const defs = Array.from({ length: 20_000 }, (_, i) => `[l${i}]: u${i}.md`).join('\n');
    const d = parseDraft(`${defs}\n\nClaim: see [x][l19999] and [[w#^v]]`, 'a.md');
    expect(d.elements.length).toBe(1);
    expect(d.references.length).toBe(1);
  });
});

describe('smaller things', () => {
  it('words that name properties of objects are no labels', () => {
    const d = parseDraft('Constructor: x\n\ntoString: y\n\n__proto__: z\n\nvalueOf: w\n\nClaim: c', 'a.md', { labels: { upshot: 'claim' } });
    expect(d.elements.map((e) => e.kind)).toEqual(['claim']);
  });
  it('reads `&#xe9;` as é, in a title and in element text', () => {
    expect(parseDraft('# Caf&#xe9;\n\nprose', 'a.md').title).toBe('Café');
    expect(parseDraft('Claim: caf&#xe9; &amp; cr&egrave;me', 'a.md').elements[0].text).toBe('café & crème');
  });
  it('an empty first heading leaves the title to the first heading with text', () => {
    expect(parseDraft('#\n\nSome prose.\n\n# Real title\n', 'dir/file.md').title).toBe('Real title');
    expect(parseDraft('#   \n\n## ^id\n\n## Second\n', 'dir/file.md').title).toBe('Second');
    expect(parseDraft('#\n\nno heading with text', 'dir/file.md').title).toBe('file');
    expect(parseDraft('---\ntitle: From front matter\n---\n# Heading\n', 'dir/file.md').title).toBe('From front matter');
  });
  it('a heading line holding U+2028 is one heading, not cut there', () => {
    const d = parseDraft('# Claim: one\u2028two ^h\n\nReply: r', 'a.md');
    expect(d.title).toBe('Claim: one\u2028two');
    expect(d.elements[0].text).toBe('one\u2028two');
    expect(d.elements[0].localId).toBe('h');
    expect(d.elements[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 19 } });
  });
  describe('YAML warnings', () => {
    afterEach(() => vi.restoreAllMocks());
    it('never reach stderr or the console', () => {
      const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const d = parseDraft('---\ntitle: *Claim*: x\ntopics: [a]\nother: *b:\n---\nClaim: c', 'a.md');
      expect(d.elements.length).toBe(1);
      parseDraft('---\na: &x 1\nb: *x:\n---\n', 'b.md');
      expect(emit).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    });
  });
});

describe('front matter the yaml library would take long over', () => {
  it('a 1 MB front matter of chained anchors still gives its title and the element after it', () => {
    let yaml = 'title: T\ntopics: [a, b]\n';
    for (let i = 0; yaml.length < 1_000_000; i++) yaml += `k${i}: &a${i} [x, *a${i > 0 ? i - 1 : 0}]\n`;
    const d = parseDraft(`---\n${yaml}---\nClaim: after the front matter ^fm\n`, 'a.md');
    expect(d.title).toBe('T');
    expect(d.topics).toEqual(['a', 'b']);
    expect(d.elements.map((e) => e.localId)).toEqual(['fm']);
  });
  it('only the entries Crux Map reads are turned into values (aliases followed once)', () => {
    const d = parseDraft('---\nname: &n Scheming first\ntitle: *n\ntopics: [x, *n]\naliases: one\nother: {deep: [1, 2]}\n---\n', 'a.md');
    expect(d.title).toBe('Scheming first');
    expect(d.topics).toEqual(['x', 'Scheming first']);
    expect(d.aliases).toEqual(['one']);
  });
});
