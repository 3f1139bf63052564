import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { formatDateForPeople } from '@amtsweg/forms';
import pdfMake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { RenderedDocument } from '../cases/render-document';
import { toOfficeDate } from '../cases/office-date';

/** An issued document as stored with its case (a row of `documents`). */
export interface IssuedDocument {
  title: string;
  /** When it was issued: the date on the letter and the PDF's creation date. */
  createdAt: Date;
  /** The rendered parts, as `renderDocument` produced them; read defensively, it comes from the database. */
  content: RenderedDocument;
}

/** Facts about the case and the authority that the letter shows besides the document's own parts. */
export interface DocumentPdfFacts {
  /** The Aktenzeichen. */
  reference: string;
  organisationName: string;
  /** One line, e.g. "Rathausplatz 1, 12345 Musterstadt"; the return address above the addressee and the letterhead fallback. */
  organisationAddress?: string;
  /** The organisation's letterhead (contact, bank details …): printed at the foot of every page, above the Aktenzeichen. */
  letterhead?: string;
  /** The organisation's logo (PNG or JPEG, checked when uploaded), at the top right of the first page. */
  logo?: { bytes: Buffer; type: 'image/png' | 'image/jpeg' };
}

/** The most lines of a letterhead a page's foot makes room for. */
export const MAX_LETTERHEAD_LINES = 4;

/**
 * Lays out an issued document as an A4 letter of the authority (after DIN 5008, form B) and returns the PDF:
 * letterhead, return address and addressee in the window zone, Aktenzeichen and date at the right, the title,
 * subject, body and operative part, headed "Begründung" and "Rechtsbehelfsbelehrung" sections, the signature
 * (or the note that the letter is valid without one), "Seite X von Y" in the footer.
 *
 * Every text is data: it is placed as text and never read as layout instructions. The same document and
 * facts always give the same bytes (the creation date is the document's, nothing random is written).
 * A `draft` (the preview before issuing) carries "ENTWURF" across every page, so it is never taken for the
 * notice itself.
 *
 * @example
 *   const pdf = await renderDocumentPdf(
 *     { title: row.title, createdAt: row.created_at, content: row.content as RenderedDocument },
 *     { reference: caseRow.reference, organisationName: organisation.name, organisationAddress: organisation.address },
 *   );
 */
export async function renderDocumentPdf(document: IssuedDocument, facts: DocumentPdfFacts, options: { draft?: boolean } = {}): Promise<Buffer> {
  return createPdf(buildDocumentDefinition(document, facts, options.draft === true)).getBuffer();
}

/**
 * Whether an image can be printed on a letter: PNG and JPEG whose content pdfkit can read (a file that only
 * starts like a PNG would otherwise make every later notice fail). Used when a logo is uploaded.
 */
export async function canPrintImage(image: { bytes: Buffer; type: 'image/png' | 'image/jpeg' }): Promise<boolean> {
  try {
    await createPdf({ content: [{ image: toDataUrl(image), fit: [LOGO_WIDTH, LOGO_HEIGHT] }] }).getBuffer();
    return true;
  } catch {
    return false;
  }
}

function toDataUrl(image: { bytes: Buffer; type: 'image/png' | 'image/jpeg' }): string {
  return `data:${image.type};base64,${image.bytes.toString('base64')}`;
}

const MM = 72 / 25.4;
// DIN 5008 form B geometry, measured from the page edges (A4 is 210 mm × 297 mm).
const MARGIN_LEFT = 25 * MM;
const MARGIN_RIGHT = 20 * MM;
const MARGIN_TOP = 20 * MM;
const MARGIN_BOTTOM = 25 * MM;
const ADDRESS_FIELD_TOP = 45 * MM;
const ADDRESS_FIELD_HEIGHT = 45 * MM;
/** The return address and postal notes sit in the top 17.7 mm of the address field, the address below. */
const NOTE_ZONE_HEIGHT = 17.7 * MM;
const INFO_BLOCK_LEFT = 125 * MM;
// The logo's box at the top right: it keeps its proportions inside.
const LOGO_WIDTH = 45 * MM;
const LOGO_HEIGHT = 18 * MM;
const LETTERHEAD_LINE = 3.6 * MM;

const GREY = '#555555';

const LABELS = {
  de: {
    reference: 'Aktenzeichen',
    date: 'Datum',
    reasoning: 'Begründung',
    legalRemedy: 'Rechtsbehelfsbelehrung',
    page: (current: number, count: number) => `Seite ${current} von ${count}`,
    referenceShort: 'Az.',
    noSignature: 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.',
    draft: 'ENTWURF',
  },
  en: {
    reference: 'Reference',
    date: 'Date',
    reasoning: 'Reasons',
    legalRemedy: 'Information on legal remedies',
    page: (current: number, count: number) => `Page ${current} of ${count}`,
    referenceShort: 'Ref.',
    noSignature: 'This letter was produced automatically and is valid without a signature.',
    draft: 'DRAFT',
  },
} as const;

