import fc from 'fast-check';

/** What a generated payload attacks with; the summary counts payloads per kind. */
export type AttackKind =
  | 'wrongType'
  | 'missingProperty'
  | 'extraProperty'
  | 'hugeString'
  | 'deepNesting'
  | 'prototypePollution'
  | 'controlCharacters'
  | 'sqlInjection'
  | 'htmlInjection'
  | 'unicodeTricks'
  | 'numberEdge'
  | 'invalidUtf8'
  | 'wrongContentType'
  | 'unparsableBody'
  | 'oversizedBody'
  | 'notAnObject'
  | 'pathParameters';

/** A value as JSON text, so it can be something `JSON.stringify` would never produce (own `__proto__`, 10,000 levels). */
export interface RawValue {
  json: string;
  kind: AttackKind;
}

/** One request body: the bytes, the content type sent (none: no header) and every kind of attack in it. */
export interface FuzzBody {
  payload: string | Buffer;
  contentType: string | undefined;
  kinds: AttackKind[];
  /** JSON pointers the payload changed (empty for attacks on the body as a whole). */
  paths: string[];
  description: string;
}

const HUGE = 200 * 1024;
const DEEP = 10_000;

export const SQL_INJECTIONS = ["'; drop table cases; --", "' or 1=1 --", '1; select pg_sleep(5)', "Robert'); DELETE FROM case_events;--", '\\x27 union select * from users --'];
export const HTML_INJECTIONS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "{{constructor.constructor('x')()}}",
  '</title><h1>x',
  '"><svg onload=alert(1)>',
  '${7*7}#{7*7}<%= 7*7 %>',
  'javascript:alert(1)',
];
export const CONTROL_STRINGS = ['Erika\u0000Mustermann', '\u0000', 'a\u0001\u0002\u0003\u001f\u007f', 'line\r\nInjected: header', '\b\f\v\t', 'x\u0085\u2028\u2029y'];
export const UNICODE_TRICKS = ['\u202Egnp.exe', 'Erika\u200B\u200D\uFEFF', '\uD800', 'a\uDFFFb', '😀'.repeat(50), 'Z̷̢̛a̶̧l̸g̵o̴', '\u0130\u0131ß'];

/** The keys `JSON.parse` turns into own properties that a careless merge would follow into the prototype. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const json = (value: unknown) => JSON.stringify(value);

const wrongType: fc.Arbitrary<RawValue> = fc
  .oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1, [], {}, '', ' ', [null], { a: 1 }, ['Erika'], '2021-02-30', 'true', '1'),
    fc.integer().map((n) => n as unknown),
    fc.string({ maxLength: 30 }).map((s) => s as unknown),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((a) => a as unknown),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }).map((d) => d as unknown),
  )
  .map((value) => ({ json: json(value), kind: 'wrongType' }));

const hugeString: fc.Arbitrary<RawValue> = fc
  .constantFrom('x', 'ä', '<', '\\', '"', '😀', ' ')
  .map((unit) => ({ json: json(unit.repeat(Math.ceil(HUGE / Buffer.byteLength(unit)))), kind: 'hugeString' }));

const deepNesting: fc.Arbitrary<RawValue> = fc.constantFrom(
  { json: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`, kind: 'deepNesting' as const },
  // Deeper than answers (32) and definitions (128) may nest, but not deep enough for the body's own bound.
  { json: `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, kind: 'deepNesting' as const },
  { json: `${'['.repeat(200)}${']'.repeat(200)}`, kind: 'deepNesting' as const },
  { json: `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`, kind: 'deepNesting' as const },
  { json: `${'[{"x":'.repeat(DEEP / 2)}null${'}]'.repeat(DEEP / 2)}`, kind: 'deepNesting' as const },
);

const pollution: fc.Arbitrary<RawValue> = fc.constantFrom(
  { json: '{"__proto__":{"polluted":true}}', kind: 'prototypePollution' as const },
  { json: '{"constructor":{"prototype":{"polluted":true}}}', kind: 'prototypePollution' as const },
  { json: '{"prototype":{"polluted":true}}', kind: 'prototypePollution' as const },
  { json: '[{"__proto__":{"isAdmin":true}}]', kind: 'prototypePollution' as const },
  { json: '{"a":{"b":{"__proto__":{"polluted":true}}}}', kind: 'prototypePollution' as const },
  { json: '{"constructor":{"name":"x"}}', kind: 'prototypePollution' as const },
);

const stringsOf = (strings: readonly string[], kind: AttackKind): fc.Arbitrary<RawValue> =>
  fc.oneof(
    fc.constantFrom(...strings).map((s) => ({ json: json(s), kind })),
    // The attack inside ordinary text, where a filter looking at the start would miss it.
    fc.tuple(fc.constantFrom(...strings), fc.string({ maxLength: 10 })).map(([s, around]) => ({ json: json(`${around}${s}${around}`), kind })),
  );

const numberEdge: fc.Arbitrary<RawValue> = fc
  .constantFrom('1e308', '-1e308', '1e-400', '9007199254740993', '-0', '0.1', '1.5', '2147483648', '-2147483649', '123456789012345678901234567890')
  .map((text) => ({ json: text, kind: 'numberEdge' }));

/** Every kind of hostile value, weighted so the expensive ones (200 KB, 10,000 levels) stay a minority. */
export const hostileValue: fc.Arbitrary<RawValue> = fc.oneof(
  { arbitrary: wrongType, weight: 6 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: pollution, weight: 2 },
  { arbitrary: stringsOf(CONTROL_STRINGS, 'controlCharacters'), weight: 2 },
  { arbitrary: stringsOf(SQL_INJECTIONS, 'sqlInjection'), weight: 2 },
  { arbitrary: stringsOf(HTML_INJECTIONS, 'htmlInjection'), weight: 2 },
  { arbitrary: stringsOf(UNICODE_TRICKS, 'unicodeTricks'), weight: 1 },
  { arbitrary: numberEdge, weight: 1 },
);

