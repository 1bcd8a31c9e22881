/** The guards of the map's suggestion messages: ghost nodes from the host, toggling and accepting from the view. */
import { describe, expect, it } from 'vitest';
import { isHostMessage, isViewMessage, MAX_ID_LENGTH } from '../../extension/protocol';
import { parseDraft } from '../../extension/core/parse/parse';
import { suggestDraft } from '../../extension/core/suggest/suggest';
import { suggestedMapItems } from '../../extension/core/suggest/suggestMap';

const text = 'Claim: Debate works. ^debate\n\nBut judges get tired.\n\nHowever, tired judges still beat no judges.\n';
const draft = parseDraft(text, 'a.md');
const items = suggestedMapItems(draft, suggestDraft(text, draft), 0.5);

describe('suggestion messages', () => {
  it('the view may toggle, accept one ghost by id, and say at load that it shows suggestions', () => {
    expect(isViewMessage({ type: 'viewDidToggleSuggestions', payload: { show: true } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidAcceptSuggestion', payload: { id: 'a.md#?L2' } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidLoad', payload: { scope: 'draft', suggestions: true } })).toBe(true);
  });
  it('and nothing else: wrong types, missing, extra or oversized fields are dropped', () => {
    for (const m of [
      { type: 'viewDidToggleSuggestions', payload: { show: 'yes' } },
      { type: 'viewDidToggleSuggestions', payload: {} },
      { type: 'viewDidAcceptSuggestion', payload: { id: '' } },
      { type: 'viewDidAcceptSuggestion', payload: { id: 'x'.repeat(MAX_ID_LENGTH + 1) } },
      { type: 'viewDidAcceptSuggestion', payload: { id: 'a.md#?L2', path: '/etc/passwd' } },
      { type: 'viewDidAcceptSuggestion', payload: { id: 7 } },
      { type: 'viewDidLoad', payload: { suggestions: 1 } },
    ]) expect(isViewMessage(m), JSON.stringify(m)).toBe(false);
  });
  it('the host sends a count and the ghost items as the core makes them; malformed ones are refused', () => {
    const ok = { type: 'didSetSuggestions', payload: { count: items.nodes.length, ...items } };
    expect(items.nodes.length).toBe(2);
    expect(isHostMessage(ok)).toBe(true);
    expect(isHostMessage({ type: 'didSetSuggestions', payload: { count: 3, nodes: [], edges: [] } })).toBe(true);
    expect(isHostMessage({ type: 'didSetSuggestions', payload: { count: -1, nodes: [], edges: [] } })).toBe(false);
    expect(isHostMessage({ type: 'didSetSuggestions', payload: { count: 1, nodes: [{ ...items.nodes[0], suggested: false }], edges: [] } })).toBe(false);
    expect(isHostMessage({ type: 'didSetSuggestions', payload: { count: 1, nodes: [{ ...items.nodes[0], kind: 'rant' }], edges: [] } })).toBe(false);
    expect(isHostMessage({ type: 'didSetSuggestions', payload: { count: 1, nodes: [], edges: [{ id: 'e', source: 'a' }] } })).toBe(false);
  });
});
