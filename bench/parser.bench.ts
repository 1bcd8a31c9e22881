/** Parser benchmark: parseDraft against plain single-thread remark-parse on rich drafts like real posts (MB/s, ratio), and keystrokes in a 200 KB draft. */
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseDraft } from '../extension/core/parse/parse';
import { createDraftParser } from '../extension/core/parse/incremental';
import { log, printJson, results, stats } from './report';
import { rng } from './corpus';

const WORDS = 'the model reward alignment scheming oversight training gradient policy agent values deception evaluation honest mistake capability risk we argue that this is not obviously true because'.split(' ');

/** One rich draft of about `size` characters: what real alignment posts hold, in realistic shares. */
export function richDraft(seed: number, size: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = r();
      if (x < 0.03) out.push(`[a link](https://example.org/${pick(WORDS)}/${i})`);
      else if (x < 0.05) out.push(`[[post-${Math.floor(r() * 50)}#^c${Math.floor(r() * 9)}]]`);
      else if (x < 0.06) out.push(`<sub>${pick(WORDS)}</sub>`);
      else if (x < 0.07) out.push(`<span class="note">${pick(WORDS)}</span>`);
      else if (x < 0.08) out.push(`$x_${i}^2$`);
      else if (x < 0.09) out.push(`[^${i}]`);
      else if (x < 0.11) out.push(`*${pick(WORDS)}*`);
      else if (x < 0.12) out.push(`**${pick(WORDS)}**`);
      else if (x < 0.13) out.push(`\`${pick(WORDS)}\``);
      else out.push(pick(WORDS));
    }
    return out.join(' ') + '.';
  };
  const parts: string[] = ['---', `title: Post ${seed}`, 'topics: [scheming, oversight]', 'aliases: [post alias]', '---', ''];
  let n = 0;
  let len = 0;
  while (len < size) {
    const x = r();
    let block: string;
    if (n % 7 === 0) block = `${'#'.repeat(2 + Math.floor(r() * 2))} ${r() < 0.3 ? 'Claim: ' : ''}${sentence(6)}`;
    else if (x < 0.45) block = sentence(40 + Math.floor(r() * 60));
    else if (x < 0.55) block = `${pick(['Claim', 'Objection', 'Reply', '**Support:**', '_Counterexample:_', 'Question'])}${/[*_]/.test(pick(['a'])) ? '' : ':'} ${sentence(25)}${r() < 0.4 ? ` ^id${n}` : ''}`;
    else if (x < 0.63) block = [`- ${sentence(12)}`, `- Objection: ${sentence(10)}`, `  - Reply: ${sentence(8)}`, `- ${sentence(10)}`].join('\n');
    else if (x < 0.68) block = `> [!note] ${pick(WORDS)}\n> ${sentence(20)}\n>\n> > ${sentence(10)}`;
    else if (x < 0.72) block = `![A long alt text that describes the figure in detail: ${sentence(20)}](https://example.org/fig${n}.png)`;
    else if (x < 0.75) block = `| a | b |\n|---|---|\n| ${pick(WORDS)} | ${pick(WORDS)} |\n| ${sentence(3)} | ${sentence(3)} |`;
    else if (x < 0.78) block = '```python\nfor x in range(10):\n    print(x)\n```';
    else if (x < 0.8) block = `$$\n\\sum_i x_i^2\n$$`;
    else if (x < 0.83) block = `<details><summary>More</summary>\n\n${sentence(20)}\n\n</details>`;
    else if (x < 0.86) block = `[^${n}]: ${sentence(15)}`;
    else if (x < 0.88) block = '---';
    else block = `1. ${sentence(10)}\n2. ${sentence(10)}\n3. ${sentence(10)}`;
    parts.push(block, '');
    len += block.length + 2;
    n++;
  }
  return parts.join('\n');
}

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const remark = unified().use(remarkParse);

function throughput(label: string, texts: string[], runs: number): void {
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  for (const t of texts.slice(0, 5)) parseDraft(t, 'warm.md');
  const ours = stats(Array.from({ length: runs }, () => time(() => texts.forEach((t, i) => parseDraft(t, `d${i}.md`)))));
  const theirs = stats(Array.from({ length: Math.max(1, runs - 2) }, () => time(() => texts.forEach((t) => remark.parse(t)))));
  const mbs = (ms: number) => bytes / 1e6 / (ms / 1000);
  results[`parser-${label}`] = { bytes, parseDraftMs: ours, remarkParseMs: theirs, ratio: ours.median / theirs.median };
  log(
    `${label} (${(bytes / 1e6).toFixed(2)} MB): parseDraft ${ours.median.toFixed(0)} ms (${mbs(ours.median).toFixed(1)} MB/s), ` +
      `remark-parse ${theirs.median.toFixed(0)} ms (${mbs(theirs.median).toFixed(1)} MB/s): ${(ours.median / theirs.median).toFixed(3)} x`,
  );
}

function keystrokes(size: number): void {
  const text = richDraft(99, size);
  const parser = createDraftParser();
  parser(text, 'big.md');
  const remarkMs = stats([0, 1, 2].map(() => time(() => remark.parse(text)))).median;
  const times: number[] = [];
  let current = text;
  const r = rng(5);
  for (let k = 0; k < 60; k++) {
    // A character typed (or a word replaced) somewhere in the middle half of the draft.
    const at = Math.floor(current.length * (0.25 + r() * 0.5));
    current = k % 5 === 4 ? current.slice(0, at) + ' word ' + current.slice(at + 4) : current.slice(0, at) + 'x' + current.slice(at);
    times.push(time(() => parser(current, 'big.md')));
  }
  const s = stats(times.slice(10));
  const sorted = times.slice(10).sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  const full = stats([0, 1, 2, 3, 4].map(() => time(() => parseDraft(current, 'big.md')))).median;
  results[`keystroke-${size}`] = { median: s.median, p95, remarkParseMs: remarkMs, fullParseMs: full, ratio: s.median / remarkMs };
  log(
    `keystroke in a ${(text.length / 1000).toFixed(0)} KB rich draft: median ${s.median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms ` +
      `(p95/median ${(p95 / s.median).toFixed(2)}); full parseDraft ${full.toFixed(1)} ms; remark-parse ${remarkMs.toFixed(0)} ms: ${(s.median / remarkMs).toFixed(3)} x`,
  );
}

const many = Array.from({ length: 60 }, (_, i) => richDraft(i, 5_000 + ((i * 7919) % 60_000)));
throughput('rich drafts x 60', many, 5);
throughput('one 200 KB rich draft', [richDraft(7, 200_000)], 7);
keystrokes(200_000);
keystrokes(10_000);
printJson();
