/**
 * One seed for every property test that does not name its own, so that a CI run is repeatable:
 * a failure seen once is seen again with the same command. `FUZZ_SEED=N` picks another seed,
 * `FUZZ_SEED=random` a new one per run (to explore; fast-check prints the seed of a failure).
 * Loaded by vitest.config.mts as a setup file.
 */
import fc from 'fast-check';

/** The seed FUZZ_SEED asks for, `fallback` when unset, undefined (fast-check draws one) for `random`. */
export function fuzzSeed(fallback: number): number | undefined {
  const chosen = process.env.FUZZ_SEED;
  if (chosen === 'random') return undefined;
  return chosen !== undefined && chosen !== '' && Number.isFinite(Number(chosen)) ? Number(chosen) : fallback;
}

const seed = fuzzSeed(20261202);
if (seed !== undefined) fc.configureGlobal({ seed });
