/** The suggester's memo (kept by the editor for a draft from change to change) changes nothing: after any edits, suggestions with it equal suggestions worked out afresh, and it keeps no more than the last call's blocks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import { scanBlocks } from '../../extension/core/suggest/blocks';
import { suggestDraft, SuggestMemo } from '../../extension/core/suggest/suggest';
import { realisticCorpus } from '../../bench/corpus';

const repo = join(__dirname, '..', '..');

function drafts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? drafts(p) : p.endsWith('.md') ? [p] : [];
  });
}

const fresh = (text: string) => suggestDraft(text, parseDraft(text, 'a.md'));
const kept = (text: string, memo: SuggestMemo) => suggestDraft(text, parseDraft(text, 'a.md'), memo);

/** What an edit may insert: cue words, markup that changes a block's plain text, block breaks, question marks, labels. */
const inserts = ['But ', 'because ', 'However, ', 'So ', '?', '.', ' instead', '**', '*', '[[x|y]]', '<b>', '`', '’', '\n\n', '\n', '> ', '- ', '## ', 'Claim: ', 'Objection: ', '```\n', ' ^id', 'word', '  '];

describe('suggestions with the memo', () => {
  it('equal fresh ones on every draft of the repository, read one after another with one memo', () => {
    const memo = new SuggestMemo();
    const files = [...drafts(join(repo, 'bench', 'suggest')), ...drafts(join(repo, 'examples')), ...drafts(join(repo, 'test', 'fixtures'))];
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(kept(text, memo), f).toEqual(fresh(text));
      // Again: now every block's reading comes from the memo.
      expect(kept(text, memo), f).toEqual(fresh(text));
    }
  });

  it('equal fresh ones after any sequence of edits (generated), on drafts like real posts', () => {
    const posts = [...realisticCorpus(12).values()].map((t) => t.slice(0, 6000));
    fc.assert(
      fc.property(
        fc.constantFrom(...posts),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 }), fc.constantFrom(...inserts)), { minLength: 1, maxLength: 6 }),
        (start, edits) => {
          const memo = new SuggestMemo();
          let text = start;
          kept(text, memo);
          for (const [where, removed, inserted] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + inserted + text.slice(at + removed);
            expect(kept(text, memo)).toEqual(fresh(text));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps the readings of the last draft it was used on, no more', () => {
    const memo = new SuggestMemo();
    const [a, b] = [...realisticCorpus(4).values()];
    kept(a, memo);
    kept(b, memo);
    const texts = new Set(scanBlocks(b).map((x) => x.text));
    expect(memo.readings.size).toBeGreaterThan(0);
    expect(memo.readings.size).toBeLessThanOrEqual(texts.size);
    // The same draft again keeps the same number: nothing grows from call to call.
    kept(b, memo);
    const size = memo.readings.size;
    kept(b, memo);
    expect(memo.readings.size).toBe(size);
  });
});
