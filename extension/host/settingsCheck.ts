/** Checks the raw `cruxmap.*` setting values: each wrong one falls back to its default, with a line saying why. No vscode import, so it is tested on its own. */
import { MAP_SCOPES, type MapScope } from '../core/map/mapModel';
import { MAP_LAYOUTS, type MapLayoutName } from '../protocol';

/** The settings as the extension uses them. */
export interface Settings {
  include: string[];
  exclude: string[];
  maxFileSize: number;
  debounceMs: number;
  defaultLayout: MapLayoutName;
  defaultScope: MapScope;
  followCursor: boolean;
  codeLens: boolean;
}

/** The defaults (package.json declares the same). */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  include: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSize: 5_000_000,
  debounceMs: 250,
  defaultLayout: 'auto',
  defaultScope: 'draft',
  followCursor: true,
  codeLens: true,
};

/** Where each setting lives under `cruxmap.`. */
const KEYS: Record<keyof Settings, string> = {
  include: 'include',
  exclude: 'exclude',
  maxFileSize: 'maxFileSize',
  debounceMs: 'debounceMs',
  defaultLayout: 'map.defaultLayout',
  defaultScope: 'map.defaultScope',
  followCursor: 'map.followCursor',
  codeLens: 'codeLens.enabled',
};

const isGlobList = (v: unknown): v is string[] => Array.isArray(v) && v.every((g) => typeof g === 'string' && g.trim() !== '');
const inRange = (min: number, max: number) => (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

const CHECKS: { [K in keyof Settings]: [check: (v: unknown) => boolean, expected: string] } = {
  include: [(v) => isGlobList(v) && v.length > 0, 'a non-empty list of glob patterns'],
  exclude: [isGlobList, 'a list of glob patterns'],
  maxFileSize: [inRange(1000, Number.MAX_SAFE_INTEGER), 'a number of bytes, at least 1000'],
  debounceMs: [inRange(0, 5000), 'a number of milliseconds from 0 to 5000'],
  defaultLayout: [oneOf(MAP_LAYOUTS), MAP_LAYOUTS.join(', ')],
  defaultScope: [oneOf(MAP_SCOPES), MAP_SCOPES.join(', ')],
  followCursor: [isBoolean, 'true or false'],
  codeLens: [isBoolean, 'true or false'],
};

/**
 * The settings from raw values (`get('map.defaultScope')` ...; undefined for an unset one): a value of
 * the wrong type or out of range is replaced by its default, and `problems` says so, one line each.
 */
export function checkSettings(get: (key: string) => unknown): { settings: Settings; problems: string[] } {
  const settings = { ...DEFAULT_SETTINGS } as Settings;
  const problems: string[] = [];
  for (const name of Object.keys(KEYS) as (keyof Settings)[]) {
    const raw = get(KEYS[name]);
    if (raw === undefined) continue;
    const [ok, expected] = CHECKS[name];
    if (ok(raw)) (settings as unknown as Record<string, unknown>)[name] = Array.isArray(raw) ? [...raw] : raw;
    else problems.push(`Setting cruxmap.${KEYS[name]} is ${JSON.stringify(raw) ?? String(raw)}, which is not ${expected}; using ${JSON.stringify(DEFAULT_SETTINGS[name])}.`);
  }
  return { settings, problems };
}
