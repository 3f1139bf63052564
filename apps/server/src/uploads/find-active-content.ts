import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** Why markup is refused: what a browser, viewer or XML tool would run or fetch by itself. */
export type ActiveContent =
  /** A script, handler or listener element. */
  | 'script'
  /** An on… attribute (onload, onclick, …), in any case. */
  | 'eventHandler'
  /** A javascript:, vbscript: or data:…html/svg/xml address anywhere in an attribute, also behind encoded characters. */
  | 'scriptAddress'
  /** A document inside the document: foreignObject, iframe, object, embed, XInclude and the like. */
  | 'embedded'
  /** A DOCTYPE (entity declarations, external entities). */
  | 'declaration'
  /** An xml-stylesheet instruction (XSLT runs when the document is opened). */
  | 'stylesheet'
  /** Markup that is no well-formed XML (HTML, for instance) or in an encoding that cannot be read: it cannot be checked. */
  | 'unreadable';

/** Elements that run something or bring in another document, by local name in any namespace (lower case). */
const ACTIVE_ELEMENTS = new Map<string, ActiveContent>([
  ['script', 'script'],
  ['handler', 'script'],
  ['listener', 'script'],
  ['foreignobject', 'embedded'],
  ['iframe', 'embedded'],
  ['frame', 'embedded'],
  ['frameset', 'embedded'],
  ['embed', 'embedded'],
  ['applet', 'embedded'],
  ['portal', 'embedded'],
]);
/** Names common in harmless XML (an Atom feed has links) that fetch or embed only as XHTML elements. */
const ACTIVE_XHTML_ELEMENTS = new Set(['object', 'link', 'meta', 'base']);
const XHTML = 'http://www.w3.org/1999/xhtml';
const XINCLUDE = new Set(['http://www.w3.org/2001/XInclude', 'http://www.w3.org/2003/XInclude']);
/** Script addresses, searched in attribute values with whitespace and control characters removed, lower case. */
const SCRIPT_ADDRESS = /(?:javascript|vbscript|livescript):|data:(?:text\/html|image\/svg|application\/(?:xhtml|xml)|text\/xml)|expression\(/;
/** Decompressed, a gzip file (an .svgz) is checked up to this size; beyond it, markup inside is refused unread. */
const MAX_INFLATED_BYTES = 20 * 1024 * 1024;
/** Markup is fed to the parser in pieces this long, yielding to other requests in between. */
const PARSE_CHUNK_CHARS = 256 * 1024;

/**
 * Finds active content in an upload, whatever type it claims: markup (SVG, XHTML, HTML, any XML) that would
 * run scripts, fetch or embed other documents, or expand entities, also when it is UTF-16, carries a byte order
 * mark, starts with whitespace and comments, or is gzip-compressed (.svgz). Answers undefined for content that
 * is no markup (a PDF, an image, plain text) and for harmless XML.
 *
 * Markup is read with saxes, a strict, namespace-aware XML parser that never expands entities beyond the five
 * predefined ones: a DOCTYPE is refused before anything could be declared. Markup that is not well-formed XML
 * (such as HTML) cannot be vouched for and is refused as well.
 *
 * @example
 * await findActiveContent(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')) // 'eventHandler'
 */
export async function findActiveContent(content: Buffer, depth = 0): Promise<ActiveContent | undefined> {
  if (isGzip(content)) {
    if (depth > 1) return 'unreadable';
    const inflated = await inflateHead(content);
    return inflated.complete || !looksLikeMarkup(inflated.bytes) ? findActiveContent(inflated.bytes, depth + 1) : 'unreadable';
  }
  if (!looksLikeMarkup(content)) return undefined;
  const text = decodeMarkup(content);
  if (text === undefined) return 'unreadable';
  return checkMarkup(text);
}

function isGzip(content: Buffer): boolean {
  return content.length >= 3 && content[0] === 0x1f && content[1] === 0x8b && content[2] === 0x08;
}

/** Decompresses as much as fits (a gzip bomb stops at the limit); a broken stream gives what came before the break. */
async function inflateHead(content: Buffer): Promise<{ bytes: Buffer; complete: boolean }> {
  const gunzip = createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = true;
  try {
    gunzip.end(content);
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > MAX_INFLATED_BYTES) {
        complete = false;
        break;
      }
    }
  } catch {
    // A damaged stream: what was inflated so far is what a viewer would show.
  } finally {
    gunzip.destroy();
  }
  return { bytes: Buffer.concat(chunks), complete };
}

/** The encodings a browser or XML parser would try on markup. */
type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32';

