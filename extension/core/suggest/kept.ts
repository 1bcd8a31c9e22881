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
