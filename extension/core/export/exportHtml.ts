/** renderStandaloneHtml: one offline HTML page holding the map's webview bundle and a graph, viewable without VS Code. */
import type { ArgumentGraph } from '../model';

/** The built webview files the page inlines. */
export interface HtmlAssets {
  /** dist/webview/main.js */
  script: string;
  /** dist/webview/style.css */
  css: string;
}

/** Escapes text for an HTML text or attribute position. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element: no `</script>`, no HTML comment openers. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A stable nonce derived from the content (FNV-1a), so the same input gives the same page. */
function contentNonce(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `cm${(h >>> 0).toString(36)}${text.length.toString(36)}`;
}

/**
 * Renders a standalone, offline, interactive map page: the graph travels as JSON
 * data (never as HTML), the webview bundle and its CSS are inlined, and a strict
 * CSP allows only the page's own nonce-tagged script and style.
 */
export function renderStandaloneHtml(graph: ArgumentGraph, assets: HtmlAssets): string {
  const data = jsonForScript(graph);
  const nonce = contentNonce(data + assets.script.length);
  const title = graph.files.length === 1 ? graph.files[0].title : `Argument map of ${graph.files.length} drafts`;
  // Cytoscape's own stylesheet element is declared here so it never injects one (which the CSP would block).
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Crux Map</title>
<style nonce="${nonce}" id="__________cytoscape_stylesheet"></style>
<style nonce="${nonce}">${assets.css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body class="cruxmap-standalone vscode-light">
<script type="application/json" id="cruxmap-data">${data}</script>
<script nonce="${nonce}">${assets.script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
