/**
 * JSON text that is the same for equal values whatever the order of their object keys: the keys of every object
 * are sorted (by UTF-16 code units, as `Array.prototype.sort` does), arrays keep their order. For parsed JSON
 * (plain objects, arrays, strings, numbers, booleans, null).
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      // defineProperty: a key named "__proto__" stays an ordinary key instead of setting the prototype.
      Object.defineProperty(sorted, key, { value: (inner as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  });
}