const extraKey: fc.Arbitrary<{ key: string; kind: AttackKind }> = fc.oneof(
  fc.constantFrom(...POLLUTION_KEYS).map((key) => ({ key, kind: 'prototypePollution' as const })),
  fc.constantFrom('admin', 'isAdmin', 'status', 'caseId', 'id', '', ' ', 'a/b', '~0', '$where', 'toString', 'hasOwnProperty').map((key) => ({ key, kind: 'extraProperty' as const })),
  fc.string({ minLength: 1, maxLength: 12 }).map((key) => ({ key, kind: 'extraProperty' as const })),
);

/** One change to a JSON document: a value replaced, a property removed, or one added. */
type Mutation =
  | { op: 'replace'; at: number; value: RawValue }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: { key: string; kind: AttackKind }; value: RawValue };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: extraKey, value: hostileValue }), weight: 2 },
);

/** The pointers of every value below the root of `value`; containers also for `add`. */
function listPointers(value: unknown, pointer = ''): { pointer: string; container: boolean }[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => {
    const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [{ pointer: childPointer, container: child !== null && typeof child === 'object' }, ...listPointers(child, childPointer)];
  });
}

function parentAndKey(root: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  let parent = root as Record<string, unknown>;
  for (const key of keys) parent = parent[key] as Record<string, unknown>;
  return { parent, key: last };
}

/**
 * Applies mutations to a copy of `base` and writes it as JSON text: each hostile value goes in as a placeholder
 * that is replaced by its raw text, so keys like `__proto__` become own properties when the server parses it.
 */
