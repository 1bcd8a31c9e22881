/** Keeping the few things used last: a Map's insertion order as the order of use. */

/** Puts `value` under `key` as the one used last, and drops the least recently used entries beyond `max`. */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
