import fc from 'fast-check';

/** A part of a multipart body: a text field, or a file with the name and type the client claims. */
export type MultipartPart = { name: string; value: string } | { name: string; fileName: string; mediaType: string | undefined; content: Buffer };

/** A multipart/form-data body as a browser sends it; the boundary is fixed so runs are reproducible. */
export function buildMultipart(parts: readonly MultipartPart[], boundary = '----amtswegfuzz7MA4YWxkTrZu0gW'): { payload: Buffer; contentType: string } {
  const chunks = parts.flatMap((part) =>
    'value' in part
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`)]
      : [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
              (part.mediaType === undefined ? '' : `Content-Type: ${part.mediaType}\r\n`) +
              '\r\n',
          ),
          part.content,
          Buffer.from('\r\n'),
        ],
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6c8b30000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 0), Buffer.from('ffd9', 'hex')]);

/** File contents, named by what they really are. */
export const FILE_CONTENTS = {
  pdf: PDF,
  png: PNG,
  jpeg: JPEG,
  text: Buffer.from('Hallo, dies ist kein PDF.\n'),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200, 0), Buffer.from('PE\0\0', 'latin1')]),
  elf: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(100, 0)]),
  zip: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60, 0)]),
  empty: Buffer.alloc(0),
  nul: Buffer.alloc(64, 0),
  pdfThenExe: Buffer.concat([PDF.subarray(0, 8), Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(50, 0x41)]),
} as const;

export type FileContentKind = keyof typeof FILE_CONTENTS;

/** The file names an attacker or a confused client sends. */
export const FILE_NAMES = [
  'Wesenstest.pdf',
  '../../../etc/passwd',
  '..\\..\\windows\\system32\\config.pdf',
  '/absolute/path.pdf',
  'nul\u0000byte.pdf',
  'a'.repeat(1000) + '.pdf',
  'rechnung\u202Efdp.exe',
  'evil\u202Egnp.pdf',
  'zero\u200Bwidth.pdf',
  'new\r\nline.pdf',
  '<script>alert(1)</script>.pdf',
  "'; drop table files; --.pdf",
  '',
  ' ',
  '.pdf',
  'CON.pdf',
  'ümlaut ß €.pdf',
  '😀.png',
  'quote".pdf',
  'semi;colon=x.pdf',
] as const;

export const CLAIMED_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/x-msdownload', 'image/svg+xml', 'text/html', '', 'application/pdf; charset=utf-8', 'IMAGE/PNG', undefined] as const;

/** One upload: which content under which name and claimed type, and how the form around it is broken. */
export interface UploadCase {
  content: FileContentKind;
  fileName: string;
  mediaType: string | undefined;
  /** Bytes added to the content, so it is over the limit. */
  oversized: boolean;
  shape: 'normal' | 'fileFirst' | 'noFile' | 'twoFiles' | 'badServiceId' | 'unknownField' | 'noFields' | 'manyFields' | 'longField' | 'json' | 'noContentType' | 'wrongFieldName' | 'brokenBoundary';
}

export const uploadCaseArbitrary: fc.Arbitrary<UploadCase> = fc.record({
  content: fc.constantFrom(...(Object.keys(FILE_CONTENTS) as FileContentKind[])),
  fileName: fc.oneof({ arbitrary: fc.constantFrom(...FILE_NAMES), weight: 4 }, { arbitrary: fc.string({ maxLength: 40 }), weight: 1 }),
  mediaType: fc.constantFrom(...CLAIMED_TYPES),
  oversized: fc.oneof({ arbitrary: fc.constant(false), weight: 40 }, { arbitrary: fc.constant(true), weight: 1 }),
  shape: fc.oneof(
    { arbitrary: fc.constant('normal' as const), weight: 3 },
    {
      arbitrary: fc.constantFrom<UploadCase['shape']>('fileFirst', 'noFile', 'twoFiles', 'badServiceId', 'unknownField', 'noFields', 'manyFields', 'longField', 'json', 'noContentType', 'wrongFieldName', 'brokenBoundary'),
      weight: 1,
    },
  ),
});

/** The request for an upload case: `fields` are the form fields the route expects before the file. */
export function buildUpload(upload: UploadCase, fields: Record<string, string>, limitBytes: number): { payload: Buffer | string; contentType: string | undefined } {
  let content: Buffer = FILE_CONTENTS[upload.content];
  if (upload.oversized) content = Buffer.concat([content, Buffer.alloc(limitBytes + 1 - content.length, 0x20)]);
  const file = { name: upload.shape === 'wrongFieldName' ? 'datei' : 'file', fileName: upload.fileName, mediaType: upload.mediaType, content };
  const fieldParts = Object.entries(fields).map(([name, value]) => ({ name, value }));
  switch (upload.shape) {
    case 'fileFirst':
      return buildMultipart([file, ...fieldParts]);
    case 'noFile':
      return buildMultipart(fieldParts);
    case 'twoFiles':
      return buildMultipart([...fieldParts, file, { ...file, fileName: 'zweite.pdf' }]);
    case 'badServiceId':
      return buildMultipart([...fieldParts.map((p) => (p.name === 'serviceId' ? { ...p, value: "' or 1=1 --" } : p)), file]);
    case 'unknownField':
      return buildMultipart([...fieldParts.map((p) => (p.name === 'field' ? { ...p, value: '__proto__' } : p)), file]);
    case 'noFields':
      return buildMultipart([file]);
    case 'manyFields':
      return buildMultipart([...Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, value: 'x' })), ...fieldParts, file]);
    case 'longField':
      return buildMultipart([...fieldParts, { name: 'field', value: 'x'.repeat(5000) }, file]);
    case 'json':
      return { payload: JSON.stringify({ ...fields, file: content.toString('base64') }), contentType: 'application/json' };
    case 'noContentType':
      return { payload: buildMultipart([...fieldParts, file]).payload, contentType: undefined };
    case 'brokenBoundary':
      return { payload: buildMultipart([...fieldParts, file]).payload, contentType: 'multipart/form-data; boundary=anders' };
    default:
      return buildMultipart([...fieldParts, file]);
  }
}
