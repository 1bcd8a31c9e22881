/** Test harness: the built webview in headless Chromium, served with the extension's own page and CSP, with a stand-in acquireVsCodeApi. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPanelHtml } from '../../extension/host/panel/panelHtml';

export const CHROMIUM = process.env.CRUXMAP_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const repo = join(__dirname, '..', '..');
const distWebview = join(repo, 'dist', 'webview');
const ORIGIN = 'https://cruxmap-webview.test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** What the page recorded: messages it posted, CSP violations, console errors. */
export interface Recorded {
  posted: { type: string; payload: Record<string, unknown> }[];
  violations: string[];
  errors: string[];
}

const PRELUDE = `
window.__posted = []; window.__violations = []; window.__state = null;
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
});`;

/** Opens the webview page like VS Code would (same HTML and CSP), with the stand-in API. */
export async function openWebview(browser: Browser, opts: { width?: number; height?: number; state?: unknown } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const nonce = 'testnonce1234567890';
  const html = renderPanelHtml({ cspSource: ORIGIN, nonce, asset: (name) => `${ORIGIN}/${name}` }).replace(
    `<script nonce="${nonce}" src=`,
    `<script nonce="${nonce}">${PRELUDE}${opts.state ? `window.__state = ${JSON.stringify(opts.state)};` : ''}</script>\n<script nonce="${nonce}" src=`,
  );
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(distWebview, name);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : name.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream';
    return route.fulfill({ body: readFileSync(file), contentType: type });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  return { page, errors };
}

export async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const w = window as unknown as { __posted: Recorded['posted']; __violations: string[] };
    return { posted: w.__posted, violations: w.__violations, errors: [] };
  });
}

/** Sends a host message to the page, as the extension's postMessage would. */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function counts(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.$eval('#map', (m) => ({ nodes: Number((m as HTMLElement).dataset.nodeCount), edges: Number((m as HTMLElement).dataset.edgeCount) }));
}

/** Theme variables like the ones VS Code puts on the webview's root element. */
export const THEMES = {
  light: {
    className: 'vscode-light',
    vars: { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#1f1f1f', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-red': '#e51400', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#652d90', '--vscode-charts-yellow': '#bf8803', '--vscode-descriptionForeground': '#616161', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#1f1f1f', '--vscode-input-border': '#cecece', '--vscode-panel-border': '#e5e5e5', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' },
  },
  dark: {
    className: 'vscode-dark',
    vars: { '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#cca700', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c', '--vscode-panel-border': '#2b2b2b', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' },
  },
  highContrast: {
    className: 'vscode-high-contrast',
    vars: { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f48771', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#ffd700', '--vscode-descriptionForeground': '#ffffff', '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-panel-border': '#6fc3df', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px' },
  },
} as const;

export async function applyTheme(page: Page, theme: keyof typeof THEMES): Promise<void> {
  await page.evaluate(({ className, vars }) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.className = className;
  }, THEMES[theme]);
}
