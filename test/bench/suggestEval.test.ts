/** The suggester's scorer: an annotated folder is read whole, and a draft whose gold is missing or does not fit its blocks is skipped and said so, never scored wrongly. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotated, evaluate } from '../../bench/suggestEval';

describe('bench/suggestEval', () => {
  it('scores drafts with gold, and names those without a .gold file or with a gold of the wrong length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-suggest-eval-'));
    writeFileSync(join(dir, 'a.md'), 'Probes will work.\n\nBut they fail on new models.\n');
    writeFileSync(join(dir, 'a.gold'), 'claim\nobjection -> 1\n');
    writeFileSync(join(dir, 'b.md'), 'Evals miss sandbagging.\n');
    writeFileSync(join(dir, 'c.md'), 'One block.\n');
    writeFileSync(join(dir, 'c.gold'), 'claim\nclaim\n');
    const sets = annotated(dir);
    expect(sets.map((s) => s.name)).toEqual(['a.md', 'b.md', 'c.md']);
    const scores = evaluate(sets, 0.5);
    expect(scores.mismatches).toEqual(['b.md: no .gold file', 'c.md: 1 blocks, 2 gold lines']);
    expect(scores.units).toBe(2);
    expect(scores.perKind.objection.gold).toBe(1);
  });
});
