/**
 * Hardening benchmark (issue 14): each pathological shape of bench/pathological.ts parsed at 100 KB
 * and 1 MB (after a 10 KB probe), each size in a fresh process with a time limit: the parse time,
 * the growth exponent between the sizes, and the largest heap. Targets: at most 2 s per MB at 1 MB
 * and an exponent of at most 1.2. `ROBUST_ONLY=a,b` picks shapes; `ROBUST_TIMEOUT_MS` sets the limit.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseDraft } from '../extension/core/parse/parse';
import { PATTERNS, patternNamed } from './pathological';
import { log, ms, printJson, results, stats } from './report';

const SIZES = [10_000, 100_000, 1_000_000];
const TIMEOUT_MS = Number(process.env.ROBUST_TIMEOUT_MS ?? 30_000);
const MB = 1024 * 1024;

/** What one child measured. */
interface Measure {
  bytes: number;
  /** Median parse time (ms). */
  ms?: number;
  runs?: number;
  /** The process's peak resident memory and the heap in use with the draft held (MB). */
  peakRssMb?: number;
  heapMb?: number;
  elements?: number;
  error?: string;
  timedOut?: boolean;
}

/** In a child: parse one shape at one size (warmed up on a small one first) and print what it cost. */
function child(name: string, bytes: number): void {
  const p = patternNamed(name)!;
  const text = p.make(bytes);
  const out: Measure = { bytes: text.length };
  try {
    parseDraft(p.make(2_000), 'warm.md');
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const times: number[] = [];
    let kept;
    // Three runs for a median when a run is quick; a slow one is measured once (the limit is for all).
    for (let r = 0; r < 3 && (r === 0 || times[0] < 1000); r++) {
      const t0 = performance.now();
      kept = parseDraft(text, 'pathological.md');
      times.push(performance.now() - t0);
    }
    const runs = times.length;
    gc?.();
    out.ms = stats(times).median;
    out.runs = runs;
    out.elements = kept?.elements.length;
    out.heapMb = process.memoryUsage().heapUsed / MB;
  } catch (e) {
    out.error = String(e).slice(0, 120);
  }
  // ru_maxrss is in kilobytes on Linux.
  out.peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out));
}

function measure(name: string, bytes: number): Measure {
  const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--robust-child', name, String(bytes)], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1 << 20 });
  if (r.error || r.signal) return { bytes, timedOut: true };
  try {
    return JSON.parse(r.stdout) as Measure;
  } catch {
    return { bytes, error: (r.stderr || 'no answer').trim().split('\n').slice(-1)[0].slice(0, 120) };
  }
}

/** Growth exponent between two measures: log(t2/t1) / log(n2/n1). */
function exponent(a: Measure | undefined, b: Measure | undefined): number | undefined {
  if (a?.ms === undefined || b?.ms === undefined || a.ms <= 0) return undefined;
  return Math.log(b.ms / a.ms) / Math.log(b.bytes / a.bytes);
}

function shown(m: Measure | undefined): string {
  if (!m) return 'not run';
  if (m.timedOut) return `> ${TIMEOUT_MS / 1000} s (stopped)`;
  if (m.error) return `fails: ${m.error}`;
  return ms(m.ms!);
}

function main(): void {
  const only = process.env.ROBUST_ONLY?.split(',');
  const patterns = PATTERNS.filter((p) => !only || only.includes(p.name));
  let largest = { mb: 0, name: '' };
  let over = 0;
  log(`each size in a fresh process, stopped after ${TIMEOUT_MS / 1000} s; targets: <= 2 s per MB at 1 MB, growth exponent <= 1.2 (100 KB -> 1 MB)`);
  for (const p of patterns) {
    const by = new Map<number, Measure>();
    for (const bytes of SIZES) {
      const before = by.get(bytes / 10);
      // A size ten times larger than one that took over a tenth of the limit would only hit the limit.
      if (before && (before.timedOut || before.error || (before.ms ?? 0) * 10 > TIMEOUT_MS)) break;
      by.set(bytes, measure(p.name, bytes));
    }
    const [k10, k100, m1] = SIZES.map((s) => by.get(s));
    let exp = exponent(k100, m1) ?? exponent(k10, k100);
    const expFrom = exponent(k100, m1) !== undefined ? '100 KB -> 1 MB' : '10 KB -> 100 KB';
    // Stopped at the limit: the exponent is at least what the limit gives.
    const stopped = [k10, k100, m1].findIndex((m) => m?.timedOut);
    const below = stopped > 0 ? [k10, k100, m1][stopped - 1] : undefined;
    const atLeast = below?.ms !== undefined ? Math.log(TIMEOUT_MS / below.ms) / Math.log(10) : undefined;
    if (exp === undefined && atLeast !== undefined) exp = atLeast;
    const perMb = m1?.ms !== undefined ? m1.ms / (m1.bytes / 1e6) : undefined;
    // Under a quarter of a second per MB the growth is lost in timer and GC noise: the time alone decides.
    const fast = perMb !== undefined && perMb < 250;
    const ok = perMb !== undefined && perMb <= 2000 && exp !== undefined && (exp <= 1.2 || fast) && !m1?.error;
    if (!ok) over++;
    for (const m of by.values()) if ((m.peakRssMb ?? 0) > largest.mb) largest = { mb: m.peakRssMb!, name: `${p.name} at ${(m.bytes / 1e3).toFixed(0)} KB` };
    const peaks = [...by.values()].flatMap((m) => (m.peakRssMb === undefined ? [] : [m.peakRssMb]));
    const peak = peaks.length > 0 ? Math.max(...peaks) : undefined;
    results[p.name] = { what: p.what, sizes: Object.fromEntries([...by].map(([s, m]) => [s, m])), exponent: exp, exponentFrom: exp === undefined ? undefined : atLeast === exp ? 'lower bound from the time limit' : expFrom, msPerMbAt1MB: perMb, peakRssMb: peak, meetsTargets: ok };
    log(
      `${ok ? 'ok  ' : 'OVER'} ${p.name.padEnd(25)} 10 KB ${shown(k10).padEnd(12)} 100 KB ${shown(k100).padEnd(14)} 1 MB ${shown(m1).padEnd(16)} ` +
        `exponent ${exp === undefined ? '-' : `${atLeast === exp ? '> ' : ''}${exp.toFixed(2)}`}${exp !== undefined && atLeast !== exp && expFrom !== '100 KB -> 1 MB' ? ` (${expFrom})` : ''}${fast && exp !== undefined && exp > 1.2 ? ' (too fast to tell)' : ''}, peak RSS ${peak === undefined ? '-' : `${peak.toFixed(0)} MB`}` +
        (m1?.elements !== undefined ? `, ${m1.elements} elements at 1 MB` : ''),
    );
  }
  results.largestPeakRss = largest;
  results.patternsOverTargets = over;
  log(`largest peak RSS: ${largest.mb.toFixed(0)} MB (${largest.name}); ${over} of ${patterns.length} shapes miss a target`);
  printJson();
}

const at = process.argv.indexOf('--robust-child');
if (at >= 0) child(process.argv[at + 1], Number(process.argv[at + 2]));
else main();
