/** The map's export menu and the core's exporters agree: every peer format the menu offers is one the core writes, and the guard lets only those through. */
import { describe, expect, it } from 'vitest';
import { isViewMessage, MAP_PEER_FORMATS } from '../../extension/protocol';
import { exportGraphAs, PEER_FORMATS, scopeGraph } from '../../extension/core/export/formats';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { filesInScope } from '../../extension/core/map/mapModel';

describe('peer export from the map', () => {
  it('offers exactly the core exporters\' formats', () => {
    expect(MAP_PEER_FORMATS.map((f) => f.id)).toEqual([...PEER_FORMATS]);
  });
  it('the guard passes the known formats and nothing else', () => {
    for (const f of MAP_PEER_FORMATS) expect(isViewMessage({ type: 'viewDidRequestPeerExport', payload: { format: f.id } })).toBe(true);
    for (const p of [{ format: 'pdf' }, { format: 'png' }, {}, { format: 'dot', path: '/tmp/x' }, { format: 3 }]) expect(isViewMessage({ type: 'viewDidRequestPeerExport', payload: p }), JSON.stringify(p)).toBe(false);
  });
  it('what the host writes for the draft scope holds that draft\'s elements and not the others\'', () => {
    const index = new WorkspaceIndex();
    index.setDraft('a.md', 'Claim: Debate scales oversight. ^debate\n\n- Objection: judges tire.\n');
    index.setDraft('b.md', 'Claim: Interpretability comes first. ^interp\n');
    const files = filesInScope(index.getGraph(), 'draft', 'a.md', (f) => index.linkedFiles(f));
    for (const f of MAP_PEER_FORMATS) {
      const text = exportGraphAs(scopeGraph(index.getGraph(), files), f.id);
      expect(text, f.id).toContain('judges tire');
      expect(text, f.id).not.toContain('Interpretability comes first');
    }
  });
});
