/** The guards for the map's edit messages: each edit accepted with exactly its fields, anything else dropped at the trust boundary. */
import { describe, expect, it } from 'vitest';
import { isHostMessage, isViewMessage, MAX_EDIT_TEXT, MAX_ID_LENGTH, MAX_VERSIONS } from '../../extension/protocol';

const edit = (e: unknown, versions: unknown = { 'a.md': 3 }) => ({ type: 'viewDidRequestEdit', payload: { requestId: 1, edit: e, versions } });

describe('viewDidRequestEdit', () => {
  it('accepts each kind of edit', () => {
    expect(isViewMessage(edit({ type: 'add', id: 'a.md#^x', kind: 'objection', text: 'Not so.' }))).toBe(true);
    expect(isViewMessage(edit({ type: 'connect', id: 'a.md#^x', targetId: 'b.md#^y', relation: 'crux' }))).toBe(true);
    expect(isViewMessage(edit({ type: 'changeKind', id: 'a.md#^x', kind: 'question' }))).toBe(true);
    expect(isViewMessage(edit({ type: 'removeLabel', id: 'a.md#^x' }))).toBe(true);
  });
  it('rejects unknown kinds, relations, extra or missing fields, and bad versions', () => {
    expect(isViewMessage(edit({ type: 'add', id: 'a.md#^x', kind: 'claim', text: 'A claim is not an answer.' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'add', id: 'a.md#^x', kind: 'support', text: '   ' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'add', id: 'a.md#^x', kind: 'support', text: 'x'.repeat(MAX_EDIT_TEXT + 1) }))).toBe(false);
    expect(isViewMessage(edit({ type: 'add', id: 'a.md#^x', kind: 'support', text: 'ok', path: '/etc/passwd' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'connect', id: 'a.md#^x', targetId: 'a.md#^x', relation: 'supports' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'connect', id: 'a.md#^x', targetId: 'b.md#^y', relation: 'mentions' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'changeKind', id: 'a.md#^x', kind: 'theorem' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'removeLabel', id: 'x'.repeat(MAX_ID_LENGTH + 1) }))).toBe(false);
    expect(isViewMessage(edit({ type: 'delete', id: 'a.md#^x' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'removeLabel', id: 'a.md#^x' }, { 'a.md': -1 }))).toBe(false);
    expect(isViewMessage(edit({ type: 'removeLabel', id: 'a.md#^x' }, { 'a.md': '3' }))).toBe(false);
    expect(isViewMessage(edit({ type: 'removeLabel', id: 'a.md#^x' }, Object.fromEntries(Array.from({ length: MAX_VERSIONS + 1 }, (_, i) => [`f${i}.md`, 1]))))).toBe(false);
    expect(isViewMessage({ type: 'viewDidRequestEdit', payload: { requestId: 1.5, edit: { type: 'removeLabel', id: 'a' }, versions: {} } })).toBe(false);
  });
  it('checks target queries', () => {
    expect(isViewMessage({ type: 'viewDidRequestTargets', payload: { requestId: 2, query: 'iter' } })).toBe(true);
    expect(isViewMessage({ type: 'viewDidRequestTargets', payload: { requestId: 2, query: 'x'.repeat(201) } })).toBe(false);
    expect(isViewMessage({ type: 'viewDidRequestTargets', payload: { requestId: 2 } })).toBe(false);
  });
  it('host answers', () => {
    expect(isHostMessage({ type: 'didCompleteEdit', payload: { requestId: 1, ok: true, select: 'a.md#^x' } })).toBe(true);
    expect(isHostMessage({ type: 'didCompleteEdit', payload: { requestId: 1, ok: 'yes' } })).toBe(false);
    expect(isHostMessage({ type: 'didListTargets', payload: { requestId: 1, items: [{ id: 'a', kind: 'claim', label: 'A', file: 'a.md' }] } })).toBe(true);
    expect(isHostMessage({ type: 'didListTargets', payload: { requestId: 1, items: [{ id: 'a' }] } })).toBe(false);
  });
});