/** The encoding the first bytes show (byte order mark, or the way „<“ or whitespace is written), if any. */
function sniffEncoding(content: Buffer): { encoding: Encoding; bomLength: number } {
  const [a, b, c, d] = [content[0], content[1], content[2], content[3]];
  if ((a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) || (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00)) return { encoding: 'utf-32', bomLength: 4 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // „<“ in UTF-32 (not any three zero bytes: ISO media files such as HEIC start with 00 00 00 and a box size).
  if ((a === 0x00 && b === 0x00 && c === 0x00 && d === 0x3c) || (a === 0x3c && b === 0x00 && c === 0x00 && d === 0x00)) return { encoding: 'utf-32', bomLength: 0 };
  if (a === 0x00 && b !== 0x00) return { encoding: 'utf-16be', bomLength: 0 };
  if (a !== 0x00 && b === 0x00) return { encoding: 'utf-16le', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Whether the content is markup: its first character other than whitespace is „<“, in whichever encoding its
 * first bytes show (the way browsers sniff HTML and XML).
 */
function looksLikeMarkup(content: Buffer): boolean {
  const { encoding, bomLength } = sniffEncoding(content);
  if (encoding === 'utf-32') return true;
  const head = content.subarray(bomLength, bomLength + 4096);
  const text = new TextDecoder(encoding).decode(head);
  return text.trimStart().startsWith('<');
}

/**
 * The markup as text: in the encoding of its byte order mark or first bytes, or an ASCII-compatible encoding
 * its XML declaration names. Undefined when it cannot be read (UTF-32, an unknown or lying encoding).
 */
function decodeMarkup(content: Buffer): string | undefined {
  const { encoding, bomLength } = sniffEncoding(content);
  if (encoding === 'utf-32') return undefined;
  let label: string = encoding;
  if (encoding === 'utf-8' && bomLength === 0) {
    const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(content.subarray(0, 200).toString('latin1'))?.[1];
    if (declared) label = declared.toLowerCase();
  }
  try {
    const decoder = new TextDecoder(label, { fatal: true });
    // A declaration of UTF-16 in bytes that read as ASCII is a lie the parser would not notice.
    if (bomLength === 0 && encoding === 'utf-8' && decoder.encoding.startsWith('utf-16')) return undefined;
    return decoder.decode(content.subarray(bomLength));
  } catch {
    return undefined;
  }
}

/** Reads the markup with saxes (entities off, namespaces on), fed in pieces; answers the first active content found. */
async function checkMarkup(text: string): Promise<ActiveContent | undefined> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let found: ActiveContent | undefined;
  const flag = (kind: ActiveContent) => {
    found ??= kind;
  };
  let inStyle = 0;
  parser.on('doctype', () => flag('declaration'));
  parser.on('processinginstruction', ({ target }) => {
    if (target.toLowerCase() === 'xml-stylesheet') flag('stylesheet');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const local = tag.local.toLowerCase();
    const element = ACTIVE_ELEMENTS.get(local);
    if (element) flag(element);
    if (tag.uri === XHTML && ACTIVE_XHTML_ELEMENTS.has(local)) flag('embedded');
    if (XINCLUDE.has(tag.uri)) flag('embedded');
    if (local === 'style' && !tag.isSelfClosing) inStyle += 1;
    for (const attribute of Object.values(tag.attributes)) {
      if (/^on./i.test(attribute.local) && attribute.prefix !== 'xmlns') flag('eventHandler');
      if (isScriptAddress(attribute.value)) flag('scriptAddress');
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local.toLowerCase() === 'style' && inStyle > 0) inStyle -= 1;
  });
  const checkStyle = (value: string) => {
    if (inStyle > 0 && isScriptAddress(value)) flag('scriptAddress');
  };
  parser.on('text', checkStyle);
  parser.on('cdata', checkStyle);
  try {
    for (let start = 0; start < text.length && found === undefined; start += PARSE_CHUNK_CHARS) {
      parser.write(text.slice(start, start + PARSE_CHUNK_CHARS));
      // A large document is read in pieces, so requests of others are answered in between.
      if (start + PARSE_CHUNK_CHARS < text.length) await yieldToOthers();
    }
    if (found === undefined) parser.close();
  } catch {
    // Not well-formed (HTML, a cut-off file, an entity nobody declared): what a browser makes of it is unknown.
    flag('unreadable');
  }
  return found;
}

function isScriptAddress(value: string): boolean {
  // Browsers skip whitespace and control characters inside the scheme ("jav\tascript:").
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return SCRIPT_ADDRESS.test(value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase());
}
