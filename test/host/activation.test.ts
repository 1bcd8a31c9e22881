/** Activation stays cheap: markdown-only activation events, and the built extension's activate() returns at once (before the workspace scan ends) having registered every contributed command; and everything it subscribes to is let go when it is disposed. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { activationEvents: string[]; contributes: { commands: { command: string }[] } };

describe('activation', () => {
  it('happens only for markdown (and to restore a map panel), never at start-up', () => {
    expect(manifest.activationEvents).toContain('onLanguage:markdown');
    for (const e of manifest.activationEvents) expect(['*', 'onStartupFinished']).not.toContain(e);
    expect(manifest.activationEvents.every((e) => e === 'onLanguage:markdown' || e.startsWith('onWebviewPanel:') || e.startsWith('onCommand:') || e.startsWith('onView:'))).toBe(true);
  });
  it('activate() returns without waiting for the workspace scan and registers every contributed command', () => {
    // scripts/loadExtension.cjs loads dist/extension.js with a stand-in vscode module whose findFiles never resolves.
    const out = spawnSync(process.execPath, [join(root, 'scripts', 'loadExtension.cjs'), join(root, 'dist', 'extension.js')], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const r = JSON.parse(out.stdout) as { returnedPromise: boolean; registered: string[] };
    expect(r.returnedPromise).toBe(false);
    for (const c of manifest.contributes.commands) expect(r.registered).toContain(c.command);
  });
  it('every event listener registered at activation is disposed with the context subscriptions (CodeLens and the tree views too)', () => {
    const out = spawnSync(process.execPath, [join(root, 'scripts', 'loadExtension.cjs'), join(root, 'dist', 'extension.js'), '--dispose'], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const r = JSON.parse(out.stdout) as { leftListeners: string[] };
    expect(r.leftListeners).toEqual([]);
  });
});
