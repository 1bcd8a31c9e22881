/** The file groups' geometry without a browser: titles wrapped to a width, groups spread apart. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { overlaps, spreadApart, wrapTitle } from '../../webview/groupLayout';
import type { Box } from '../../webview/placement';

// A monospace stand-in for the canvas: 10 units a character.
const measure = (t: string) => t.length * 10;

describe('wrapTitle', () => {
  it('keeps a short title on one line and wraps a long one at words', () => {
    expect(wrapTitle('Open questions', 200, measure)).toEqual({ lines: ['Open questions'], width: 140 });
    expect(wrapTitle('Outer alignment matters more', 200, measure).lines).toEqual(['Outer alignment', 'matters more']);
  });
  it('cuts what does not fit in two lines with an ellipsis, and a word wider than the group too', () => {
    const t = wrapTitle('Renormalization as an interpretability tool for large language models', 200, measure);
    expect(t.lines).toHaveLength(2);
    expect(t.lines[1].endsWith('…')).toBe(true);
    expect(wrapTitle('Supercalifragilisticexpialidocious', 100, measure).lines).toEqual(['Supercali…']);
  });
  it('never gives a line wider than the width (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,25}$/), { minLength: 1, maxLength: 12 }), fc.integer({ min: 20, max: 400 }), (words, width) => {
        const t = wrapTitle(words.join(' '), width, measure);
        return t.lines.length >= 1 && t.lines.length <= 2 && t.lines.every((l) => measure(l) <= width) && t.width <= width;
      }),
    );
  });
});

describe('spreadApart', () => {
  it('leaves boxes apart alone and pushes overlapping ones apart along the shorter overlap', () => {
    expect(spreadApart([{ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 50, y1: 0, x2: 60, y2: 10 }], 5)).toEqual([{ dx: 0, dy: 0 }, { dx: 0, dy: 0 }]);
    const s = spreadApart([{ x1: 0, y1: 0, x2: 100, y2: 100 }, { x1: 0, y1: 90, x2: 100, y2: 190 }], 10);
    expect(s[0].dx).toBe(0);
    expect(s[1].dy - s[0].dy).toBe(20);
  });
  it('leaves no two boxes closer than the gap (property)', () => {
    const box = fc.record({ x: fc.integer({ min: -300, max: 300 }), y: fc.integer({ min: -300, max: 300 }), w: fc.integer({ min: 10, max: 300 }), h: fc.integer({ min: 10, max: 200 }) }).map(({ x, y, w, h }): Box => ({ x1: x, y1: y, x2: x + w, y2: y + h }));
    fc.assert(
      fc.property(fc.array(box, { minLength: 2, maxLength: 10 }), (boxes) => {
        const shifts = spreadApart(boxes, 24, 2000);
        const moved = boxes.map((b, i) => ({ x1: b.x1 + shifts[i].dx, y1: b.y1 + shifts[i].dy, x2: b.x2 + shifts[i].dx, y2: b.y2 + shifts[i].dy }));
        return moved.every((a, i) => moved.every((b, j) => j <= i || !overlaps(a, b, 23.9)));
      }),
    );
  });
});
