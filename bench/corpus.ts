/** Seeded, reproducible workspaces for the benchmarks: the plain corpus (alignment-style drafts of 3-30 KB in Crux Map markup, a share without any) and the realistic one (drafts like LessWrong / Alignment Forum posts). */

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

// ---------------------------------------------------------------------------------------------------------
// The realistic corpus: drafts that look like LessWrong / Alignment Forum posts rather than like Crux Map's
// own markup. Everything below is this project's own invented text; the shares come from a look at public posts.

/** A wider vocabulary than WORDS, with the short function words real prose is mostly made of. */
const PROSE = (
  'the the the of of and and to to a a in in is is that that it for as with be on this are not by we or ' +
  'but can an if more would which they than their what about so one there could model models training ' +
  'alignment agent agents policy reward values humans human AI systems system behaviour goals goal oversight ' +
  'deceptive deception scheming evaluation evaluations capabilities capability research researchers lab labs ' +
  'interpretability features feature circuits circuit gradient descent optimisation optimizer mesa inner outer ' +
  'objective objectives proxy specification generalise generalisation distribution shift situational awareness ' +
  'corrigible corrigibility control protocol monitor monitoring red team chain thought reasoning evidence argument ' +
  'risk risks safety deployment takeoff timelines compute scaling data pretraining fine-tuning RLHF preference ' +
  'honest honesty sycophancy power-seeking instrumental convergence world case cases example examples claim ' +
  'probably seems likely unlikely roughly basically important point points view think believe expect argue ' +
  'different similar simple hard easy general specific strong weak large small early late first second'
).split(' ');

const ALT = 'a diagram of the training loop with the reward model in the middle and arrows from the policy to the evaluator showing where oversight breaks down under distribution shift and how the proxy objective diverges'.split(' ');

