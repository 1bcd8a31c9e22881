/** Drives code-server's workbench with Playwright: start it with the packaged extension, open files, run commands, find the map's frame. */
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
// @ts-expect-error: a plain ES module shared with `npm run try`
import * as codeServer from '../../scripts/codeServer.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

export const repo = join(__dirname, '..', '..');
export const shots = join(repo, 'test-results', 'e2e');

export interface Session {
  browser: Browser;
  page: Page;
  child: ChildProcess;
  workspace: string;
  /** code-server's --user-data-dir (extension storage lives under it). */
  userDataDir: string;
  url: string;
  serverOutput: () => string;
}

/** Why end-to-end tests cannot run here, or undefined when they can (code-server is installed on demand). */
export function e2eUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium is not at ${CHROMIUM} (apt-get install chromium)`;
  try {
    codeServer.installCodeServer();
  } catch (e) {
    return `code-server cannot be installed: ${(e as Error).message}`;
  }
  return undefined;
}

/** Packages the VSIX, installs it into a private code-server profile, opens a copy of the examples. */
export async function startSession(): Promise<Session> {
  const vsix = codeServer.packageVsix();
  const base = mkdtempSync(join(tmpdir(), 'cruxmap-e2e-'));
  const extensionsDir = join(base, 'extensions');
  const userDataDir = join(base, 'user-data');
  codeServer.installVsix(vsix, extensionsDir, userDataDir);
  const workspace = codeServer.copyExamples(join(base, 'alignment'));
  const port = await codeServer.freePort();
  const server = await codeServer.startCodeServer({
    port,
    folder: workspace,
    extensionsDir,
    userDataDir,
    settings: { 'editor.wordWrap': 'off', '[markdown]': { 'editor.wordWrap': 'off' }, 'editor.minimap.enabled': false, 'files.autoSave': 'off', 'workbench.editor.enablePreview': false, 'editor.quickSuggestions': { other: false, comments: false, strings: false } },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.statusbar', { timeout: 30_000 });
  mkdirSync(shots, { recursive: true });
  return { browser, page, child: server.child, workspace, userDataDir, url: server.url, serverOutput: server.output };
}

/** Runs a named step of an end-to-end test: a screenshot after it; on failure one marked FAILED, what was on screen and code-server's last output. */
export async function runStep(s: Session, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    await screenshot(s.page, name);
  } catch (e) {
    await screenshot(s.page, `${name}-FAILED`).catch(() => undefined);
    console.error(`[e2e] ${name} failed; on screen: ${await screenText(s.page).catch(() => '?')}\n[code-server] ${s.serverOutput().slice(-2000)}`);
    throw e;
  }
}

export async function stopSession(s: Session | undefined): Promise<void> {
  if (!s) return;
  await s.browser.close().catch(() => undefined);
  codeServer.stopCodeServer(s.child);
}

/** Visible text of the workbench: what a failing test prints. */
export async function screenText(page: Page): Promise<string> {
  const text = await page.evaluate(() => (document.querySelector('.monaco-workbench') as HTMLElement | null)?.innerText ?? document.body.innerText ?? '');
  return text.replace(/\s+/g, ' ').slice(0, 3000);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** Runs a command from the palette by its exact title (recently used commands may be listed first). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const label = ((await rows.nth(i).getAttribute('aria-label')) ?? '').trim();
      if (label === title || label.startsWith(`${title},`) || label.startsWith(`${title} `)) {
        await rows.nth(i).click();
        return;
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no command titled '${title}' in the palette`);
}

