/** Suggester benchmark: kind and attachment scores on the annotated development set (bench/suggest/dev, the held-out third in bench/suggest/holdout, and bench/suggest/fresh, written after the rules; `--suggest-dir=DIR` scores another annotated folder), and the time for a 30 KB draft's suggestions against the time to parse it. */
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseDraft } from '../extension/core/parse/parse';

/** The full remark parse the figures compare with (parseDraftFully went with the remark-based parser): plain remark-parse of the text. */
const remark = unified().use(remarkParse);
const parseDraftFully = (text: string, _path: string) => remark.parse(text);
import { DEFAULT_THRESHOLD, suggestDraft } from '../extension/core/suggest/suggest';
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
report('dev', evaluate(dev, DEFAULT_THRESHOLD));
report('holdout', evaluate(holdout, DEFAULT_THRESHOLD));
report('fresh', evaluate(fresh, DEFAULT_THRESHOLD));
report('all', evaluate([...dev, ...holdout, ...fresh], DEFAULT_THRESHOLD));
if (other) report(`dir ${other}`, evaluate(annotated(other), DEFAULT_THRESHOLD));

// A 30 KB draft: the annotated drafts one after another under headings, a third of them with their first block labeled.
let big = '';
for (let k = 0; big.length < 30 * 1024; k++) {
  const d = [...dev, ...holdout][k % (dev.length + holdout.length)];
  const body = d.text.replace(/\r\n?/g, '\n');
  big += `## Part ${k + 1}\n\n${k % 3 === 0 ? body.replace(/^(?!#|>|-)(\S)/m, 'Claim: $1') : body}\n\n`;
}
// Interleaved runs, so that a busy machine slows both alike.
const draft = parseDraft(big, 'big.md');
for (let i = 0; i < 5; i++) {
  suggestDraft(big, draft);
  parseDraft(big, 'big.md');
  parseDraftFully(big, 'big.md');
}
const xs: number[][] = [[], [], []];
for (let i = 0; i < 30; i++) {
  const fs = [() => suggestDraft(big, draft), () => parseDraft(big, 'big.md'), () => parseDraftFully(big, 'big.md')];
  fs.forEach((f, k) => {
    // CPU time of this process, not wall time: on a shared machine waiting for a core is no part of the work.
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    xs[k].push((d.user + d.system) / 1000);
  });
}
const [tSuggest, tParse, tFull] = xs.map(stats);
const count = suggestDraft(big, draft).length;
log(`30 KB draft (${(big.length / 1024).toFixed(1)} KB, ${draft.elements.length} elements, ${count} suggestions): suggestions ${tSuggest.median.toFixed(2)} ms CPU, parseDraft ${tParse.median.toFixed(2)} ms, full remark parse ${tFull.median.toFixed(2)} ms`);
log(`  suggestions / parseDraft = ${(tSuggest.median / tParse.median).toFixed(3)} x; / full parse = ${(tSuggest.median / tFull.median).toFixed(3)} x (target <= 0.1 x)`);
results.speed = { bytes: big.length, suggestMs: tSuggest, parseMs: tParse, fullParseMs: tFull, ratio: tSuggest.median / tParse.median, ratioFull: tSuggest.median / tFull.median };
// And a realistic one (the benchmark corpus of LessWrong-like posts: inline HTML, footnotes, images, tables, callouts), the one nearest 30 KB.
const real = [...realisticCorpus(60).values()].sort((a, b) => Math.abs(a.length - 30_720) - Math.abs(b.length - 30_720))[0];
const realDraft = parseDraft(real, 'real.md');
const ys: number[][] = [[], []];
for (let i = 0; i < 35; i++) {
  [() => suggestDraft(real, realDraft), () => parseDraft(real, 'real.md')].forEach((f, k) => {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    if (i >= 5) ys[k].push((d.user + d.system) / 1000);
  });
}
const [rSuggest, rParse] = ys.map(stats);
log(`realistic ${(real.length / 1024).toFixed(1)} KB draft (${realDraft.elements.length} elements, ${suggestDraft(real, realDraft).length} suggestions): suggestions ${rSuggest.median.toFixed(2)} ms CPU, parseDraft ${rParse.median.toFixed(2)} ms = ${(rSuggest.median / rParse.median).toFixed(3)} x`);
results.speedRealistic = { bytes: real.length, suggestMs: rSuggest, parseMs: rParse, ratio: rSuggest.median / rParse.median };
printJson();
