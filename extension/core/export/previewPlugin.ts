/** A markdown-it plugin for VS Code's markdown preview: labels as kind badges, `^id` markers hidden, wikilinks as links to their target (unknown ones marked broken). */
import type MarkdownItModule from 'markdown-it';
import type { ElementKind } from '../model';
import { LABELS } from '../parse/parse';
import { escapeHtml } from './exportHtml';

type MarkdownIt = InstanceType<typeof MarkdownItModule>;
type StateCore = Parameters<MarkdownIt['core']['ruler']['push']>[1] extends (state: infer S) => unknown ? S : never;
type StateInline = Parameters<MarkdownIt['inline']['ruler']['before']>[2] extends (state: infer S, silent: boolean) => unknown ? S : never;
type Token = StateCore['tokens'][number];

/** Where a wikilink leads, as the host resolved it. */
export interface PreviewTarget {
  /** The link's address: a relative file link with a `#L<line>` fragment, or any URL the preview opens. */
  href: string;
  /** Hover text: the target element's or draft's text. */
  title?: string;
  /** The target element's text, quoted for an embed. */
  text?: string;
}

export interface PreviewPluginOptions {
  /**
   * Extra label words or phrases (lower case) and their kinds, e.g. the `.cruxmap.json` labels of the rendered
   * document's folder (`env` is markdown-it's render environment, as for `resolve`); read at each render.
   */
  labels?: (env: unknown) => Readonly<Record<string, ElementKind>> | undefined;
  /**
   * Resolves a wikilink written in the document being rendered (`env` is markdown-it's
   * render environment; VS Code puts the document's URI in `env.currentDocument`).
   * `target` is the file part (`''` for the same file), `blockId` the id after `#^`;
   * `syntax: 'link'` for a markdown link `[text](path.md#^id)`, whose target is a relative path.
   * Undefined means the target does not exist: the link is shown broken.
   */
  resolve?: (reference: { target: string; blockId?: string; anchor?: string; embed: boolean; syntax?: 'wikilink' | 'link' }, env: unknown) => PreviewTarget | undefined;
}

/** Spec 1.1's label words; the parser's table is merged in so words it adds show up here too. */
const BUILT_IN: Record<string, ElementKind> = {
  ...LABELS,
  counterargument: 'objection',
  counterexample: 'objection',
  premise: 'support',
};

const TRAILING_ID = /[ \t]+\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$/;
const ONLY_ID = /^[ \t]*\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$/;
const SCHEME = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/\/)/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Installs the plugin: `md.use(cruxmapPreview, options)`. It adds an inline rule for
 * `[[…]]` and `![[…]]` (resolved by `options.resolve` when rendered), a core rule that, in
 * each paragraph and heading, turns a leading label into a badge
 * (`<span class="cruxmap-badge cruxmap-kind-objection">`) and drops a trailing ` ^id`, and
 * points markdown links to `#^id` at the element's line. Code, inline code and HTML are left
 * alone, as markdown-it never hands them to these rules.
 */
