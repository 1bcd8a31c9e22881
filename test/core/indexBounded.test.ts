/** The index's memory is bounded by the drafts it holds now: names, paths and parts of text typed and gone leave no entries behind. */
import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';

/** Every query the editor makes of every file, so that lazily built entries are built in both indexes compared. */
function lookAtEverything(index: WorkspaceIndex): void {
  const g = index.getGraph();
  for (const p of index.paths()) {
    index.diagnosticsFor(p);
    index.linkedFiles(p);
  }
  for (const n of g.nodes) {
    index.incomingEdges(n.id);
    index.incomingReferences(n.id);
  }
}

const FINAL = 'Objection: [[name999#^x]] and [a link](dir999/file.md#^y) and [[target#^t]]. ^o\n';

describe('bounded memory', () => {
  for (const mode of ['update', 'setDraft'] as const) {
    it(`typing a thousand distinct wikilink names and link paths (${mode}) leaves the maps as large as a fresh index's`, () => {
      const index = new WorkspaceIndex();
      index.update('target.md', 'Claim: T. ^t\n');
      index.update('other.md', 'Support: [[target#^t]] holds. ^s\n');
      for (let i = 0; i < 1000; i++) {
        const text = `Objection: [[name${i}#^x]] and [a link](dir${i}/file.md#^y) and [[target#^t]]. ^o\n`;
        if (mode === 'update') index.update('typing.md', text);
        else {
          index.setDraft('typing.md', text);
          index.diagnosticsFor('typing.md');
        }
      }
      lookAtEverything(index);
      const fresh = new WorkspaceIndex();
      fresh.setDraft('target.md', 'Claim: T. ^t\n');
      fresh.setDraft('other.md', 'Support: [[target#^t]] holds. ^s\n');
      fresh.setDraft('typing.md', FINAL);
      lookAtEverything(fresh);
      expect(index.getGraph()).toEqual(fresh.getGraph());
      const counts = index.entryCounts();
      expect(counts).toEqual(fresh.entryCounts());
      // Two names are held: name999 and target.
      expect(counts.nameCache).toBe(2);
    });
  }

  it('names of files that come and go leave no entries either', () => {
    const index = new WorkspaceIndex();
    index.update('a.md', 'Claim: A [[b0#^x]]. ^a\n');
    for (let i = 0; i < 300; i++) {
      index.update(`dir/b${i}.md`, 'Claim: x. ^x\n');
      index.update('a.md', `Claim: A [[b${i}#^x]]. ^a\n`);
      index.remove(`dir/b${i}.md`);
    }
    lookAtEverything(index);
    const fresh = new WorkspaceIndex();
    fresh.setDraft('a.md', 'Claim: A [[b299#^x]]. ^a\n');
    lookAtEverything(fresh);
    expect(index.entryCounts()).toEqual(fresh.entryCounts());
    expect(index.diagnosticsFor('a.md').map((d) => d.code)).toEqual(['dangling-ref']);
  });
});