export function applyMutations(base: Record<string, unknown>, mutations: readonly Mutation[], tweak?: (copy: Record<string, unknown>) => void): FuzzBody {
  const copy = structuredClone(base);
  tweak?.(copy);
  const raw = new Map<string, string>();
  const kinds = new Set<AttackKind>();
  const paths: string[] = [];
  const described: string[] = [];
  const placeholder = (text: string) => {
    const token = `@@fuzz${raw.size}@@`;
    raw.set(token, text);
    return token;
  };
  for (const change of mutations) {
    const pointers = listPointers(copy);
    if (pointers.length === 0) break;
    if (change.op === 'add') {
      const containers = [{ pointer: '', container: true }, ...pointers.filter((p) => p.container)];
      const target = containers[change.at % containers.length]!.pointer;
      const parent = target === '' ? copy : (() => {
        const { parent: p, key } = parentAndKey(copy, target);
        return (p as Record<string, unknown>)[key] as Record<string, unknown> | unknown[];
      })();
      if (Array.isArray(parent)) {
        parent.push(placeholder(change.value.json));
        paths.push(`${target}/${parent.length - 1}`);
      } else {
        // A key that is only text in the output: JSON.stringify cannot write an own "__proto__" itself.
        parent[placeholder(JSON.stringify(change.key.key))] = placeholder(change.value.json);
        paths.push(`${target}/${change.key.key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
      kinds.add(change.key.kind);
      kinds.add(change.value.kind);
      described.push(`add ${paths.at(-1)} = ${preview(change.value.json)}`);
      continue;
    }
    const { pointer } = pointers[change.at % pointers.length]!;
    const { parent, key } = parentAndKey(copy, pointer);
    paths.push(pointer);
    if (change.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      kinds.add('missingProperty');
      described.push(`delete ${pointer}`);
    } else {
      (parent as Record<string, unknown>)[key] = placeholder(change.value.json);
      kinds.add(change.value.kind);
      described.push(`replace ${pointer} = ${preview(change.value.json)}`);
    }
  }
  let text = JSON.stringify(copy);
  for (const [token, value] of raw) text = text.replace(`"${token}"`, () => value);
  return { payload: text, contentType: 'application/json', kinds: [...kinds], paths, description: described.join('; ') };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

/** One to three mutations of a JSON object at random places. */
export const mutationsArbitrary: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 3 });

const OVERSIZED = 1_200_000;

/**
 * Attacks on the body as a whole, given the valid JSON text of the target: wrong content types, bytes that are
 * no UTF-8, text that is no JSON, bodies over the limit, JSON that is no object.
 */
export function wholeBodyArbitrary(validJson: string): fc.Arbitrary<FuzzBody> {
  const body = (payload: string | Buffer, contentType: string | undefined, kind: AttackKind, description: string): FuzzBody => ({
    payload,
    contentType,
    kinds: [kind],
    paths: [],
    description,
  });
  const boundary = '----fuzzboundary';
  const multipartJson = `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n${validJson}\r\n--${boundary}--\r\n`;
  const invalidUtf8 = fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0xfd]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xe2, 0x82]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    Buffer.from([0xc0, 0xaf]),
  );
  return fc.oneof(
    fc
      .constantFrom('text/plain', 'application/xml', 'text/html', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/jsonx', 'image/png')
      .map((type) => body(validJson, type, 'wrongContentType', `valid JSON sent as ${type}`)),
    fc.constant(body(multipartJson, `multipart/form-data; boundary=${boundary}`, 'wrongContentType', 'multipart where JSON is expected')),
    fc.constant(body(validJson, undefined, 'wrongContentType', 'no content type')),
    fc.constant(body('<answers><holder>x</holder></answers>', 'application/xml', 'wrongContentType', 'XML')),
    fc.constant(body(validJson, 'application/json; charset=utf-16', 'wrongContentType', 'JSON declared as UTF-16')),
    fc
      .tuple(invalidUtf8, fc.nat())
      .map(([bytes, at]) => {
        // Bad bytes inside a string value of otherwise valid JSON, so only a UTF-8 check can find them.
        const quotes = [...validJson.matchAll(/":"/g)].map((m) => m.index + 3);
        const index = quotes[at % quotes.length] ?? 1;
        return body(
          Buffer.concat([Buffer.from(validJson.slice(0, index)), bytes, Buffer.from(validJson.slice(index))]),
          'application/json',
          'invalidUtf8',
          `bytes ${bytes.toString('hex')} inside a string at ${index}`,
        );
      }),
    fc
      .oneof(
        fc.constantFrom('', ' ', '{', '{"a":}', "{'a':1}", '{"a":1,}', 'undefined', 'NaN', '{"a":1}{"b":2}', '\u0000', '{"a":"\u0000"', '[1,2', '{"a":01}'),
        fc.string({ maxLength: 40 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        fc.nat({ max: validJson.length - 1 }).map((cut) => validJson.slice(0, cut)),
      )
      .map((text) => body(text, 'application/json', 'unparsableBody', `not JSON: ${preview(JSON.stringify(text))}`)),
    fc
      .constantFrom('null', '[]', '"Erika"', '42', 'true', '[{"holder":{}}]')
      .map((text) => body(text, 'application/json', 'notAnObject', `JSON ${text}`)),
    fc
      .constantFrom('application/json', 'text/plain', undefined)
      .map((type) => body(`{"pad":"${'x'.repeat(OVERSIZED)}","v":${validJson}}`, type, 'oversizedBody', `${OVERSIZED} bytes as ${type ?? 'no content type'}`)),
  );
}
