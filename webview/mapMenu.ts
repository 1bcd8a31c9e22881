/** The map's small popups: a node's context menu, the text input of "Add …", and the filtered list of "Connect to…"; plain DOM, draft text only as textContent, usable from the keyboard. */

export interface MenuItem {
  label: string;
  /** The key that chooses it while the menu is open (shown on the right). */
  key?: string;
  id: string;
  disabled?: boolean;
}

export interface PickItem {
  id: string;
  label: string;
  detail: string;
  kind: string;
}

type Point = { x: number; y: number };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** One popup at a time, inside the map's stage, placed at a page point and kept inside the stage. */
export class Popups {
  private current: { root: HTMLElement; close: (value: unknown) => void } | undefined;

  constructor(private readonly stage: HTMLElement) {}

  get open(): boolean {
    return this.current !== undefined;
  }

  close(): void {
    this.current?.close(undefined);
  }

  private show<T>(root: HTMLElement, at: Point, focus: HTMLElement, onKey?: (e: KeyboardEvent, done: (v: T | undefined) => void) => void): Promise<T | undefined> {
    this.close();
    return new Promise<T | undefined>((resolve) => {
      const done = (v: T | undefined) => {
        if (this.current?.root !== root) return;
        this.current = undefined;
        root.remove();
        document.removeEventListener('mousedown', outside, true);
        resolve(v);
      };
      const outside = (e: MouseEvent) => {
        if (!root.contains(e.target as Node)) done(undefined);
      };
      root.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          done(undefined);
          return;
        }
        onKey?.(e, done);
        e.stopPropagation();
      });
      this.current = { root, close: (v) => done(v as T | undefined) };
      this.stage.append(root);
      const r = this.stage.getBoundingClientRect();
      const x = Math.max(4, Math.min(at.x - r.left, r.width - root.offsetWidth - 4));
      const y = Math.max(4, Math.min(at.y - r.top, r.height - root.offsetHeight - 4));
      root.style.left = `${x}px`;
      root.style.top = `${y}px`;
      document.addEventListener('mousedown', outside, true);
      focus.focus();
    });
  }

  /** A menu of commands; resolves to the chosen item's id. Arrow keys move, Enter or an item's key chooses. */
  menu(items: MenuItem[], at: Point, label: string): Promise<string | undefined> {
    const root = el('div', { class: 'popup menu', role: 'menu', 'aria-label': label });
    const buttons = items.map((it) => {
      const b = el('button', { type: 'button', role: 'menuitem', 'data-id': it.id }, el('span', { class: 'menu-label' }, it.label), el('span', { class: 'menu-key' }, it.key ?? ''));
      if (it.disabled) b.setAttribute('disabled', '');
      root.append(b);
      return b;
    });
    const enabled = buttons.filter((b) => !b.disabled);
    const p = this.show<string>(root, at, enabled[0] ?? root, (e, done) => {
      const i = enabled.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        enabled[(i + (e.key === 'ArrowDown' ? 1 : enabled.length - 1)) % enabled.length]?.focus();
        return;
      }
      const byKey = items.find((it) => !it.disabled && it.key && it.key.toLowerCase() === e.key.toLowerCase());
      if (byKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        done(byKey.id);
      }
    });
    root.tabIndex = -1;
    for (const b of enabled) b.addEventListener('click', () => this.current?.close(b.dataset.id));
    return p;
  }

  /** A one-line text input; resolves to the text on Enter. */
  input(title: string, placeholder: string, at: Point): Promise<string | undefined> {
    const field = el('input', { type: 'text', class: 'popup-input', placeholder, 'aria-label': title, spellcheck: 'true', maxlength: '4000' });
    const root = el('div', { class: 'popup input', role: 'dialog', 'aria-label': title }, el('div', { class: 'popup-title' }, title), field, el('div', { class: 'popup-hint' }, 'Enter to write it into the draft · Escape to cancel'));
    return this.show<string>(root, at, field, (e, done) => {
      if (e.key === 'Enter' && field.value.trim()) {
        e.preventDefault();
        done(field.value);
      }
    });
  }

  /**
   * A filtered list to pick from; `source(query)` gives the items for what is typed (it
   * may ask the host). Resolves to the chosen item's id.
   */
  pick(title: string, at: Point, source: (query: string) => Promise<PickItem[]>): Promise<string | undefined> {
    const field = el('input', { type: 'search', class: 'popup-input', placeholder: 'Filter elements', 'aria-label': title, spellcheck: 'false' });
    const list = el('ul', { class: 'pick-list', role: 'listbox', 'aria-label': title });
    const root = el('div', { class: 'popup pick', role: 'dialog', 'aria-label': title }, el('div', { class: 'popup-title' }, title), field, list);
    let items: PickItem[] = [];
    let active = 0;
    let asked = 0;
    const render = () => {
      list.replaceChildren(
        ...items.map((it, i) => {
          const li = el('li', { role: 'option', 'data-id': it.id, 'aria-selected': String(i === active), class: `kind-${it.kind}` }, el('span', { class: 'kind-badge' }, it.kind), ' ', it.label, el('span', { class: 'pick-detail' }, it.detail));
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            this.current?.close(it.id);
          });
          return li;
        }),
      );
      if (items.length === 0) list.append(el('li', { class: 'pick-empty' }, 'No element matches'));
    };
    const refresh = async () => {
      const n = ++asked;
      const next = await source(field.value);
      if (n !== asked) return; // a newer query answered first
      items = next;
      active = 0;
      render();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** The list for what is typed now: Enter pressed before it arrived chooses from it, not from an older list. */
    let current: Promise<void> = Promise.resolve();
    field.addEventListener('input', () => {
      clearTimeout(timer);
      current = new Promise<void>((resolve) => {
        timer = setTimeout(() => void refresh().then(resolve), 80);
      });
    });
    const p = this.show<string>(root, at, field, (e, done) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (items.length) active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        render();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        const query = field.value;
        void current.then(() => {
          if (field.value === query && items[active]) done(items[active].id);
        });
      }
    });
    current = refresh();
    return p;
  }
}
