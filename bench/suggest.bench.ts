/** Suggester benchmark: kind and attachment scores on the annotated development set (bench/suggest/dev, the held-out third in bench/suggest/holdout, bench/suggest/fresh, written after the rules, and bench/suggest/blind, everyday topics; `--suggest-dir=DIR` scores another annotated folder), and the time for a 30 KB draft's suggestions against the time to parse it (`--suggest-posts=DIR`: also on the largest posts in DIR). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseDraft } from '../extension/core/parse/parse';

/** The full remark parse the figures compare with (parseDraftFully went with the remark-based parser): plain remark-parse of the text. */
const remark = unified().use(remarkParse);
const parseDraftFully = (text: string, _path: string) => remark.parse(text);
import { DEFAULT_THRESHOLD, suggestDraft, SuggestMemo } from '../extension/core/suggest/suggest';
import { annotated, evaluate, type Scores } from './suggestEval';
import { realisticCorpus } from './corpus';
import { log, printJson, results, stats } from './report';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(name: string, s: Scores): void {
  log(`${name}: ${s.drafts} drafts, ${s.units} units${s.mismatches.length ? ` (skipped: ${s.mismatches.join('; ')})` : ''}`);
  for (const [k, v] of Object.entries(s.perKind)) log(`  ${k.padEnd(10)} P ${v.precision.toFixed(2)}  R ${v.recall.toFixed(2)}  F1 ${v.f1.toFixed(2)}  (gold ${v.gold}, predicted ${v.predicted})`);
  log(`  kind macro-F1 ${s.macroF1.toFixed(3)}, attachment accuracy ${pct(s.attachment)} (min-confidence 0)`);
  log(`  at the default threshold ${s.threshold}: coverage ${pct(s.coverage)}, precision of what is shown ${pct(s.precisionShown)} (kind and target right: ${pct(s.precisionShownWithTarget)})`);
  const { errors, ...rest } = s;
  results[name] = { ...rest, errors: errors.length };
}

const root = join(process.cwd(), 'bench', 'suggest');
const other = process.argv.find((a) => a.startsWith('--suggest-dir='))?.slice('--suggest-dir='.length);
const dev = annotated(join(root, 'dev'));
const holdout = annotated(join(root, 'holdout'));
const fresh = annotated(join(root, 'fresh'));
const blind = annotated(join(root, 'blind'));
report('dev', evaluate(dev, DEFAULT_THRESHOLD));
report('holdout', evaluate(holdout, DEFAULT_THRESHOLD));
report('fresh', evaluate(fresh, DEFAULT_THRESHOLD));
report('blind', evaluate(blind, DEFAULT_THRESHOLD));
report('all', evaluate([...dev, ...holdout, ...fresh, ...blind], DEFAULT_THRESHOLD));
if (other) report(`dir ${other}`, evaluate(annotated(other), DEFAULT_THRESHOLD));

// A 30 KB draft: the annotated drafts one after another under headings, a third of them with their first block labeled.
let big = '';
for (let k = 0; big.length < 30 * 1024; k++) {
  const d = [...dev, ...holdout][k % (dev.length + holdout.length)];
  const body = d.text.replace(/\r\n?/g, '\n');
  big += `## Part ${k + 1}\n\n${k % 3 === 0 ? body.replace(/^(?!#|>|-)(\S)/m, 'Claim: $1') : body}\n\n`;
}
/**
 * CPU time (of this process, not wall time: on a shared machine waiting for a core is no part of the work) of each
 * function, in interleaved runs so that a busy machine slows all alike, after warm-up runs that leave the JIT done
 * with them (the suggester's many small functions need a few dozen before they run at their steady speed).
 */
