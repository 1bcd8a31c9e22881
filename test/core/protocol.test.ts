/** The host/view message guards: the webview is a trust boundary, so malformed messages must be rejected. */
import { describe, expect, it } from 'vitest';
import { isHostMessage, isViewMessage, MAX_EXPORT_LENGTH, MAX_ID_LENGTH } from '../../extension/protocol';

describe('isViewMessage', () => {
  it('accepts each well-formed message', () => {
    expect(isViewMessage({ type: 'viewDidLoad', payload: {} })).toBe(true);
    expect(isViewMessage({ type: 'viewDidLoad', payload: { scope: 'linked' } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 'a.md#^x', toSide: false } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidChangeScope', payload: { scope: 'workspace' } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'png', data: 'data:image/png;base64,AAAA' } })).toBe(true);
  });
  it('rejects unknown types and non-objects', () => {
    for (const m of [null, undefined, 42, 'viewDidLoad', [], { type: 'viewDidDelete', payload: {} }, { type: 'didSetGraph', payload: {} }]) {
      expect(isViewMessage(m)).toBe(false);
    }
  });
  it('rejects missing and extra fields', () => {
    expect(isViewMessage({ type: 'viewDidClickNode' })).toBe(false);
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 'a.md#^x' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 'a.md#^x', toSide: false, path: '/etc/passwd' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidLoad', payload: {}, extra: 1 })).toBe(false);
    expect(isViewMessage({ type: 'viewDidLoad', payload: { scope: 'draft', x: 1 } })).toBe(false);
  });
  it('rejects wrong types and values', () => {
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 7, toSide: false } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 'x', toSide: 'yes' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: '', toSide: false } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidChangeScope', payload: { scope: 'everything' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'gif', data: 'x' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'png', data: '<svg/>' } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'svg', data: '<script>alert(1)</script>' } })).toBe(false);
  });
  it('rejects oversized payloads', () => {
    expect(isViewMessage({ type: 'viewDidClickNode', payload: { id: 'x'.repeat(MAX_ID_LENGTH + 1), toSide: false } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidExport', payload: { format: 'svg', data: `<svg>${'x'.repeat(MAX_EXPORT_LENGTH)}` } })).toBe(false);
  });
});

describe('isHostMessage', () => {
  it('accepts the host messages and rejects others', () => {
    const graph = { files: [], nodes: [], edges: [], topics: [] };
    expect(isHostMessage({ type: 'didSetGraph', payload: { graph, scope: 'draft', defaultLayout: 'auto', followCursor: true } })).toBe(true);
    expect(isHostMessage({ type: 'didPatchGraph', payload: { diff: { addFiles: [], removeFiles: [], addNodes: [], updateNodes: [], removeNodes: [], addEdges: [], removeEdges: [] } } })).toBe(true);
    expect(isHostMessage({ type: 'didRevealNode', payload: { id: 'a' } })).toBe(true);
    expect(isHostMessage({ type: 'didPatchGraph', payload: { diff: { addNodes: [] } } })).toBe(false);
    expect(isHostMessage({ type: 'didSetGraph', payload: { graph, scope: 'nope' } })).toBe(false);
    // Why the followed draft is not read: a string, or absent.
    expect(isHostMessage({ type: 'didSetGraph', payload: { graph, scope: 'draft', defaultLayout: 'auto', followCursor: true, unread: 'Crux Map does not read a.md: it is 6000 KB, over cruxmap.maxFileSize.' } })).toBe(true);
    expect(isHostMessage({ type: 'didSetGraph', payload: { graph, scope: 'draft', defaultLayout: 'auto', followCursor: true, unread: { html: '<b>x</b>' } } })).toBe(false);
    expect(isHostMessage({ type: 'viewDidLoad', payload: {} })).toBe(false);
  });
});