export function cruxmapPreview(md: MarkdownIt, options: PreviewPluginOptions = {}): void {
  let cachedWords: Record<string, ElementKind> | undefined;
  let cachedFrom: unknown;
  let labelRe: RegExp = /$^/;
  /** The label words of the document rendered (`env`), with a pattern for them. */
  const labels = (env: unknown) => {
    const extra = options.labels?.(env);
    if (cachedWords === undefined || extra !== cachedFrom) {
      cachedFrom = extra;
      cachedWords = { ...BUILT_IN, ...(extra ?? {}) };
      const words = Object.keys(cachedWords).sort((a, b) => b.length - a.length).map((w) => escapeRe(w).replace(/ +/g, '\\s+'));
      labelRe = new RegExp(`^(${words.join('|')})$`, 'i');
    }
    return { words: cachedWords, re: labelRe };
  };

  md.inline.ruler.before('link', 'cruxmap_wikilink', (state: StateInline, silent: boolean) => {
    const src = state.src;
    let pos = state.pos;
    const embed = src.charCodeAt(pos) === 0x21 /* ! */;
    if (embed) pos++;
    if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x5b) return false;
    const close = src.indexOf(']]', pos + 2);
    if (close < 0) return false;
    const inner = src.slice(pos + 2, close);
    if (/[[\]\n]/.test(inner)) return false;
    if (!silent) {
      // Resolved when rendered, not here: VS Code parses with an empty environment and renders with the document's (env.currentDocument).
      const token = state.push('cruxmap_ref', '', 0);
      token.meta = { inner, embed };
    }
    state.pos = close + 2;
    return true;
  });

  md.renderer.rules.cruxmap_ref = (tokens, idx, _options, env) => {
    const { inner, embed } = tokens[idx].meta as { inner: string; embed: boolean };
    const bar = inner.indexOf('|');
    const alias = bar >= 0 ? inner.slice(bar + 1).trim() : '';
    const link = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
    const hash = link.indexOf('#');
    const target = (hash >= 0 ? link.slice(0, hash) : link).trim();
    const fragment = hash >= 0 ? link.slice(hash + 1) : '';
    let resolved: PreviewTarget | undefined;
    // An external target is a link only where markdown-it would make one (no javascript:, vbscript:, file: or data: other than images).
    if (SCHEME.test(link)) resolved = md.validateLink(link) ? { href: link } : undefined;
    else if (target || fragment) {
      resolved = options.resolve?.({ target, blockId: fragment.startsWith('^') ? fragment.slice(1).trim() : undefined, anchor: fragment && !fragment.startsWith('^') ? fragment : undefined, embed }, env);
    }
    const shown = escapeHtml(alias || (embed && resolved?.text ? `“${resolved.text}”` : link.replace(/#\^/, '#')));
    const classes = `cruxmap-ref${embed ? ' cruxmap-embed' : ''}${resolved ? '' : ' cruxmap-ref-broken'}`;
    if (!resolved) return `<span class="${classes}" title="${escapeHtml(`Crux Map: nothing is named ${link || inner}`)}">${shown}</span>`;
    const title = resolved.title ? ` title="${escapeHtml(resolved.title)}"` : '';
    return `<a class="${classes}" href="${escapeHtml(md.normalizeLink(resolved.href))}"${title}>${shown}</a>`;
  };

  // Markdown links to an element, [text](other.md#^id): the preview would look for a heading named ^id; point them at the element's line.
  const linkOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const href = String(token.attrGet('href') ?? '');
    const m = /^([^#?]*)#(?:\^|%5E)([A-Za-z0-9][A-Za-z0-9-]*)$/i.exec(href);
    if (m && !SCHEME.test(href) && options.resolve) {
      let path = m[1];
      try {
        path = decodeURIComponent(path);
      } catch {
        // kept as written
      }
      const resolved = options.resolve({ target: path, blockId: m[2], embed: false, syntax: 'link' }, env);
      if (resolved) {
        token.attrSet('href', resolved.href);
        token.attrJoin('class', 'cruxmap-ref');
        if (resolved.title && !token.attrGet('title')) token.attrSet('title', resolved.title);
      } else token.attrJoin('class', 'cruxmap-ref cruxmap-ref-broken');
    }
    return linkOpen ? linkOpen(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
  };

  // A block's leading "Word:" is marked when the text is parsed and shown as a badge when it is rendered: VS Code caches
  // a document's tokens, and only the render step knows the document (and so its folder's .cruxmap.json label words).
  md.renderer.rules.cruxmap_label = (tokens, idx, _opts, env) => {
    const t = tokens[idx];
    const { word, original } = t.meta as { word: string; original: string };
    const { words, re } = labels(env);
    if (!re.test(word)) return original;
    const kind = words[word.toLowerCase().replace(/\s+/g, ' ')];
    return `<span class="cruxmap-badge cruxmap-kind-${kind}" title="Crux Map: ${kind}">${escapeHtml(word)}</span> `;
  };

  md.core.ruler.push('cruxmap_elements', (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i];
      const opener = tokens[i - 1].type;
      if (t.type !== 'inline' || !t.children || (opener !== 'paragraph_open' && opener !== 'heading_open')) continue;
      dropId(t.children);
      markLabel(t.children, state);
    }
  });

  /** Drops a trailing ` ^id` from the last text of a block (and the text token when nothing else is left in it). */
  function dropId(children: Token[]): void {
    for (let k = children.length - 1; k >= 0; k--) {
      const c = children[k];
      if (c.type === 'softbreak' || c.type === 'hardbreak') return;
      if (c.type !== 'text') return;
      if (c.content.trim() === '') continue;
      if (k > 0 && ONLY_ID.test(c.content) && /[ \t]$|^[ \t]/.test(c.content)) {
        children.splice(k, 1);
        return;
      }
      c.content = c.content.replace(TRAILING_ID, '');
      return;
    }
  }

  /** Marks a leading "Word:" (plain or emphasised, colon inside or outside) for the renderer, with the HTML it stands for when it is no label. */
  function markLabel(children: Token[], state: StateCore): void {
    const make = (word: string, original: string) => {
      const tok = new state.Token('cruxmap_label', '', 0);
      tok.meta = { word, original };
      return tok;
    };
    // markdown-it may open a block's children with an empty text token (before emphasis).
    while (children[0]?.type === 'text' && children[0].content === '' && children.length > 1) children.shift();
    const first = children[0];
    if (!first) return;
    if (first.type === 'text') {
      const m = /^([^:]{1,60}?):(?=\s|$)[ \t]*/.exec(first.content);
      if (!m || !m[1].trim()) return;
      first.content = first.content.slice(m[0].length);
      children.unshift(make(m[1].trim(), escapeHtml(m[0])));
      return;
    }
    if ((first.type === 'strong_open' || first.type === 'em_open') && children[1]?.type === 'text' && children[2]?.type === first.type.replace('_open', '_close')) {
      const inside = children[1].content;
      const colonInside = inside.trimEnd().endsWith(':');
      const word = inside.replace(/:\s*$/, '').trim();
      if (!word || word.length > 60) return;
      const after = children[3];
      if (!colonInside && (after?.type !== 'text' || !after.content.startsWith(':'))) return;
      const tag = first.type === 'strong_open' ? 'strong' : 'em';
      let original = `<${tag}>${escapeHtml(inside)}</${tag}>`;
      if (after?.type === 'text') {
        const removed = (colonInside ? /^[ \t]*/ : /^:[ \t]*/).exec(after.content)![0];
        original += escapeHtml(removed);
        after.content = after.content.slice(removed.length);
      }
      children.splice(0, 3, make(word, original));
    }
  }
}