function buildDocumentDefinition(document: IssuedDocument, facts: DocumentPdfFacts, draft: boolean): TDocumentDefinitions {
  const content = readContent(document.content);
  const language = content.language;
  const labels = LABELS[language];
  const parts = content.parts;
  const title = parts.title ?? document.title;
  const date = formatDateForPeople(toOfficeDate(document.createdAt), language);
  const organisationAddress = facts.organisationAddress?.trim() ?? '';
  const letterheadLines = (facts.letterhead ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, MAX_LETTERHEAD_LINES);

  const body: Content[] = [
    letterHead(parts.authority ?? [facts.organisationName, organisationAddress].filter((line) => line !== '').join('\n'), parts.addressee, {
      returnAddress: [facts.organisationName, organisationAddress].filter((line) => line !== '').join(' · '),
      info: [
        [labels.reference, facts.reference],
        [labels.date, date],
      ],
      ...(facts.logo ? { logo: toDataUrl(facts.logo) } : {}),
    }),
    { text: title, style: 'title' },
  ];
  if (parts.subject) body.push({ text: parts.subject, style: 'subject' });
  for (const part of [parts.body, parts.operative]) if (part) body.push(...paragraphs(part));
  if (parts.reasoning) body.push(heading(labels.reasoning), ...paragraphs(parts.reasoning));
  if (parts.legalRemedy) body.push(heading(labels.legalRemedy), ...paragraphs(parts.legalRemedy));
  body.push(signatureBlock(content.signature, labels.noSignature));

  return {
    pageSize: 'A4',
    // The letterhead at the foot takes its lines' room from the text above, never overlapping it.
    pageMargins: [MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM + letterheadLines.length * LETTERHEAD_LINE],
    language: language === 'de' ? 'de-DE' : 'en-GB',
    info: {
      title,
      author: facts.organisationName,
      subject: `${labels.referenceShort} ${facts.reference}`,
      creator: 'Amtsweg',
      producer: 'Amtsweg (pdfmake)',
      creationDate: document.createdAt,
    },
    // A heading must not end a page: it moves to the next one, with the text it heads.
    pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    footer: (currentPage, pageCount) => ({
      margin: [MARGIN_LEFT, 10 * MM, MARGIN_RIGHT, 0],
      stack: [
        ...(letterheadLines.length > 0 ? [{ text: letterheadLines.join('\n'), style: 'letterheadFooter' }] : []),
        {
          columns: [
            { text: `${labels.referenceShort} ${facts.reference}`, style: 'footer' },
            { text: labels.page(currentPage, pageCount), style: 'footer', alignment: 'right' },
          ],
        },
      ],
    }),
    content: body,
    ...(draft ? { watermark: { text: labels.draft, color: GREY, opacity: 0.15, bold: true } } : {}),
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    styles: {
      letterHeadName: { fontSize: 14, bold: true, lineHeight: 1.1 },
      letterHeadLine: { fontSize: 9, color: GREY },
      returnAddress: { fontSize: 7, color: GREY, decoration: 'underline' },
      infoLabel: { fontSize: 8, color: GREY },
      infoValue: { fontSize: 10 },
      title: { fontSize: 14, bold: true, margin: [0, 8 * MM, 0, 3 * MM] },
      subject: { bold: true, margin: [0, 0, 0, 4 * MM] },
      heading: { bold: true, margin: [0, 3 * MM, 0, 1.5 * MM] },
      paragraph: { margin: [0, 0, 0, 2.5 * MM] },
      // Regular, not italics: every further font a document uses is parsed again for it (pdfkit keeps no cache).
      signatureNote: { fontSize: 9, color: GREY },
      footer: { fontSize: 8, color: GREY },
      letterheadFooter: { fontSize: 8, color: GREY, lineHeight: 1.1, margin: [0, 0, 0, 1.5 * MM] },
    },
  };
}

/**
 * Letterhead, then the address field at the left and the information block at the right. With an addressee
 * the zones have their DIN heights (so the address sits in an envelope's window); without one (a receipt
 * shown online) they take only the room they need.
 */