function timeInterleaved(fs: (() => unknown)[], warm: number, runs: number): ReturnType<typeof stats>[] {
  const xs: number[][] = fs.map(() => []);
  for (let i = 0; i < warm + runs; i++) {
    fs.forEach((f, k) => {
      const t = process.cpuUsage();
      f();
      const d = process.cpuUsage(t);
      if (i >= warm) xs[k].push((d.user + d.system) / 1000);
    });
  }
  return xs.map(stats);
}
const draft = parseDraft(big, 'big.md');
const [tSuggest, tParse] = timeInterleaved([() => suggestDraft(big, draft), () => parseDraft(big, 'big.md')], 60, 60);
const [tFull] = timeInterleaved([() => parseDraftFully(big, 'big.md')], 3, 10);
const count = suggestDraft(big, draft).length;
log(`30 KB draft (${(big.length / 1024).toFixed(1)} KB, ${draft.elements.length} elements, ${count} suggestions): suggestions ${tSuggest.median.toFixed(2)} ms CPU, parseDraft ${tParse.median.toFixed(2)} ms, full remark parse ${tFull.median.toFixed(2)} ms`);
const ratio = tSuggest.median / tParse.median;
log(`  suggestions / parseDraft = ${ratio.toFixed(3)} x (issue 16's target: <= 0.1 x, ${ratio <= 0.1 ? 'met' : 'not met'}); / full remark parse = ${(tSuggest.median / tFull.median).toFixed(3)} x`);
results.speed = { bytes: big.length, suggestMs: tSuggest, parseMs: tParse, fullParseMs: tFull, ratio: tSuggest.median / tParse.median, ratioFull: tSuggest.median / tFull.median };
// And a realistic one (the benchmark corpus of LessWrong-like posts: inline HTML, footnotes, images, tables, callouts), the one nearest 30 KB.
const real = [...realisticCorpus(60).values()].sort((a, b) => Math.abs(a.length - 30_720) - Math.abs(b.length - 30_720))[0];
const realDraft = parseDraft(real, 'real.md');
const [rSuggest, rParse] = timeInterleaved([() => suggestDraft(real, realDraft), () => parseDraft(real, 'real.md')], 40, 40);
log(`realistic ${(real.length / 1024).toFixed(1)} KB draft (${realDraft.elements.length} elements, ${suggestDraft(real, realDraft).length} suggestions): suggestions ${rSuggest.median.toFixed(2)} ms CPU, parseDraft ${rParse.median.toFixed(2)} ms = ${(rSuggest.median / rParse.median).toFixed(3)} x`);
results.speedRealistic = { bytes: real.length, suggestMs: rSuggest, parseMs: rParse, ratio: rSuggest.median / rParse.median };
// In the editor the suggester runs again on every change, with a memo of the draft's blocks (SuggestMemo): after a word
// replaced mid-draft only the changed block is read again. Each run edits a different word, as typing does.
const afterEdit: Record<string, unknown> = {};
results.afterEdit = afterEdit;
function afterEdits(name: string, text: string): void {
  const mid = text.indexOf(' ', text.length >> 1);
  const edits = Array.from({ length: 100 }, (_, i) => `${text.slice(0, mid)} w${i}${text.slice(mid)}`);
  const parsed = edits.map((t) => parseDraft(t, 'e.md'));
  const memo = new SuggestMemo();
  suggestDraft(text, parseDraft(text, 'e.md'), memo);
  let k = 0;
  let j = 0;
  const [withMemo, without] = timeInterleaved(
    [
      () => {
        const i = k++ % edits.length;
        return suggestDraft(edits[i], parsed[i], memo);
      },
      () => {
        const i = j++ % edits.length;
        return suggestDraft(edits[i], parsed[i]);
      },
    ],
    40,
    60,
  );
  const [parse] = timeInterleaved([() => parseDraft(edits[k++ % edits.length], 'e.md')], 10, 30);
  log(`${name} (${(text.length / 1024).toFixed(1)} KB), after a word replaced mid-draft: suggestions with the editor's memo ${withMemo.median.toFixed(2)} ms CPU, afresh ${without.median.toFixed(2)} ms, parseDraft ${parse.median.toFixed(2)} ms (memo / parseDraft = ${(withMemo.median / parse.median).toFixed(3)} x)`);
  afterEdit[name] = { bytes: text.length, withMemoMs: withMemo, freshMs: without, parseMs: parse, ratio: withMemo.median / parse.median };
}
afterEdits('30 KB draft', big);
afterEdits('realistic draft nearest 200 KB', [...realisticCorpus(180).values()].sort((a, b) => Math.abs(a.length - 200_000) - Math.abs(b.length - 200_000))[0]);
// `--suggest-posts=DIR`: the same on your own posts (the five largest markdown files in DIR; nothing is written there).
const postsDir = process.argv.find((a) => a.startsWith('--suggest-posts='))?.slice('--suggest-posts='.length);
if (postsDir) {
  const posts = readdirSync(postsDir)
    .filter((f) => /\.(md|markdown)$/i.test(f))
    .map((f) => ({ f, size: statSync(join(postsDir, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5);
  let sumSuggest = 0;
  let sumParse = 0;
  const rows: Record<string, unknown>[] = [];
  for (const { f } of posts) {
    const text = readFileSync(join(postsDir, f), 'utf8');
    const d = parseDraft(text, f);
    const [ps, pp] = timeInterleaved([() => suggestDraft(text, d), () => parseDraft(text, f)], 40, 40);
    sumSuggest += ps.median;
    sumParse += pp.median;
    log(`  ${f} (${(text.length / 1024).toFixed(1)} KB, ${suggestDraft(text, d).length} suggestions): suggestions ${ps.median.toFixed(2)} ms CPU, parseDraft ${pp.median.toFixed(2)} ms = ${(ps.median / pp.median).toFixed(3)} x`);
    rows.push({ file: f, bytes: text.length, suggestMs: ps, parseMs: pp, ratio: ps.median / pp.median });
  }
  log(`posts in ${postsDir}: suggestions / parseDraft over the ${posts.length} largest = ${(sumSuggest / sumParse).toFixed(3)} x`);
  results.speedPosts = { dir: postsDir, posts: rows, ratio: sumSuggest / sumParse };
}
printJson();
