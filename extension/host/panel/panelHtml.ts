/** The map webview's HTML page (no vscode import, so tests can serve the same page and CSP to Chromium). */

export interface PanelHtmlOptions {
  /** The webview's CSP source (`webview.cspSource`). */
  cspSource: string;
  /** A URL for a file in the built webview folder. */
  asset: (name: string) => string;
  /** A fresh nonce for this render. */
  nonce: string;
}

/** A fresh random nonce (Web Crypto: works in Node and in browsers, so also in web and remote extension hosts). */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page: strict CSP, one nonce-tagged script, stylesheets from the webview folder only. */
export function renderPanelHtml({ cspSource, asset, nonce }: PanelHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  // The element with Cytoscape's stylesheet id keeps it from injecting an inline <style> the CSP would block.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" id="__________cytoscape_stylesheet" href="${asset('style.css')}">
<title>Argument Map</title>
</head>
<body>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}