/** A stable 32-bit hash, so headings can be named from (draft, section) alone and links can point at real ones. */
function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The heading of section `s` of realistic draft `i` (so `[[name#heading]]` from another draft finds it). */
export function realisticHeading(i: number, s: number): string {
  const h = hash(i, s);
  const n = 2 + (h % 5);
  const words = Array.from({ length: n }, (_, k) => PROSE[hash(h, k) % PROSE.length]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(' ');
}

/** The file name (without `.md`) of realistic draft `i`. */
export function realisticName(i: number): string {
  return `post-${i}-${PROSE[hash(i, 999) % PROSE.length].replace(/\W/g, '')}`;
}

interface Features {
  html: boolean;
  math: boolean;
  footnotes: boolean;
  images: boolean;
  tables: boolean;
  callouts: boolean;
  code: boolean;
  labels: boolean;
  boldLabels: boolean;
  rules: boolean;
  details: boolean;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const upper = (s: string) => s[0].toUpperCase() + s.slice(1);
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const base62 = (r: () => number, n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(r() * 62)]).join('');

/** What a writer puts in prose: links to posts and papers, wikilinks, emphasis, math, footnote marks, small HTML. */
class Prose {
  footnotes: number[] = [];
  private nextFootnote = 1;
  constructor(
    private readonly r: () => number,
    private readonly i: number,
    private readonly files: number,
    private readonly f: Features,
  ) {}

  private word(): string {
    return pick(this.r, PROSE);
  }

  private words(n: number): string {
    return Array.from({ length: n }, () => this.word()).join(' ');
  }

  /** One inline construct, chosen with the weights of a link-dense post. */
  private inline(): string {
    const r = this.r;
    const x = r();
    const other = Math.floor(r() * this.files);
    if (x < 0.22) return `[${this.words(1 + Math.floor(r() * 4))}](https://www.lesswrong.com/posts/${base62(r, 17)}/${this.words(3).replace(/\W+/g, '-')})`;
    if (x < 0.3) return `[${this.words(2)}](https://arxiv.org/abs/${2000 + Math.floor(r() * 500)}.${10000 + Math.floor(r() * 89999)})`;
    if (x < 0.37) return `[[${realisticName(other)}]]`;
    if (x < 0.42) return `[[${realisticName(other)}#${realisticHeading(other, 0)}]]`;
    if (x < 0.45) return `[[${realisticName(other)}|${this.words(2)}]]`;
    if (x < 0.55) return `*${this.words(1 + Math.floor(r() * 3))}*`;
    if (x < 0.62) return `**${this.words(1 + Math.floor(r() * 3))}**`;
    if (x < 0.65) return `\`${this.word()}_${this.word()}\``;
    if (x < 0.75 && this.f.math) return pick(r, ['$\\pi_\\theta$', '$R(s, a)$', '$p(x \\mid y) > 0.5$', '$\\mathbb{E}[U]$', '$O(n^2)$', '$\\lambda \\to 0$', '$f^{-1}$']);
    if (x < 0.85 && this.f.html) return pick(r, [`x<sub>${Math.floor(r() * 9)}</sub>`, `10<sup>${Math.floor(r() * 30)}</sup>`, `<span class="${pick(r, ['mjx-char', 'footnote-ref', 'highlight', 'ql-size-small'])}">${this.words(2)}</span>`, `<!-- ${this.words(4)} -->`, `<em>${this.word()}</em>`, '<br>']);
    if (this.f.footnotes && r() < 0.3 && this.footnotes.length < 40) {
      const n = this.nextFootnote++;
      this.footnotes.push(n);
      return `${this.word()}[^${n}]`;
    }
    return this.words(2);
  }

  /** A sentence of 6-30 words with an inline construct now and then. */
  sentence(density = 0.12): string {
    const r = this.r;
    const n = 6 + Math.floor(r() * r() * 25);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(r() < density ? this.inline() : this.word());
    if (r() < 0.15) parts.splice(Math.floor(r() * parts.length), 0, pick(r, ['(e.g.', '(i.e.', '—', '-', 'so,', "isn't", "doesn't", '"roughly"', 'etc.)']));
    return `${upper(parts.join(' '))}${pick(r, ['.', '.', '.', '.', '?', ':', '!'])}`;
  }

  paragraph(min = 2, max = 8, density = 0.12): string {
    const n = min + Math.floor(this.r() * (max - min));
    return Array.from({ length: n }, () => this.sentence(density)).join(' ');
  }

  /** Alt text as long as real figures' descriptions. */
  alt(): string {
    const start = Math.floor(this.r() * 10);
    return upper(ALT.slice(start, start + 10 + Math.floor(this.r() * 25)).join(' '));
  }

  imageUrl(): string {
    const r = this.r;
    return r() < 0.6
      ? `https://res.cloudinary.com/lesswrong-2-0/image/upload/f_auto,q_auto/v1/mirroredImages/${base62(r, 17)}/${hex(r, 20)}.png`
      : `https://39669.cdn.cke-cs.com/rQvD3VnunXZu34m86e5f/images/${hex(r, 40)}.png/w_${400 + Math.floor(r() * 1200)}`;
  }
}

/** The labels a labelled element gets, weighted as writers use them (bold labels mostly in prose). */
const LABELS = ['Claim', 'Objection', 'Objection', 'Reply', 'Support', 'Evidence', 'Question', 'Crux', 'Counterpoint', 'Counterexample', 'Rebuttal', 'Premise', 'Thesis', 'Response'];

/**
 * One realistic draft of about `size` bytes: front matter, a title, sections under a heading every few
 * paragraphs, prose dense with links, and the block constructs `f` turns on; labelled elements
 * (plain, bold, in lists, in quotes, as headings) among mostly unlabelled prose when `f.labels` is set.
 */
export function realisticDraft(r: () => number, i: number, files: number, size: number, f: Features): string {
  const p = new Prose(r, i, files, f);
  const out: string[] = [];
  if (r() < 0.85) {
    out.push('---', `title: "${upper(p.sentence(0).slice(0, -1).slice(0, 70))}"`);
    if (r() < 0.7) out.push(`topics: [${pick(r, PROSE)}, ${pick(r, ['ai-risk', 'interpretability', 'inner-alignment', 'ai-control', 'forecasting'])}]`);
    if (r() < 0.5) out.push(`date: 2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`);
    if (r() < 0.1) out.push(`aliases: [${realisticName(i).replace(/-/g, ' ')}]`);
    out.push('---', '');
  }
  if (r() < 0.5) out.push(`# ${realisticHeading(i, 100)}`, '');
  if (r() < 0.4) out.push(`*${p.sentence()}*`, '');
  let bytes = out.join('\n').length;
  let section = 0;
  let claims = 0;
  const label = () => pick(r, LABELS);
  const labelled = (l: string, text: string) => (f.boldLabels && r() < 0.6 ? `**${l}:** ${text}` : `${l}: ${text}`);
  // The footnote definitions at the end take about 280 bytes each.
  while (bytes + p.footnotes.length * 280 < size) {
    const lines: string[] = [];
    const heading = realisticHeading(i, section);
    const level = section === 0 || r() < 0.6 ? '##' : '###';
    if (f.labels && r() < 0.12) lines.push(`${level} Claim: ${heading} ^c${claims++}`, '');
    else lines.push(`${level} ${heading}`, '');
    const blocks = 2 + Math.floor(r() * 5);
    for (let b = 0; b < blocks; b++) {
      const x = r();
      if (f.labels && x < 0.1) {
        // A labelled element among the prose, sometimes answered.
        const l = label();
        if (l === 'Crux') lines.push(`${f.boldLabels ? '**Crux:**' : 'Crux:'} ${p.sentence()} [[#^c${Math.floor(r() * Math.max(claims, 1))}]] vs [[${realisticName(Math.floor(r() * files))}#^c0]]`, '');
        else lines.push(`${labelled(l, p.paragraph(1, 4))}${l === 'Claim' ? ` ^c${claims++}` : ''}`, '');
        if (r() < 0.4) lines.push(labelled(pick(r, ['Reply', 'Rebuttal', 'Response']), p.paragraph(1, 3)), '');
      } else if (x < 0.2) {
        const ordered = r() < 0.3;
        const n = 2 + Math.floor(r() * 6);
        for (let k = 0; k < n; k++) {
          const text = f.labels && r() < 0.15 ? labelled(label(), p.sentence()) : p.sentence();
          lines.push(`${ordered ? `${k + 1}.` : '-'} ${text}`);
          if (r() < 0.25) lines.push(`${ordered ? '   ' : '  '}- ${p.sentence()}`);
        }
        lines.push('');
      } else if (x < 0.26) {
        lines.push(`> ${f.labels && r() < 0.2 ? labelled('Counterpoint', p.sentence()) : p.paragraph(1, 4)}`);
        if (r() < 0.4) lines.push('>', `> ${p.paragraph(1, 3)}`);
        lines.push('');
      } else if (x < 0.31 && f.callouts) {
        lines.push(`> [!${pick(r, ['note', 'tip', 'warning', 'quote', 'summary'])}]${r() < 0.5 ? ` ${realisticHeading(i, section + 50)}` : ''}`, `> ${p.paragraph(1, 3)}`);
        if (r() < 0.5) lines.push('>', `> > ${f.labels && r() < 0.3 ? labelled('Objection', p.sentence()) : p.sentence()}`, '> >', `> > ${p.sentence()}`);
        lines.push('');
      } else if (x < 0.36 && f.images) {
        lines.push(r() < 0.5 ? `![${p.alt()}](${p.imageUrl()})` : `![[${p.imageUrl()}|${p.alt()}]]`, '');
        if (r() < 0.5) lines.push(`*${p.sentence(0.05)}*`, '');
      } else if (x < 0.39 && f.math) {
        lines.push('$$', pick(r, ['\\mathbb{E}_{x \\sim D}\\left[\\log \\pi_\\theta(y \\mid x)\\right] - \\beta\\, \\mathrm{KL}(\\pi_\\theta \\,\\|\\, \\pi_0)', 'U(a) = \\sum_{s} p(s \\mid a) \\, u(s)', 'P(\\text{doom}) \\approx 1 - \\prod_i (1 - p_i)']), '$$', '');
      } else if (x < 0.41 && f.tables) {
        const cols = 2 + Math.floor(r() * 3);
        lines.push(`| ${Array.from({ length: cols }, () => upper(pick(r, PROSE))).join(' | ')} |`, `|${'---|'.repeat(cols)}`);
        for (let k = 0, n = 2 + Math.floor(r() * 6); k < n; k++) lines.push(`| ${Array.from({ length: cols }, () => (r() < 0.5 ? `${Math.floor(r() * 100)}%` : p.sentence(0.05).slice(0, 40))).join(' | ')} |`);
        lines.push('');
      } else if (x < 0.43 && f.code) {
        lines.push('```python', `def ${pick(r, PROSE).replace(/\W/g, '_')}_score(policy, batch):`, '    # a toy, not the real thing', '    return sum(policy(x) for x in batch) / len(batch)', '```', '');
      } else if (x < 0.45 && f.details) {
        lines.push('<details>', `<summary>${p.sentence(0)}</summary>`, '', p.paragraph(2, 5), '', '</details>', '');
      } else if (x < 0.47 && f.html) {
        lines.push(`<div class="${pick(r, ['spoiler', 'detailsBlock', 'table'])}">`, `<p>${p.sentence(0)}</p>`, '</div>', '');
      } else {
        lines.push(p.paragraph(), '');
      }
    }
    if (f.rules && r() < 0.25) lines.push('---', '');
    const block = lines.join('\n');
    out.push(block);
    bytes += block.length + 1;
    section++;
  }
  if (p.footnotes.length > 0) {
    out.push('');
    for (const n of p.footnotes) {
      out.push(`[^${n}]: ${p.paragraph(1, 3, 0.08)}`);
      if (r() < 0.15) out.push('', `    ${p.paragraph(1, 2, 0.05)}`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A realistic workspace of `files` drafts (default 180, about 3.3 MB, the size of a writer's archive): most
 * drafts 5-30 KB, one in sixteen 50-300 KB, draft 1 about 200 KB (so a 200 KB draft is always there
 * to measure keystrokes in) and draft 2 about 290 KB. Inline HTML in three of four, footnotes, images and embeds, math, callouts,
 * tables, code, `<details>`, rules in their realistic shares; two in five hold labelled elements among
 * their prose, half of those with bold labels.
 */
export function realisticCorpus(files = 180, seed = 1729): Map<string, string> {
  const r = rng(seed);
  const out = new Map<string, string>();
  for (let i = 0; i < files; i++) {
    const long = r() < 1 / 16;
    const size = i === 1 ? 200_000 : i === 2 ? 290_000 : long ? Math.round(50_000 + 250_000 * r() * r()) : Math.round(5_000 + 25_000 * r() * r());
    const labels = r() < 0.4;
    const f: Features = {
      html: r() < 0.75,
      math: r() < 0.3,
      footnotes: r() < 0.45,
      images: r() < 0.55,
      tables: r() < 0.15,
      callouts: r() < 0.2,
      code: r() < 0.1,
      labels,
      boldLabels: labels && r() < 0.5,
      rules: r() < 0.35,
      details: r() < 0.1,
    };
    out.set(`${realisticName(i)}.md`, realisticDraft(r, i, files, size, f));
  }
  return out;
}
