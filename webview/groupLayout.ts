/** File groups made legible after a layout: titles wrapped to their group's width (two lines at most, then an ellipsis), and groups pushed apart, titles included, until none overlaps another. Pure geometry and text. */
import type { Box } from './placement';

/** A title broken into lines that each fit `maxWidth` (as `measure` says), at most `maxLines`; what does not fit ends in an ellipsis. */
export function wrapTitle(title: string, maxWidth: number, measure: (text: string) => number, maxLines = 2): { lines: string[]; width: number } {
  const words = title.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i++];
    while (i < words.length && measure(`${line} ${words[i]}`) <= maxWidth) line = `${line} ${words[i++]}`;
    lines.push(line);
  }
  const last = lines.length - 1;
  // Words left over, or one word wider than the group: the last line is cut to fit, with an ellipsis.
  if (last >= 0 && (i < words.length || measure(lines[last]) > maxWidth)) {
    let cut = i < words.length ? `${lines[last]} ${words.slice(i).join(' ')}` : lines[last];
    while (cut.length > 1 && measure(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
    lines[last] = `${cut.trimEnd()}…`;
  }
  for (let k = 0; k < last; k++) {
    // An earlier line can only be too wide when it is one long word.
    let cut = lines[k];
    if (measure(cut) <= maxWidth) continue;
    while (cut.length > 1 && measure(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
    lines[k] = `${cut}…`;
  }
  return { lines, width: Math.max(0, ...lines.map(measure)) };
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap > 0 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap > 0;
}

/**
 * Moves boxes apart until no two are closer than `gap`: each overlapping pair is pushed apart,
 * half each, along the axis where they overlap least (so the layout's shape is kept). Returns
 * each box's shift; the boxes are not changed. Stops after `rounds` (then some may still touch).
 */
export function spreadApart(boxes: readonly Box[], gap: number, rounds = 200): { dx: number; dy: number }[] {
  const b = boxes.map((x) => ({ ...x }));
  const shifts = boxes.map(() => ({ dx: 0, dy: 0 }));
  const move = (i: number, dx: number, dy: number) => {
    b[i].x1 += dx;
    b[i].x2 += dx;
    b[i].y1 += dy;
    b[i].y2 += dy;
    shifts[i].dx += dx;
    shifts[i].dy += dy;
  };
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < b.length; i++) {
      for (let j = i + 1; j < b.length; j++) {
        const ox = Math.min(b[i].x2, b[j].x2) - Math.max(b[i].x1, b[j].x1) + gap;
        const oy = Math.min(b[i].y2, b[j].y2) - Math.max(b[i].y1, b[j].y1) + gap;
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Ties and boxes at the same centre go by index, so the push always has a direction.
        if (ox < oy) {
          const s = b[i].x1 + b[i].x2 < b[j].x1 + b[j].x2 || (b[i].x1 + b[i].x2 === b[j].x1 + b[j].x2 && i < j) ? -1 : 1;
          move(i, (s * ox) / 2, 0);
          move(j, (-s * ox) / 2, 0);
        } else {
          const s = b[i].y1 + b[i].y2 < b[j].y1 + b[j].y2 || (b[i].y1 + b[i].y2 === b[j].y1 + b[j].y2 && i < j) ? -1 : 1;
          move(i, 0, (s * oy) / 2);
          move(j, 0, (-s * oy) / 2);
        }
      }
    }
    if (!moved) break;
  }
  return shifts;
}
