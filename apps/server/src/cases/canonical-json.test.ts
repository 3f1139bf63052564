import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes objects with the same keys in any order alike, at every depth', () => {
    const a = { holder: { firstName: 'Erika', lastName: 'Mustermann' }, dogs: [{ name: 'Bello', chip: '1' }], consent: true };
    const b = { consent: true, dogs: [{ chip: '1', name: 'Bello' }], holder: { lastName: 'Mustermann', firstName: 'Erika' } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(b)).toBe('{"consent":true,"dogs":[{"chip":"1","name":"Bello"}],"holder":{"firstName":"Erika","lastName":"Mustermann"}}');
  });

  it('keeps the order of arrays and tells changed values apart', () => {
    expect(canonicalJson({ dogs: ['Bello', 'Kira'] })).not.toBe(canonicalJson({ dogs: ['Kira', 'Bello'] }));
    expect(canonicalJson({ remarks: 'a' })).not.toBe(canonicalJson({ remarks: 'b' }));
    expect(canonicalJson({ n: 1 })).not.toBe(canonicalJson({ n: '1' }));
  });

  it('keeps a key named __proto__ as data, so it cannot make two bodies look alike', () => {
    const poisoned = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
    expect(canonicalJson(poisoned)).toBe('{"__proto__":{"x":1},"a":1}');
    expect(canonicalJson(poisoned)).not.toBe(canonicalJson({ a: 1 }));
  });

  it('writes primitives and null as JSON does', () => {
    expect([null, 1, 'x', true].map(canonicalJson)).toEqual(['null', '1', '"x"', 'true']);
  });
});
