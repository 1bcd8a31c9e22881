/** A cache of values by text kept from one call to the next: it holds what the last call used, so it never outgrows one call's texts. */
export class Kept<V> {
  private last = new Map<string, V>();
  private next = new Map<string, V>();

  /** The value kept for a text, if any (kept for the next call too). */
  get(key: string): V | undefined {
    let v = this.next.get(key);
    if (v === undefined) {
      v = this.last.get(key);
      if (v !== undefined) this.next.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.next.set(key, value);
  }

  /** Ends a call: what it did not use is dropped. */
  settle(): void {
    this.last = this.next;
    this.next = new Map();
  }

  /** How many values the last call used. */
  get size(): number {
    return this.last.size;
  }
}

/**
 * For one call over a draft's blocks: the value of block k's text, worked out at most once in the call, and taken from
 * `kept` (the editor's memo, from call to call) when it holds it.
 */
export function perBlock<V>(blocks: readonly { text: string }[], kept: Kept<V> | undefined, work: (text: string) => V): (k: number) => V {
  const values: (V | undefined)[] = new Array(blocks.length).fill(undefined);
  return (k) => {
    let v = values[k];
    if (v === undefined) {
      const text = blocks[k].text;
      v = kept?.get(text);
      if (v === undefined) {
        v = work(text);
        kept?.set(text, v);
      }
      values[k] = v;
    }
    return v;
  };
}