function letterHead(authority: string, addressee: string | undefined, options: { returnAddress: string; info: [string, string][]; logo?: string }): Content {
  const [name = '', ...lines] = authority.split('\n');
  const sender: Content[] = [{ text: name, style: 'letterHeadName' }, ...(lines.length > 0 ? [{ text: lines.join('\n'), style: 'letterHeadLine' }] : [])];
  const head: TableCell = {
    ...(options.logo
      ? { columns: [{ width: '*', stack: sender }, { width: LOGO_WIDTH, image: options.logo, fit: [LOGO_WIDTH, LOGO_HEIGHT], alignment: 'right' }] }
      : { stack: sender }),
    colSpan: 2,
    margin: [0, 0, 0, addressee ? 0 : 6 * MM],
  };
  const info: Content = {
    margin: [0, addressee ? 5 * MM : 0, 0, 0],
    table: {
      widths: ['auto', '*'],
      body: options.info.map(([label, value]) => [
        { text: label, style: 'infoLabel', margin: [0, 1.5, 4 * MM, 0] },
        { text: value, style: 'infoValue' },
      ]),
    },
    layout: 'noBorders',
  };
  const address: Content = addressee
    ? {
        stack: [
          { text: options.returnAddress, style: 'returnAddress', margin: [0, NOTE_ZONE_HEIGHT - 12, 0, 3] },
          { text: addressee },
        ],
      }
    : { text: '' };
  return {
    table: {
      widths: [INFO_BLOCK_LEFT - MARGIN_LEFT, '*'],
      // Row heights are minimums: a long letterhead or address pushes the rest down instead of overlapping.
      heights: addressee ? [ADDRESS_FIELD_TOP - MARGIN_TOP, ADDRESS_FIELD_HEIGHT] : ['auto', 'auto'],
      body: [
        [head, {}],
        [address, info],
      ],
    },
    layout: { defaultBorder: false, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
  };
}

function heading(text: string): Content {
  return { text, style: 'heading', headlineLevel: 1 };
}

/** A text part as paragraphs: blank lines separate them, single line breaks stay line breaks. */
function paragraphs(text: string): Content[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+$/, '').replace(/^\n+/, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => ({ text: paragraph, style: 'paragraph' }));
}

function signatureBlock(signature: RenderedDocument['signature'], noSignatureNote: string): Content {
  if (signature?.mode === 'signed') {
    return {
      unbreakable: true,
      margin: [0, 6 * MM, 0, 0],
      stack: [{ text: signature.position }, { text: signature.name, margin: [0, 12 * MM, 0, 0] }],
    };
  }
  const note = signature?.mode === 'automatic' && signature.note.trim() !== '' ? signature.note : noSignatureNote;
  return { text: note, style: 'signatureNote', margin: [0, 6 * MM, 0, 0] };
}

type TextPart = keyof RenderedDocument['parts'];
const TEXT_PARTS: readonly TextPart[] = ['title', 'authority', 'addressee', 'subject', 'body', 'operative', 'reasoning', 'legalRemedy'];

/**
 * The stored content, keeping only what has the expected shape: a part that is not text (say, an object a
 * layout engine would act on) is left out rather than handed to pdfmake.
 */
function readContent(stored: unknown): Required<Pick<RenderedDocument, 'language' | 'parts'>> & Pick<RenderedDocument, 'signature'> {
  const record = isRecord(stored) ? stored : {};
  const storedParts = isRecord(record.parts) ? record.parts : {};
  const parts: RenderedDocument['parts'] = {};
  for (const part of TEXT_PARTS) {
    const value = storedParts[part];
    if (typeof value === 'string' && value.trim() !== '') parts[part] = value;
  }
  const language = record.language === 'en' ? 'en' : 'de';
  return { language, parts, ...readSignature(record.signature) };
}

function readSignature(stored: unknown): Pick<RenderedDocument, 'signature'> {
  if (!isRecord(stored)) return {};
  if (stored.mode === 'signed' && typeof stored.name === 'string' && typeof stored.position === 'string') {
    return { signature: { mode: 'signed', name: stored.name, position: stored.position } };
  }
  if (stored.mode === 'automatic' && typeof stored.note === 'string') return { signature: { mode: 'automatic', note: stored.note } };
  return {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let configured = false;

/**
 * pdfmake's Node entry is one shared instance. Fonts are the Roboto files pdfmake ships (Medium serves as
 * bold); it may read those and nothing else from disk, and may fetch nothing from the network.
 */
function createPdf(definition: TDocumentDefinitions) {
  if (!configured) {
    const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    const roboto = {
      normal: join(fontDirectory, 'Roboto-Regular.ttf'),
      bold: join(fontDirectory, 'Roboto-Medium.ttf'),
      italics: join(fontDirectory, 'Roboto-Italic.ttf'),
      bolditalics: join(fontDirectory, 'Roboto-MediumItalic.ttf'),
    };
    const fontFiles = new Set(Object.values(roboto));
    pdfMake.setFonts({ Roboto: roboto });
    pdfMake.setUrlAccessPolicy(() => false);
    pdfMake.setLocalAccessPolicy((path) => fontFiles.has(path));
    configured = true;
  }
  return pdfMake.createPdf(definition);
}
