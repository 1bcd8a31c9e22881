/** Seeded, reproducible alignment-style workspaces for the benchmarks: drafts of 3-30 KB, a share of them without any argument markup. */

/** mulberry32: a small seeded PRNG, so every run sees the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'alignment scheming oversight model training reward objective deception interpretability evaluation capability monitor honest policy gradient feature circuit proxy specification generalisation corrigibility agent incentive control protocol red team chain of thought summary evidence argument risk safety research lab deployment'.split(' ');

function sentence(r: () => number, min = 8, max = 22): string {
  const n = min + Math.floor(r() * (max - min));
  const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

/** Puts emphasis on one word of a sentence, as writers do. */
function emphasise(r: () => number, s: string): string {
  const words = s.split(' ');
  const k = Math.floor(r() * words.length);
  words[k] = words[k].endsWith('.') ? `*${words[k].slice(0, -1)}*.` : `*${words[k]}*`;
  return words.join(' ');
}

/** What some sections of a richer draft hold besides: a numbered list, a fenced code block, nested emphasis, a footnote. */
function rich(r: () => number, section: number): string[] {
  const pick = Math.floor(r() * 4);
  if (pick === 0) return [`1. ${sentence(r)}`, `2. ${sentence(r)}`, `3. ${sentence(r)}`, ''];
  if (pick === 1) return ['```python', `def ${WORDS[section % WORDS.length]}(x):`, '    return x * 2  # a toy', '```', ''];
  if (pick === 2) return [`${sentence(r)} This is ***really*** the _${WORDS[section % WORDS.length]}_ point, isn't it?`, ''];
  return [`${sentence(r)}[^${section}]`, '', `[^${section}]: ${sentence(r, 5, 12)}`, ''];
}

/**
 * One draft of about `size` bytes; `markup` false gives plain prose (headings, lists, quotes, web links only).
 * `style` adds what real drafts hold besides: emphasis in the prose, emphasis or code inside argument lines,
 * and (`rich`) numbered lists, code blocks, nested emphasis and footnotes in some sections, which only the
 * full parser reads.
 */
export function draft(r: () => number, index: number, files: number, size: number, markup: boolean, style = { prose: false, elements: false, rich: false }): string {
  const out: string[] = ['---', `title: Draft ${index} on ${WORDS[index % WORDS.length]}`, `topics: [${WORDS[index % 7]}, ${WORDS[(index + 3) % 11]}]`, '---', '', `# Draft ${index}: notes on ${WORDS[index % WORDS.length]}`, ''];
  let section = 0;
  let bytes = 0;
  while (bytes < size) {
    const lines: string[] = [];
    if (markup) {
      lines.push(`## Claim: ${sentence(r)} ^c${section}`, '');
      lines.push(style.prose && r() < 0.5 ? emphasise(r, sentence(r, 30, 60)) : sentence(r, 30, 60), '');
      const support = style.elements && r() < 0.5 ? `${emphasise(r, sentence(r))} See \`${WORDS[section % WORDS.length]}\`.` : sentence(r);
      lines.push(`- Support: ${support}`, `- Objection: ${sentence(r)} ^o${section}`, `  - Reply: ${sentence(r)}`, `- Evidence: ${sentence(r)} #evidence`, '');
      if (r() < 0.4) lines.push(`> Counterpoint: ${sentence(r)}`, '');
      if (r() < 0.5) lines.push(`Crux: ${sentence(r, 5, 10)} [[#^c${section}]] vs [[d${Math.floor(r() * files)}#^c0]]`, '');
      if (r() < 0.3) lines.push(`Question: ${sentence(r)} See [this draft](d${Math.floor(r() * files)}.md#^c0).`, '');
    } else {
      lines.push(`## ${sentence(r, 3, 7)}`, '');
      lines.push(style.prose && r() < 0.5 ? emphasise(r, sentence(r, 40, 90)) : sentence(r, 40, 90), '');
      lines.push(`- ${sentence(r)}`, `- ${sentence(r)}`, `  - ${sentence(r)}`, '');
      if (r() < 0.4) lines.push(`> ${sentence(r, 20, 40)}`, '');
      if (r() < 0.5) lines.push(`See [a paper](https://example.org/${index}/${section}) for the details: ${sentence(r)}`, '');
    }
    if (style.rich && r() < 0.3) lines.push(...rich(r, section));
    const block = lines.join('\n');
    out.push(block);
    bytes += block.length;
    section++;
  }
  return `${out.join('\n')}\n`;
}

/**
 * A workspace of `files` drafts: sizes skewed towards small (3-30 KB, about 5 KB on average), 35 % without markup;
 * 60 % with emphasis in their prose, a third of the marked ones with emphasis and code in argument lines, and
 * 40 % with numbered lists, code blocks, nested emphasis or footnotes here and there.
 */
export function corpus(files: number, seed = 42): Map<string, string> {
  const r = rng(seed);
  const out = new Map<string, string>();
  for (let i = 0; i < files; i++) {
    const size = Math.round(3000 + 27000 * Math.pow(r(), 6));
    const markup = r() >= 0.35;
    const style = { prose: r() < 0.6, elements: r() < 0.33, rich: r() < 0.4 };
    out.set(`d${i}.md`, draft(r, i, files, size, markup, style));
  }
  return out;
}
