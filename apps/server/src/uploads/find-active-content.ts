import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import type { ActiveContentKind } from '@amtsweg/forms';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** Why an upload is refused: active content of a kind, or markup that cannot be read to check it. */
export type ActiveContent = ActiveContentKind | 'unreadable';

/**
 * Elements that bring in another document or run a listener, by local name (lower case), where a browser would
 * act on them (see `findActiveContent`). Elsewhere, in data XML, a `portal` or `frame` is just a name.
 */
const EMBEDDING_ELEMENTS = new Map<string, ActiveContentKind>([
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
/** Names common in harmless XML (an Atom feed has links) that fetch, embed or send only as HTML elements. */
const HTML_ONLY_ELEMENTS = new Set(['object', 'link', 'meta', 'base', 'form']);
/** SVG animation elements: one that sets an on… attribute adds a handler while the document runs. */
const ANIMATION_ELEMENTS = new Set(['set', 'animate', 'animatetransform', 'animatemotion', 'animatecolor']);
const SVG = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';
const XINCLUDE = new Set(['http://www.w3.org/2001/XInclude', 'http://www.w3.org/2003/XInclude']);
/** Media types a browser opens as a document that runs scripts. */
const BROWSER_TYPES = new Set(['text/html', 'application/xhtml+xml', 'image/svg+xml']);
/** File name endings a browser opens as such a document (a downloaded copy opened from the disk). */
const BROWSER_EXTENSION = /\.(?:html?|xht(?:ml)?|shtml|svgz?|mht(?:ml)?)$/i;
/** Media types that say "markup": not well-formed content claiming one is refused, it cannot be checked. */
const MARKUP_TYPE = /^(?:text\/html|text\/xml|application\/xml|[a-z]+\/[a-z0-9.+-]*\+xml)$/i;
/** Script addresses, searched in attribute values with whitespace and control characters removed, lower case. */
const SCRIPT_ADDRESS = /(?:javascript|vbscript|livescript):|data:(?:text\/html|image\/svg|application\/(?:xhtml|xml)|text\/xml)|expression\(/;
/** Decompressed, a gzip file (an .svgz) is checked up to this size; beyond it, markup inside is refused unread. */
const MAX_INFLATED_BYTES = 20 * 1024 * 1024;
/** Markup is fed to the parser in pieces this long, yielding to other requests in between. */
const PARSE_CHUNK_CHARS = 256 * 1024;

/** What the upload says about itself: the type the client claims and its file name. */
export interface UploadClaims {
  mediaType?: string;
  fileName?: string;
}

/**
 * Finds active content in an upload, whatever type it claims: markup (SVG, XHTML, HTML, any XML) that would
 * run scripts, fetch or embed other documents, or expand entities, also when it is UTF-16, carries a byte order
 * mark, starts with whitespace and comments, or is gzip-compressed (.svgz). Answers undefined for content that
 * is no markup (a PDF, an image, plain text) and for harmless XML.
 *
 * Well-formed markup is read with saxes, a strict, namespace-aware XML parser that never expands entities
 * beyond the five predefined ones: a DOCTYPE is refused before anything could be declared. Which elements and
 * attributes count depends on where a browser would act on them:
 *
 * - In a *browser document* every on… attribute is an event handler, and iframe, object, form and the like
 *   embed or send. A browser document is one whose root element is SVG or XHTML (by namespace, or a root
 *   `svg`/`html` without one, which a browser reading it as HTML would run), or one the upload claims as HTML,
 *   XHTML or SVG or names `.html`, `.svg` and the like (how a downloaded copy would be opened).
 * - In any other XML (data such as XÖV or XBau messages, in whatever namespace) only elements of the SVG and
 *   XHTML namespaces are live: there `<hund online="ja"/>` or a `<portal>` is data, while an `<h:img onerror>`
 *   in the XHTML namespace is still refused. An XML document is never rendered as HTML by us: uploads are
 *   served as the type their content shows (never text/html, which no content is detected as), as a download,
 *   with `nosniff`; so an HTML-only element without a namespace (`<object>`, `<form>`) is harmless there.
 * - Everywhere: script elements, XInclude, script addresses in any attribute, DOCTYPE, xml-stylesheet.
 *
 * Content that is not well-formed XML is refused as `unreadable` when it claims a markup type or declares
 * itself XML (`<?xml`, how file-type detects XML): XML tools would read it, and what they make of it is
 * unknown. Other such content (a text file that starts with „<“) is scanned the tolerant way a browser reads
 * HTML, and refused only for active content found so.
 *
 * @example
 * await findActiveContent(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')) // 'eventHandler'
 * await findActiveContent(Buffer.from('<hund online="ja"/>')) // undefined
 */
export async function findActiveContent(content: Buffer, claims: UploadClaims = {}, depth = 0): Promise<ActiveContent | undefined> {
  if (isGzip(content)) {
    if (depth > 1) return 'unreadable';
    const inflated = await inflateHead(content);
    return inflated.complete || !looksLikeMarkup(inflated.bytes) ? findActiveContent(inflated.bytes, claims, depth + 1) : 'unreadable';
  }
  if (!looksLikeMarkup(content)) return undefined;
  const text = decodeMarkup(content);
  if (text === undefined) return 'unreadable';
  const browserDocument = BROWSER_TYPES.has(claims.mediaType ?? '') || BROWSER_EXTENSION.test(claims.fileName ?? '');
  const checked = await checkMarkup(text, browserDocument);
  if (checked !== 'notWellFormed') return checked;
  const found = await scanLikeHtml(text);
  if (found) return found;
  const claimsMarkup = MARKUP_TYPE.test(claims.mediaType ?? '') || /^\s*<\?xml\s/.test(text);
  return claimsMarkup ? 'unreadable' : undefined;
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

/**
 * Reads the markup with saxes (entities off, namespaces on), fed in pieces; answers the first active content
 * found, or `notWellFormed` when the parser gives up before finding any.
 */
async function checkMarkup(text: string, claimedBrowserDocument: boolean): Promise<ActiveContentKind | 'notWellFormed' | undefined> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let found: ActiveContentKind | undefined;
  const flag = (kind: ActiveContentKind) => {
    found ??= kind;
  };
  let browserDocument: boolean | undefined;
  let inStyle = 0;
  parser.on('doctype', () => flag('declaration'));
  parser.on('processinginstruction', ({ target }) => {
    if (target.toLowerCase() === 'xml-stylesheet') flag('stylesheet');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const local = tag.local.toLowerCase();
    // The root decides: SVG or XHTML, or `svg`/`html` without a namespace (run as such when read as HTML).
    browserDocument ??= claimedBrowserDocument || tag.uri === SVG || tag.uri === XHTML || (tag.uri === '' && (local === 'svg' || local === 'html'));
    const live = browserDocument || tag.uri === SVG || tag.uri === XHTML;
    if (local === 'script') flag('script');
    if (XINCLUDE.has(tag.uri)) flag('embedded');
    if (live) {
      const element = EMBEDDING_ELEMENTS.get(local);
      if (element) flag(element);
      if ((tag.uri === XHTML || tag.uri === '') && HTML_ONLY_ELEMENTS.has(local)) flag('embedded');
      if (ANIMATION_ELEMENTS.has(local) && Object.values(tag.attributes).some((a) => a.local === 'attributeName' && /^\s*on/i.test(a.value))) flag('eventHandler');
    }
    if (local === 'style' && !tag.isSelfClosing) inStyle += 1;
    for (const attribute of Object.values(tag.attributes)) {
      if (live && /^on./i.test(attribute.local) && attribute.prefix !== 'xmlns') flag('eventHandler');
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
    // Not well-formed (HTML, a cut-off file, an entity nobody declared): what was found so far stands.
    return found ?? 'notWellFormed';
  }
  return found;
}

/** Elements a tolerant (HTML) reading refuses by name. */
const HTML_ACTIVE_ELEMENTS = new Map<string, ActiveContentKind>([
  ['script', 'script'],
  ...[...EMBEDDING_ELEMENTS].filter(([name]) => name !== 'handler' && name !== 'listener'),
  ['object', 'embedded'],
]);

/**
 * Reads text the way a browser tokenises HTML, tolerating anything: tags, their attributes (quoted or not,
 * character references decoded) and declarations. Answers the first active content: script or embedding
 * elements, on… attributes, script addresses in attribute values, entity declarations, xml-stylesheet. One pass,
 * linear in the length of the text whatever it holds, pausing for other requests as the parser does.
 */
async function scanLikeHtml(text: string): Promise<ActiveContentKind | undefined> {
  if (/<!entity/i.test(text)) return 'declaration';
  if (/<\?xml-stylesheet/i.test(text)) return 'stylesheet';
  const tagStart = /<([a-zA-Z][^\s/>]*)/g;
  // One attribute as HTML reads it: a name, then perhaps „=“ and a value, quoted (maybe never closed) or bare.
  const attribute = /[\s/]*([^\s/>=][^\s/>=]*)?\s*(?:=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?/y;
  // A large text is read in pieces, so requests of others are answered in between.
  let nextPause = PARSE_CHUNK_CHARS;
  for (let match = tagStart.exec(text); match; match = tagStart.exec(text)) {
    if (tagStart.lastIndex > nextPause) {
      await yieldToOthers();
      nextPause = tagStart.lastIndex + PARSE_CHUNK_CHARS;
    }
    const element = HTML_ACTIVE_ELEMENTS.get(match[1]!.toLowerCase());
    if (element) return element;
    // The attributes, up to the „>“ that ends the tag (not one inside a quoted value).
    attribute.lastIndex = tagStart.lastIndex;
    while (attribute.lastIndex < text.length && text[attribute.lastIndex] !== '>') {
      const at = attribute.lastIndex;
      if (at > nextPause) {
        await yieldToOthers();
        nextPause = at + PARSE_CHUNK_CHARS;
      }
      const [whole = '', name = '', double, single, bare] = attribute.exec(text) ?? [];
      // Nothing an attribute could start with (a stray „=“, say): the browser skips the character.
      if (whole === '') attribute.lastIndex = at + 1;
      const value = double ?? single ?? bare;
      if (value === undefined) continue;
      // Only with a value: `<Termin online>` in a letter is no handler.
      if (/^on./i.test(name)) return 'eventHandler';
      if (isScriptAddress(decodeCharacterReferences(value))) return 'scriptAddress';
    }
    tagStart.lastIndex = attribute.lastIndex;
  }
  return undefined;
}

/** Numeric character references and the named ones that hide a scheme („&colon;“, „&Tab;“), as a browser decodes them in attributes. */
function decodeCharacterReferences(value: string): string {
  const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', lpar: '(', rpar: ')', sol: '/', amp: '&' };
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) return named[name.toLowerCase()] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function isScriptAddress(value: string): boolean {
  // Browsers skip whitespace and control characters inside the scheme ("jav\tascript:").
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return SCRIPT_ADDRESS.test(value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase());
}
