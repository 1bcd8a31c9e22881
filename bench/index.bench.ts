/** Index benchmark: the index's own work for one keystroke (the draft parsed beforehand) the host's way, update + the affected paths' diagnostics, next to the lazy way with every file's diagnostics; how many paths an edit affects; every map's size after a thousand wikilink names typed. */
import { performance } from 'node:perf_hooks';
import { WorkspaceIndex } from '../extension/core/index/workspaceIndex';
import { parseDraft } from '../extension/core/parse/parse';
import { corpus, draft, rng } from './corpus';
import { log, ms, printJson, results, stats } from './report';

const FILES = 1000;
const EDITS = 40;

function keystrokes(size: number): void {
  const index = new WorkspaceIndex();
  for (const [p, t] of corpus(FILES)) index.setDraft(p, t);
  index.getGraph();
  const path = `big-${size}.md`;
  let text = draft(rng(7), 5000, FILES, size, true, { prose: true, elements: true, rich: true });
  index.setDraft(path, text);
  index.getGraph();
  // Parsed first: only the index's work is timed (the parser has its own figures).
  const edits: [string, ReturnType<typeof parseDraft>][] = [];
  for (let k = 0; k < EDITS; k++) {
    text = text.replace(/\n$/, `\nObjection: typed ${k}.\n`);
    edits.push([text, parseDraft(text, path)]);
  }
  const host: number[] = [];
  const lazy: number[] = [];
  let affected = 0;
  edits.forEach(([t, d], k) => {
    const t0 = performance.now();
    if (k % 2 === 0) {
      const paths = index.update(path, t, d);
      for (const p of paths) index.diagnosticsFor(p);
      affected = Math.max(affected, paths.length);
      host.push(performance.now() - t0);
    } else {
      index.setParsedDraft(path, t, d);
      for (const p of index.paths()) index.diagnosticsFor(p);
      lazy.push(performance.now() - t0);
    }
  });
  const h = stats(host.slice(2));
  const l = stats(lazy.slice(2));
  results[`index-keystroke-${size / 1000}KB`] = { update: h, lazyAll: l, affectedMax: affected };
  log(
    `index work for a keystroke in a ${size / 1000} KB draft (${FILES}-draft workspace, parse excluded): update + affected diagnostics median ${ms(h.median)} (min ${ms(h.min)}), ` +
      `lazy + every file's diagnostics median ${ms(l.median)} (min ${ms(l.min)}); at most ${affected} path(s) affected`,
  );
}

function typedNames(): void {
  const index = new WorkspaceIndex();
  for (const [p, t] of corpus(200)) index.setDraft(p, t);
  index.getGraph();
  const before = index.entryCounts();
  for (let i = 0; i < 1000; i++) index.update('typing.md', `Objection: [[name${i}#^x]] and [link](dir${i}/f.md). ^o\n`);
  index.remove('typing.md');
  index.getGraph();
  const after = index.entryCounts();
  results['index-entries-after-1000-names'] = { before, after };
  log(`index maps after 1,000 distinct wikilink names typed and the draft removed: name cache ${before.nameCache} -> ${after.nameCache}, key users ${before.keyUsers} -> ${after.keyUsers}, parts ${before.parts} -> ${after.parts}`);
}

keystrokes(10_000);
keystrokes(200_000);
typedNames();
printJson();
