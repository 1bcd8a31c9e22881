/** The diagnostics module: every code has the severity the spec's table gives, and messages quote references as written. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badConfigMessage, duplicateIdMessage, SEVERITY_OF, tooDeepMessage, writtenReference } from '../../extension/core/index/diagnostics';
import { parseDraft } from '../../extension/core/parse/parse';
import type { DiagnosticCode } from '../../extension/core/model';

/** The `| \`code\` | severity |` rows of a markdown table. */
function tableRows(file: string): [string, string][] {
  const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
  return [...text.matchAll(/^\| `([a-z-]+)` +\| (error|warning|info) +\|/gm)].map((m) => [m[1], m[2]]);
}

describe('diagnostics', () => {
  it('each code has the severity of the table in docs/markup.md (the spec table in the writers\' words), and every code there is known', () => {
    const rows = tableRows('docs/markup.md');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [code, severity] of rows) expect(SEVERITY_OF[code as DiagnosticCode], code).toBe(severity);
    expect(SEVERITY_OF['too-deep']).toBe('info');
    expect(SEVERITY_OF['bad-config']).toBe('warning');
  });

  it('the duplicate-id message is what the parser writes today (so the parser can switch to it)', () => {
    const d = parseDraft('Claim: one ^x\n\nClaim: two ^x\n', 'a.md');
    expect(d.diagnostics.map((x) => x.message)).toEqual([duplicateIdMessage('x', 2), duplicateIdMessage('x', 2)]);
  });

  it('quotes references whole, alias left out', () => {
    const r = { syntax: 'wikilink' as const, target: 'some-post' };
    expect(writtenReference({ ...r, anchor: 'A heading' })).toBe('[[some-post#A heading]]');
    expect(writtenReference({ ...r, blockId: 'x', embed: true })).toBe('![[some-post#^x]]');
    expect(writtenReference({ ...r, target: '', blockId: 'x' })).toBe('[[#^x]]');
    expect(writtenReference({ syntax: 'link', target: '../a.md', blockId: 'y' })).toBe('../a.md#^y');
    expect(writtenReference({ syntax: 'link', target: '../a.md', anchor: 'sec' })).toBe('../a.md#sec');
  });

  it('says what is wrong with a config and what too-deep nesting does, on one line', () => {
    const lines = [
      badConfigMessage({ problem: 'json', detail: 'Unexpected token } at 14' }),
      badConfigMessage({ problem: 'shape', detail: '"labels" is not an object' }),
      badConfigMessage({ problem: 'kind', label: 'Upshot', kind: 'conclusion' }),
      tooDeepMessage(100),
    ];
    for (const l of lines) expect(l).not.toMatch(/\n/);
    expect(lines[2]).toContain("'Upshot'");
    expect(lines[2]).toContain("'conclusion'");
    expect(lines[3]).toContain('100');
  });
});
