/** Typed, checked getters for the `cruxmap.*` settings (see settingsCheck.ts): a wrong value falls back to its default, said once in the log. */
import * as vscode from 'vscode';
import { checkSettings, type Settings } from './settingsCheck';

export type { Settings } from './settingsCheck';

let log: ((line: string) => void) | undefined;
/** Problems already said, so that a wrong value read on every keystroke is logged once. */
const said = new Set<string>();

/** Where to say that a setting was wrong (the extension's log channel). */
export function setSettingsLog(line: (text: string) => void): void {
  log = line;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('cruxmap');
  const { settings, problems } = checkSettings((key) => c.get(key));
  for (const p of problems) {
    if (said.has(p)) continue;
    said.add(p);
    log?.(p);
  }
  return settings;
}
