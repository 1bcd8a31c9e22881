/** Settings are checked before use: a wrong value (a hand-edited settings.json) falls back to its default with a line saying why, a right one is kept. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSettings, DEFAULT_SETTINGS } from '../../extension/host/settingsCheck';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown; enum?: string[] }> } } };
const declared = manifest.contributes.configuration.properties;

describe('settings check', () => {
  it('keeps right values', () => {
    const values: Record<string, unknown> = { include: ['posts/**/*.md'], exclude: [], maxFileSize: 2000, debounceMs: 0, 'map.defaultLayout': 'fcose', 'map.defaultScope': 'workspace', 'map.followCursor': false, 'codeLens.enabled': false };
    const { settings, problems } = checkSettings((k) => values[k]);
    expect(problems).toEqual([]);
    expect(settings).toEqual({ include: ['posts/**/*.md'], exclude: [], maxFileSize: 2000, debounceMs: 0, defaultLayout: 'fcose', defaultScope: 'workspace', followCursor: false, codeLens: false });
  });

  it('replaces each wrong value by its default and says so', () => {
    const values: Record<string, unknown> = { include: '**/*.md', exclude: [3], maxFileSize: -1, debounceMs: 'fast', 'map.defaultLayout': 'circle', 'map.defaultScope': 'everything', 'map.followCursor': 'yes', 'codeLens.enabled': null };
    const { settings, problems } = checkSettings((k) => values[k]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toHaveLength(8);
    expect(problems).toContain('Setting cruxmap.map.defaultLayout is "circle", which is not auto, dagre, fcose; using "auto".');
    expect(problems.find((p) => p.includes('cruxmap.debounceMs'))).toMatch(/"fast".*0 to 5000.*using 250/);
    // An empty include list would index nothing at all: a mistake, not a choice.
    expect(checkSettings((k) => (k === 'include' ? [] : undefined)).problems).toHaveLength(1);
  });

  it('has the defaults and choices that package.json declares', () => {
    expect(DEFAULT_SETTINGS.include).toEqual(declared['cruxmap.include'].default);
    expect(DEFAULT_SETTINGS.exclude).toEqual(declared['cruxmap.exclude'].default);
    expect(DEFAULT_SETTINGS.maxFileSize).toBe(declared['cruxmap.maxFileSize'].default);
    expect(DEFAULT_SETTINGS.debounceMs).toBe(declared['cruxmap.debounceMs'].default);
    expect(DEFAULT_SETTINGS.defaultLayout).toBe(declared['cruxmap.map.defaultLayout'].default);
    expect(DEFAULT_SETTINGS.defaultScope).toBe(declared['cruxmap.map.defaultScope'].default);
    for (const choice of declared['cruxmap.map.defaultLayout'].enum!) expect(checkSettings((k) => (k === 'map.defaultLayout' ? choice : undefined)).problems).toEqual([]);
    for (const choice of declared['cruxmap.map.defaultScope'].enum!) expect(checkSettings((k) => (k === 'map.defaultScope' ? choice : undefined)).problems).toEqual([]);
  });
});
