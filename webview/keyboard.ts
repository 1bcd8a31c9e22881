/** Keyboard use of the map: moving between elements (Tab, arrows) and the keys of the map's commands. */

export interface Located {
  id: string;
  x: number;
  y: number;
}

/** The nearest element in a direction (dx, dy unit), preferring ones straight ahead. */
export function nearestInDirection(from: Located, others: readonly Located[], dx: number, dy: number): Located | undefined {
  let best: Located | undefined;
  let bestScore = Infinity;
  for (const n of others) {
    if (n.id === from.id) continue;
    const vx = n.x - from.x;
    const vy = n.y - from.y;
    const along = vx * dx + vy * dy;
    if (along <= 0) continue;
    const score = along + 2 * Math.abs(vx * dy - vy * dx);
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}

/** What a key does on the map (undefined: the key is not the map's). */
export type KeyAction =
  | { type: 'move'; dx: number; dy: number }
  | { type: 'tab'; back: boolean }
  | { type: 'open'; toSide: boolean }
  | { type: 'clear' }
  | { type: 'zoom'; factor: number }
  | { type: 'menu' }
  | { type: 'add'; kind: 'support' | 'objection' | 'reply' | 'question' }
  | { type: 'connect' }
  | { type: 'focus' }
  | { type: 'collapse' };

const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
const ADD_KEYS: Record<string, 'support' | 'objection' | 'reply' | 'question'> = { s: 'support', o: 'objection', r: 'reply', q: 'question' };

/**
 * The map's keys: Tab and arrows move, Enter opens (Alt+Enter to the side), Escape clears,
 * + and - zoom, Shift+F10 or the menu key open the node's menu, S / O / R / Q add a support,
 * objection, reply or question, C connects, F focuses, Space collapses or expands.
 */
export function keyAction(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>): KeyAction | undefined {
  if (e.key in ARROWS) return { type: 'move', dx: ARROWS[e.key][0], dy: ARROWS[e.key][1] };
  if (e.key === 'Tab') return { type: 'tab', back: e.shiftKey };
  if (e.key === 'Enter') return { type: 'open', toSide: e.altKey };
  if (e.key === 'Escape') return { type: 'clear' };
  if (e.key === '+' || e.key === '=') return { type: 'zoom', factor: 1.2 };
  if (e.key === '-') return { type: 'zoom', factor: 1 / 1.2 };
  if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) return { type: 'menu' };
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const k = e.key.toLowerCase();
  if (k in ADD_KEYS) return { type: 'add', kind: ADD_KEYS[k] };
  if (k === 'c') return { type: 'connect' };
  if (k === 'f') return { type: 'focus' };
  if (e.key === ' ') return { type: 'collapse' };
  return undefined;
}

/** What a node's data holds for the keyboard: its kind and text, and, for a ghost, that it is a suggestion and why. */
export interface AnnouncedNode {
  kind: string;
  text: string;
  suggested?: boolean;
  cue?: string;
}

/**
 * What a screen reader hears when the keyboard reaches a node: its kind and text; a ghost
 * (a suggestion, no element yet) says it is suggested, why, and how to accept it.
 */
export function nodeAnnouncement(n: AnnouncedNode): string {
  if (!n.suggested) return `${n.kind}: ${n.text}`;
  return `${n.kind}, suggested: ${n.text}${n.cue ? ` (because of: ${n.cue})` : ''}. Enter or Shift+F10 to accept.`;
}

/** On a ghost only its menu applies (Accept): Enter and the menu keys open it; the element commands do nothing. */
export function ghostKeyAction(action: KeyAction): 'menu' | undefined {
  return action.type === 'menu' || (action.type === 'open' && !action.toSide) ? 'menu' : undefined;
}