/** Opens a workspace file through Quick Open and waits for its editor. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  // F1 opens the quick input; without the '>' prefix it searches files (more reliable than Ctrl+P in a browser).
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: relativePath.split('/').pop()! }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await input.press('Enter');
  const name = relativePath.split('/').pop()!;
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** The frame of the map webview (code-server nests the page in two iframes). */
export async function mapFrame(page: Page, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      try {
        if (await f.$('#map[data-node-count]')) return f;
      } catch {
        // frame detached while we looked
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the argument map webview did not appear');
}

/** Waits until the map has drawn no frame for `quiet` ms (animations done), so a screenshot shows what a writer sees. */
export async function mapSettled(frame: Frame, quiet = 300, timeout = 10_000): Promise<void> {
  await frame.waitForFunction(
    (q) => performance.now() - (window as unknown as { cruxmapDebug: { lastRenderAt(): number } }).cruxmapDebug.lastRenderAt() > q,
    quiet,
    { timeout, polling: 100 },
  );
}

export async function nodeCount(frame: Frame): Promise<number> {
  return Number(await frame.getAttribute('#map', 'data-node-count'));
}

/** "Ln X, Col Y" from the status bar. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const text = (await page.locator('.statusbar-item[id="status.editor.selection"]').textContent().catch(() => '')) ?? '';
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

export function readWorkspaceFile(s: Session, path: string): string {
  return readFileSync(join(s.workspace, path), 'utf8');
}

export function writeWorkspaceFile(s: Session, path: string, text: string): void {
  mkdirSync(dirname(join(s.workspace, path)), { recursive: true });
  writeFileSync(join(s.workspace, path), text);
}

/** Moves the cursor with Go to Line (1-based line and column). */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await expectCursor(page, line);
}

async function expectCursor(page: Page, line: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if ((await cursorPosition(page))?.line === line) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the cursor did not reach line ${line}`);
}

/** Picks a row of an open Quick Pick by typing a filter and pressing Enter. */
export async function pick(page: Page, filter: string, rowText: string | RegExp): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** The file name of the active editor tab. */
export async function activeTab(page: Page): Promise<string> {
  return ((await page.locator('.tab.active .label-name').first().textContent()) ?? '').trim();
}

/** Opens a draft and the argument map beside it; returns the map's frame once it shows the draft's nodes. */
export async function openMap(page: Page, relativePath: string): Promise<Frame> {
  await openFile(page, relativePath);
  await runCommand(page, 'Crux Map: Open Argument Map to the Side');
  return mapFrame(page);
}

/** Lists files under a folder, relative to it. */
function listFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * A clean state for the next test: closes every editor (discarding unsaved changes) and puts the
 * workspace copy back to examples/alignment/ exactly, so no test depends on another.
 */
export async function resetWorkspace(s: Session): Promise<void> {
  await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('Escape');
  await runCommand(s.page, 'View: Close All Editors');
  const dontSave = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.first().isVisible({ timeout: 1000 }).catch(() => false)) await dontSave.first().click();
  await s.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 5000 });
  const source = join(repo, 'examples', 'alignment');
  const wanted = new Set(listFiles(source));
  for (const f of listFiles(s.workspace)) if (!wanted.has(f)) rmSync(join(s.workspace, f));
  for (const f of wanted) {
    const text = readFileSync(join(source, f));
    const target = join(s.workspace, f);
    if (!existsSync(target) || !readFileSync(target).equals(text)) {
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, text);
    }
  }
}

/** The extension's parse cache in its workspace storage folder, if it has been written. */
export function findParseCache(s: Session): string | undefined {
  const root = join(s.userDataDir, 'User', 'workspaceStorage');
  if (!existsSync(root)) return undefined;
  for (const hash of readdirSync(root)) {
    const file = join(root, hash, 'cruxmap.cruxmap', 'parse-cache.jsonl');
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The lines of the extension's log channel ("Crux Map"), as code-server writes them under its user data folder. */
export function extensionLog(s: Session): string {
  const logs = join(s.userDataDir, 'logs');
  if (!existsSync(logs)) return '';
  const files = listFiles(logs).filter((f) => f.endsWith('Crux Map.log'));
  return files.map((f) => readFileSync(join(logs, f), 'utf8')).join('\n');
}
