/** Reading .cruxmap.json (markup spec 1.1 section 1): label words to kinds, and a bad-config warning on the file for what is wrong. */
import { describe, expect, it } from 'vitest';
import { readConfig, parseOptionsOf } from '../../extension/core/config';

describe('readConfig', () => {
  it('maps label words and phrases, lower-cased, to kinds', () => {
    const c = readConfig('{ "labels": { "Candidate counterexample": "objection", "Upshot": "claim", "  Key   Point ": "Support" }, "other": 1 }', '.cruxmap.json');
    expect(c.labels).toEqual({ 'candidate counterexample': 'objection', upshot: 'claim', 'key point': 'support' });
    expect(c.diagnostics).toEqual([]);
    expect(parseOptionsOf(c)).toEqual({ labels: c.labels });
  });

  it('gives nothing and no warning for a file without labels', () => {
    for (const text of ['{}', '{ "labels": {} }', '\ufeff{ "other": true }']) {
      const c = readConfig(text, '.cruxmap.json');
      expect(c).toEqual({ labels: {}, diagnostics: [] });
      expect(parseOptionsOf(c)).toBeUndefined();
    }
  });

  it('warns on invalid JSON, on the file, near the mistake, and uses no labels', () => {
    const c = readConfig('{\n  "labels": {\n    "Upshot": "claim",\n  }\n}\n', 'notes/.cruxmap.json');
    expect(c.labels).toEqual({});
    expect(c.diagnostics).toHaveLength(1);
    const [d] = c.diagnostics;
    expect([d.file, d.severity, d.code]).toEqual(['notes/.cruxmap.json', 'warning', 'bad-config']);
    expect(d.message).toMatch(/^\.cruxmap\.json is not valid JSON \(.+\); its label words are ignored\.$/);
    expect(d.range.start.line).toBe(3);
    expect(readConfig('', '.cruxmap.json').diagnostics[0].code).toBe('bad-config');
  });

  it('warns on a label mapped to an unknown kind, at the label, and keeps the others', () => {
    const text = '{\n  "labels": {\n    "Upshot": "clam",\n    "Rejoinder": "reply",\n    "Aside": 3\n  }\n}';
    const c = readConfig(text, '.cruxmap.json');
    expect(c.labels).toEqual({ rejoinder: 'reply' });
    expect(c.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character])).toEqual([
      ['bad-config', 'warning', 2, 4, 12],
      ['bad-config', 'warning', 4, 4, 11],
    ]);
    expect(c.diagnostics[0].message).toBe('Label "Upshot" in .cruxmap.json maps to "clam", which is no kind (claim, support, objection, reply, crux, question); it is ignored.');
  });

  it('warns on what can never be a label, and on labels or a file of the wrong shape', () => {
    expect(readConfig('{ "labels": { "Note:": "claim", " ": "claim" } }', '.cruxmap.json').diagnostics).toHaveLength(2);
    expect(readConfig('{ "labels": ["Upshot"] }', '.cruxmap.json').diagnostics[0].message).toMatch(/"labels" in \.cruxmap\.json must map label words to kinds/);
    expect(readConfig('[1, 2]', '.cruxmap.json').diagnostics[0].message).toMatch(/must hold a JSON object/);
    expect(readConfig('"labels"', '.cruxmap.json').labels).toEqual({});
  });
});
