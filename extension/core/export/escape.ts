/** Escaping helpers for every export format: markdown text, XML, Graphviz DOT, Mermaid labels, Argdown text. */

/** Text that markdown (CommonMark, markdown-it) renders as exactly this text: punctuation that could open markup gets a backslash. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&|~$^]/g, (c) => `\\${c}`)
    .replace(/!(?=\\\[)/g, '\\!')
    .replace(/\r\n|\n|\r/g, ' ')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link destination markdown reads back as this URL: angle brackets when it holds spaces or parentheses. */
export function markdownUrl(url: string): string {
  if (/[\s()<>]/.test(url)) return `<${url.replace(/[<>]/g, (c) => encodeURIComponent(c)).replace(/\s/g, (c) => encodeURIComponent(c))}>`;
  return url;
}

/** Text for an XML text node or a double- or single-quoted attribute; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** A DOT double-quoted string (without the quotes): backslashes and quotes escaped, line breaks as `\n`. */
export function escapeDot(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\n|\r/g, '\\n');
}

/**
 * A Mermaid node label inside `["…"]`: Mermaid has no backslash escapes, so quotes and
 * markup characters become its `#code;` entities (it decodes them when it renders).
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/\r\n|\n|\r/g, ' ')
    .replace(/[#"&<>[\]{}()|`;]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** One line of Argdown text: line breaks become spaces, and characters Argdown reads as markup are escaped or replaced. */
export function escapeArgdownText(text: string): string {
  return text
    .replace(/\r\n|\n|\r/g, ' ')
    .replace(/[\\[\]<>#@{}*_]/g, (c) => `\\${c}`)
    // A run of `===` opens Argdown's front matter wherever it stands: each of its signs escaped.
    .replace(/={3,}/g, (run) => run.replace(/=/g, '\\='))
    // `.x.` and `:x:` are Argdown shortcodes (special characters): a dot or colon right before more text is escaped.
    .replace(/([.:])(?=\S)/g, '\\$1')
    .replace(/^([+\-_>]|\(\d)/, '\\$1')
    .trim();
}

/** An Argdown title for `[…]` or `<…>`: no brackets, no line breaks, no markup characters (a title cannot hold escapes). */
export function argdownTitle(text: string): string {
  return text.replace(/[\r\n[\]<>#@{}\\*_:]/g, ' ').replace(/\s+/g, ' ').trim() || 'untitled';
}
