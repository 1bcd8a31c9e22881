/** Typed getters for the `cruxmap.*` settings. */
import * as vscode from 'vscode';

export type MapLayout = 'auto' | 'dagre' | 'fcose';
export type MapScope = 'draft' | 'linked' | 'workspace';

export interface Settings {
  include: string[];
  exclude: string[];
  maxFileSize: number;
  debounceMs: number;
  defaultLayout: MapLayout;
  defaultScope: MapScope;
  followCursor: boolean;
  codeLens: boolean;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('cruxmap');
  return {
    include: c.get<string[]>('include', ['**/*.md', '**/*.markdown']),
    exclude: c.get<string[]>('exclude', ['**/node_modules/**', '**/.git/**']),
    maxFileSize: c.get<number>('maxFileSize', 5_000_000),
    debounceMs: c.get<number>('debounceMs', 250),
    defaultLayout: c.get<MapLayout>('map.defaultLayout', 'auto'),
    defaultScope: c.get<MapScope>('map.defaultScope', 'draft'),
    followCursor: c.get<boolean>('map.followCursor', true),
    codeLens: c.get<boolean>('codeLens.enabled', true),
  };
}
