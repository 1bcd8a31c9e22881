/** What the benchmarks share for reporting: medians with their spread, the table or (`--json`) JSON. */

export const json = process.argv.includes('--json');
/** Figures by name, printed as JSON at the end with `--json`. */
export const results: Record<string, unknown> = {};

/** One line of the table (nothing with `--json`). */
export const log = (line: string): void => {
  if (!json) console.log(line);
};

export interface Stats {
  runs: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { runs: s.length, median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
}

export const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
/** "median (n runs, min-max)". */
export const spread = (s: Stats): string => `${ms(s.median)} (${s.runs} runs, ${ms(s.min)}-${ms(s.max)})`;

/** Prints the JSON of every figure when asked for it. */
export function printJson(): void {
  if (json) console.log(JSON.stringify(results, null, 2));
}
