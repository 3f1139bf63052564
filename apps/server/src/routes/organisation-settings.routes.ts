import multipart from '@fastify/multipart';
import {
  appendAuditEvent,
  findOrganisationById,
  findOrganisationLogo,
  toJsonColumn,
  updateOrganisation,
  type Organisation,
  type OrganisationContact,
  type OrganisationLegalPages,
  type OrganisationText,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { AppError, type AppMessage } from '../app-error';
import type { UserPrincipal } from '../auth/principal';
import { canPrintImage, MAX_LETTERHEAD_LINES } from '../documents/render-document-pdf';
import { ORGANISATION_SLUG_PATTERN } from '../install/organisation-slug';
import { ORGANISATION_HEADER } from '../plugins/auth.plugin';
import { WEBHOOK_HOST_PATTERN } from '../webhooks/webhook-hosts';
import { readOneFile } from './read-one-file';
import { ERROR_RESPONSE } from './shared-schemas';

const ERROR = ERROR_RESPONSE;

/** The largest logo: enough for a crisp letterhead, small enough for every page of the portal. */
export const MAX_LOGO_BYTES = 256 * 1024;
/**
 * The largest logo in pixels either way: crisp on a letterhead (it prints at most 45 mm wide, 1063 px at 600 dpi)
 * and small enough to decode — checking a 4000 × 4000 image took 1.2 s and 200 MB, and every notice pays that again.
 */
export const MAX_LOGO_PIXELS = 2000;
const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
type LogoType = (typeof LOGO_TYPES)[number];

export const LEGAL_PAGES = ['imprint', 'privacy', 'accessibility'] as const;
/** How the administration's templates mark what only the organisation can fill in (apps/admin legal-templates.ts). */
const TO_COMPLETE = ['[bitte ergänzen', '[to be completed'];
export type LegalPage = (typeof LEGAL_PAGES)[number];
const CONTACT_FIELDS = ['email', 'phone', 'website', 'openingHours'] as const;

const LIMITS = { name: 200, address: 500, email: 254, phone: 40, website: 300, openingHours: 1000, letterhead: 1000, legalText: 50_000 };
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()/-]{3,}$/;

/** Field names in both languages, so every refusal says which field it means. */
const FIELD_NAMES: Record<string, AppMessage> = {
  name: { de: 'Name der Organisation', en: 'Name of the organisation' },
  address: { de: 'Anschrift', en: 'Address' },
  'contact/email': { de: 'E-Mail-Adresse (Kontakt)', en: 'Email address (contact)' },
  'contact/phone': { de: 'Telefonnummer (Kontakt)', en: 'Phone number (contact)' },
  'contact/website': { de: 'Website (Kontakt)', en: 'Website (contact)' },
  'contact/openingHours': { de: 'Öffnungszeiten', en: 'Opening hours' },
  letterhead: { de: 'Briefkopf und Fußzeile der Bescheide', en: 'Letterhead and footer of notices' },
  'legalPages/imprint/de': { de: 'Impressum (Deutsch)', en: 'Imprint (German)' },
  'legalPages/imprint/en': { de: 'Impressum (Englisch)', en: 'Imprint (English)' },
  'legalPages/privacy/de': { de: 'Datenschutzerklärung (Deutsch)', en: 'Privacy policy (German)' },
  'legalPages/privacy/en': { de: 'Datenschutzerklärung (Englisch)', en: 'Privacy policy (English)' },
  'legalPages/accessibility/de': { de: 'Erklärung zur Barrierefreiheit (Deutsch)', en: 'Accessibility statement (German)' },
  'legalPages/accessibility/en': { de: 'Erklärung zur Barrierefreiheit (Englisch)', en: 'Accessibility statement (English)' },
  'legalPages/accessibilityFeedbackEmail': { de: 'E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit', en: 'Email address for feedback on accessibility' },
};

const TEXT = { type: 'string', maxLength: 100_000 } as const;
const LEGAL_TEXT = {
  type: 'object',
  additionalProperties: false,
  required: ['de'],
  properties: { de: TEXT, en: TEXT },
  description: 'Simple Markdown (headings, paragraphs, lists, links, bold); English may be empty (German is shown then)',
} as const;
const CONTACT = {
  type: 'object',
  additionalProperties: false,
  properties: { email: TEXT, phone: TEXT, website: TEXT, openingHours: TEXT },
} as const;
const LEGAL_PAGES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { imprint: LEGAL_TEXT, privacy: LEGAL_TEXT, accessibility: LEGAL_TEXT, accessibilityFeedbackEmail: TEXT },
} as const;
const LEGAL_TEXT_VIEW = { type: ['object', 'null'], properties: { de: { type: 'string' }, en: { type: 'string' } } } as const;
const LEGAL_PAGES_VIEW = {
  type: 'object',
  required: ['imprint', 'privacy', 'accessibility', 'accessibilityFeedbackEmail'],
  properties: {
    imprint: LEGAL_TEXT_VIEW,
    privacy: LEGAL_TEXT_VIEW,
    accessibility: LEGAL_TEXT_VIEW,
    accessibilityFeedbackEmail: { type: 'string' },
  },
} as const;
const CONTACT_VIEW = {
  type: 'object',
  properties: { email: { type: 'string' }, phone: { type: 'string' }, website: { type: 'string' }, openingHours: { type: 'string' } },
} as const;
const LOGO_VIEW = {
  type: ['object', 'null'],
  required: ['type', 'url'],
  properties: { type: { enum: LOGO_TYPES }, url: { type: 'string', description: 'Changes whenever the logo does, so it may be cached' } },
} as const;

const ORGANISATION_VIEW = {
  type: 'object',
  required: ['id', 'slug', 'name', 'address', 'requireMfa', 'webhookHosts', 'contact', 'letterhead', 'logo', 'legalPages', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    slug: { type: 'string' },
    name: { type: 'string' },
    address: { type: 'string' },
    requireMfa: { type: 'boolean' },
    webhookHosts: { type: 'array', items: { type: 'string' }, description: 'Hosts webhooks may reach; nothing else can be registered or called' },
    contact: CONTACT_VIEW,
    letterhead: { type: 'string' },
    logo: LOGO_VIEW,
    legalPages: LEGAL_PAGES_VIEW,
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** What the portal may show about the organisation: nothing of its internal settings. */
const SITE_VIEW = {
  type: 'object',
  required: ['name', 'address', 'contact', 'logo', 'legalPages'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    address: { type: 'string' },
    contact: CONTACT_VIEW,
    logo: LOGO_VIEW,
    legalPages: LEGAL_PAGES_VIEW,
  },
} as const;

interface SettingsBody {
  name?: string;
  address?: string;
  requireMfa?: boolean;
  webhookHosts?: string[];
  contact?: OrganisationContact;
  letterhead?: string;
  legalPages?: OrganisationLegalPages;
}

/**
 * The organisation's settings (an administrator's: name, address, contact, letterhead, logo, legal pages, second
 * factor for all staff, webhook hosts) and what the portal shows of them (`/api/site`, the logo), public.
 */
export async function organisationSettingsRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  // One file of at most the logo's size (the limit is one byte more, so that a larger file is noticed, not cut);
  // a few short text fields a form may send along are read past, as on the files route.
  await app.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1000, parts: 10, fileSize: MAX_LOGO_BYTES + 1 } });

  app.get(
    '/api/organisation',
    {
      config: { access: 'organisation:manage' },
      schema: { tags: ['administration'], summary: 'The organisation’s settings', response: { 200: ORGANISATION_VIEW, 401: ERROR, 403: ERROR } },
    },
    (request) => Promise.resolve(toSettingsView(request.organisation)),
  );

  app.patch(
    '/api/organisation',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Change the organisation’s settings: name, address, contact, letterhead, legal pages, second factor for all staff, webhook hosts',
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: TEXT,
            address: TEXT,
            requireMfa: { type: 'boolean' },
            webhookHosts: {
              type: 'array',
              maxItems: 100,
              uniqueItems: true,
              description: 'Host names (optionally with :port, or *.domain for its subdomains) that webhooks may reach',
              items: { type: 'string', maxLength: 260, pattern: WEBHOOK_HOST_PATTERN },
            },
            contact: { ...CONTACT, description: 'Replaces the whole contact; an empty text removes an entry' },
            letterhead: { ...TEXT, description: `Plain text, at most ${MAX_LETTERHEAD_LINES} lines: the foot of every page of a notice` },
            legalPages: { ...LEGAL_PAGES_SCHEMA, description: 'The pages sent replace theirs; pages not sent stay' },
          },
        },
        response: { 200: ORGANISATION_VIEW, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => {
      const body = request.body as SettingsBody;
      const updated = await db()
        .transaction()
        .execute(async (trx) => {
          // The legal pages sent are merged into the row as stored, locked until the change is written: not into
          // request.organisation, a copy up to a few seconds old, with which two saves of different pages at
          // once (or through two processes) would each write back the other's page as it was before.
          const before = (await findOrganisationById(trx, request.organisation.id, { forUpdate: true }))!;
          const legalPages = body.legalPages ? mergeLegalPages(before.legal_pages, body.legalPages) : undefined;
          checkSettings(body, legalPages ?? before.legal_pages);
          const row = await updateOrganisation(trx, before.id, {
            ...(body.name !== undefined ? { name: body.name.trim() } : {}),
            ...(body.address !== undefined ? { address: body.address.trim() } : {}),
            ...(body.requireMfa !== undefined ? { require_mfa: body.requireMfa } : {}),
            ...(body.webhookHosts !== undefined ? { webhook_hosts: toJsonColumn(body.webhookHosts.map((host) => host.toLowerCase())) } : {}),
            ...(body.contact !== undefined ? { contact: toJsonColumn(cleanContact(body.contact)) } : {}),
            ...(body.letterhead !== undefined ? { letterhead: cleanLetterhead(body.letterhead) } : {}),
            ...(legalPages !== undefined ? { legal_pages: toJsonColumn(legalPages) } : {}),
            updated_at: new Date(),
          });
          await appendAuditEvent(trx, { ...auditOf(request, before), details: describeChange(body) });
          return row!;
        });
      app.organisations.forget(updated.id);
      return toSettingsView(updated);
    },
  );

  // Registered before the routes that change the logo (the authorisation matrix calls routes in this order).
  app.get(
    '/api/organisation/logo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'The organisation’s logo (PNG or JPEG) as the portal and documents show it',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            organisation: {
              type: 'string',
              pattern: ORGANISATION_SLUG_PATTERN.source,
              description: 'The organisation’s slug, resolved like X-Amtsweg-Organisation (an <img> sends no header); the site view’s address names it',
            },
            v: { type: 'string', maxLength: 40, description: 'The version the site view names; lets the answer be cached' },
          },
        },
        response: { 400: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const query = request.query as { organisation?: string; v?: string };
      const organisation = query.organisation === undefined ? request.organisation : await app.organisations.findSite(request.hostname.toLowerCase(), query.organisation);
      // On a host name of another organisation the slug is overruled, as the header is: its logo is not the one asked for.
      if (organisation.slug !== (query.organisation ?? organisation.slug)) throw new AppError('NOT_FOUND', NO_LOGO);
      const logo = organisation.logo_type ? await findOrganisationLogo(db(), organisation.id) : undefined;
      if (!logo) throw new AppError('NOT_FOUND', NO_LOGO);
      const versioned = query.v === logoVersion(logo.updatedAt);
      allowCaching(request, reply, query.organisation !== undefined, versioned ? 'max-age=31536000, immutable' : 'max-age=300');
      return reply.header('content-type', logo.type).header('content-disposition', 'inline').send(logo.bytes);
    },
  );

  app.post(
    '/api/organisation/logo',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['administration'],
        summary: `Upload or replace the logo (multipart: file): PNG or JPEG up to ${MAX_LOGO_BYTES / 1024} KB, recognised by its content, never SVG`,
        consumes: ['multipart/form-data'],
        response: { 200: ORGANISATION_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 413: ERROR, 415: ERROR },
      },
    },
    async (request) => {
      const bytes = await readLogo(request);
      const detected = await fileTypeFromBuffer(bytes);
      const type = LOGO_TYPES.find((t) => t === detected?.mime);
      if (!type) throw logoRefused('type', { de: 'Das Logo muss ein PNG- oder JPEG-Bild sein (SVG und andere Formate werden nicht angenommen).', en: 'The logo must be a PNG or JPEG image (SVG and other formats are not accepted).' }, 'UNSUPPORTED_MEDIA_TYPE');
      // Width and height from the image's header, before anything decodes its pixels: a small file can hold a
      // huge image (10000 × 10000 px of one colour compress to a few KB, and would take gigabytes to decode).
      const size = readImageSize(bytes);
      if (!size) throw logoRefused('unreadable', UNREADABLE_LOGO);
      if (size.width < 1 || size.height < 1 || size.width > MAX_LOGO_PIXELS || size.height > MAX_LOGO_PIXELS) {
        const found = `${size.width} × ${size.height}`;
        throw logoRefused('dimensions', {
          de: `Das Logo darf höchstens ${MAX_LOGO_PIXELS} × ${MAX_LOGO_PIXELS} Pixel groß sein (und nicht leer); dieses hat ${found} Pixel. Bitte verkleinern Sie es.`,
          en: `The logo may be at most ${MAX_LOGO_PIXELS} × ${MAX_LOGO_PIXELS} pixels (and not empty); this one has ${found} pixels. Please make it smaller.`,
        });
      }
      if (!(await canPrintImage({ bytes, type }))) throw logoRefused('unreadable', UNREADABLE_LOGO);
      return toSettingsView(await storeLogo(app, request, { bytes, type }));
    },
  );

  app.delete(
    '/api/organisation/logo',
    {
      config: { access: 'organisation:manage' },
      schema: { tags: ['administration'], summary: 'Remove the logo', response: { 200: ORGANISATION_VIEW, 401: ERROR, 403: ERROR } },
    },
    async (request) => toSettingsView(await storeLogo(app, request, null)),
  );

  app.get(
    '/api/site',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'What the portal shows about the organisation: name, address, contact, logo, legal pages',
        response: { 200: SITE_VIEW },
      },
    },
    async (request, reply) => {
      // Cached briefly: a change in the administration shows in the portal within a minute. Both languages are in
      // the answer, so only the organisation makes it differ.
      allowCaching(request, reply, false, 'max-age=60');
      return toSiteView(request.organisation);
    },
  );
}

const NO_LOGO = { de: 'Diese Organisation hat kein Logo.', en: 'This organisation has no logo.' };
const UNREADABLE_LOGO = { de: 'Das Logo lässt sich nicht lesen: Die Bilddatei ist beschädigt.', en: 'The logo cannot be read: the image file is damaged.' };

/**
 * Who may keep an answer about an organisation, and keyed on what. Which organisation it is about comes, for
 * visitors and citizens, from the host name and the `X-Amtsweg-Organisation` header (a portal under /o/<slug>/):
 * any cache may keep it, keyed on both (`Vary`). For staff their session or token picks their account's
 * organisation wherever they call from — a cookie no cache keys on — so that answer is kept by none, not even
 * the staff member's browser: a minute later the same address may be a portal of another organisation.
 * `namedInUrl`: the address names the organisation itself (the logo's `organisation`), whoever asks.
 */
function allowCaching(request: FastifyRequest, reply: FastifyReply, namedInUrl: boolean, freshness: string): void {
  const { principal } = request;
  const byAccount = !namedInUrl && principal.kind === 'user' && principal.user.kind === 'staff';
  void reply.header('cache-control', byAccount ? 'private, no-store' : `public, ${freshness}`).header('vary', `host, ${ORGANISATION_HEADER}`);
}

/** Width and height as the image's header states them (PNG: IHDR, JPEG: its frame header), nothing decoded; undefined when there is none. */
function readImageSize(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return { width, height };
  } catch {
    return undefined;
  }
}

function toSettingsView(o: Organisation) {
  return {
    id: o.id,
    slug: o.slug,
    requireMfa: o.require_mfa,
    webhookHosts: o.webhook_hosts,
    ...toSiteView(o),
    letterhead: o.letterhead,
    updatedAt: o.updated_at.toISOString(),
  };
}

function toSiteView(o: Organisation) {
  const pages = o.legal_pages;
  const page = (text: OrganisationText | undefined) => (text && text.de.trim() !== '' ? { de: text.de, ...(text.en?.trim() ? { en: text.en } : {}) } : null);
  return {
    name: o.name,
    address: o.address,
    contact: cleanContact(o.contact),
    // The address names the organisation: an <img> cannot send the header of a portal under /o/<slug>/.
    logo: o.logo_type ? { type: o.logo_type, url: `/api/organisation/logo?${new URLSearchParams({ organisation: o.slug, v: logoVersion(o.updated_at) }).toString()}` } : null,
    legalPages: {
      imprint: page(pages.imprint),
      privacy: page(pages.privacy),
      accessibility: page(pages.accessibility),
      accessibilityFeedbackEmail: pages.accessibilityFeedbackEmail ?? '',
    },
  };
}

function logoVersion(updatedAt: Date): string {
  return updatedAt.getTime().toString(36);
}

function mergeLegalPages(stored: OrganisationLegalPages, sent: OrganisationLegalPages): OrganisationLegalPages {
  const merged: OrganisationLegalPages = { ...stored };
  for (const page of LEGAL_PAGES) {
    const text = sent[page];
    if (text) merged[page] = { de: text.de.trim(), ...(text.en?.trim() ? { en: text.en.trim() } : {}) };
  }
  if (sent.accessibilityFeedbackEmail !== undefined) merged.accessibilityFeedbackEmail = sent.accessibilityFeedbackEmail.trim();
  return merged;
}

function cleanContact(contact: OrganisationContact): OrganisationContact {
  const clean: OrganisationContact = {};
  for (const field of CONTACT_FIELDS) {
    const value = contact[field]?.trim();
    if (value) clean[field] = value;
  }
  return clean;
}

function cleanLetterhead(letterhead: string): string {
  return letterhead
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/**
 * Every problem of the settings at once, each at its field (`/body/contact/email`) with the field's name in German
 * and English; nothing is stored while any remains. `legalPages` are the pages as they would be stored.
 */
function checkSettings(body: SettingsBody, legalPages: OrganisationLegalPages): void {
  const errors: { path: string; code: string; message: AppMessage }[] = [];
  const refuse = (field: string, code: string, describe: (name: string, language: 'de' | 'en') => string) => {
    const name = FIELD_NAMES[field]!;
    errors.push({ path: `/body/${field}`, code, message: { de: describe(name.de, 'de'), en: describe(name.en, 'en') } });
  };
  const tooLong = (field: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max) {
      refuse(field, 'maxLength', (name, l) => (l === 'de' ? `„${name}“ darf höchstens ${max} Zeichen lang sein.` : `“${name}” may be at most ${max} characters long.`));
      return true;
    }
    return false;
  };
  const email = (field: string, value: string | undefined) => {
    const text = value?.trim();
    if (!text || tooLong(field, text, LIMITS.email)) return;
    if (!EMAIL_PATTERN.test(text)) refuse(field, 'format', (name, l) => (l === 'de' ? `„${name}“ ist keine gültige E-Mail-Adresse.` : `“${name}” is not a valid email address.`));
  };

  if (body.name !== undefined && !tooLong('name', body.name.trim(), LIMITS.name) && body.name.trim() === '') {
    refuse('name', 'required', (name, l) => (l === 'de' ? `Bitte geben Sie „${name}“ an.` : `Please enter the “${name}”.`));
  }
  tooLong('address', body.address?.trim(), LIMITS.address);
  if (body.contact) {
    email('contact/email', body.contact.email);
    const phone = body.contact.phone?.trim();
    if (phone && !tooLong('contact/phone', phone, LIMITS.phone) && !PHONE_PATTERN.test(phone)) {
      refuse('contact/phone', 'format', (name, l) =>
        l === 'de' ? `„${name}“ darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.` : `“${name}” may contain only digits, spaces and + ( ) / -.`,
      );
    }
    const website = body.contact.website?.trim();
    if (website && !tooLong('contact/website', website, LIMITS.website) && !isWebAddress(website)) {
      refuse('contact/website', 'format', (name, l) => (l === 'de' ? `„${name}“ muss eine Adresse mit https:// oder http:// sein.` : `“${name}” must be an address starting with https:// or http://.`));
    }
    tooLong('contact/openingHours', body.contact.openingHours?.trim(), LIMITS.openingHours);
  }
  if (body.letterhead !== undefined && !tooLong('letterhead', body.letterhead.trim(), LIMITS.letterhead)) {
    if (cleanLetterhead(body.letterhead).split('\n').length > MAX_LETTERHEAD_LINES) {
      refuse('letterhead', 'maxLines', (name, l) => (l === 'de' ? `„${name}“ darf höchstens ${MAX_LETTERHEAD_LINES} Zeilen haben.` : `“${name}” may have at most ${MAX_LETTERHEAD_LINES} lines.`));
    }
  }
  for (const page of LEGAL_PAGES) {
    const text = body.legalPages?.[page];
    if (!text) continue;
    tooLong(`legalPages/${page}/de`, text.de, LIMITS.legalText);
    tooLong(`legalPages/${page}/en`, text.en, LIMITS.legalText);
    for (const language of ['de', 'en'] as const) {
      // A page is published the moment it is saved: a template's places still to be filled in never reach citizens.
      if (TO_COMPLETE.some((marker) => text[language]?.includes(marker))) {
        refuse(`legalPages/${page}/${language}`, 'incomplete', (name, l) =>
          l === 'de'
            ? `„${name}“ enthält noch Stellen, die zu ergänzen sind („[bitte ergänzen …]“). Bitte füllen Sie sie aus: Gespeichert ist die Seite sofort veröffentlicht.`
            : `“${name}” still has places to be completed (“[to be completed …]”). Please fill them in: once saved, the page is published.`,
        );
      }
    }
    if (text.de.trim() === '' && text.en?.trim()) {
      refuse(`legalPages/${page}/de`, 'required', (name, l) =>
        l === 'de' ? `„${name}“ fehlt: Die deutsche Fassung ist die maßgebliche, die englische ist freiwillig.` : `“${name}” is missing: the German text is the authoritative one, English is optional.`,
      );
    }
  }
  if (body.legalPages) {
    email('legalPages/accessibilityFeedbackEmail', body.legalPages.accessibilityFeedbackEmail);
    // BITV 2.0 § 7: the statement must name a way to report barriers.
    if (legalPages.accessibility?.de.trim() && !legalPages.accessibilityFeedbackEmail?.trim()) {
      refuse('legalPages/accessibilityFeedbackEmail', 'required', (name, l) =>
        l === 'de'
          ? `Bitte geben Sie „${name}“ an: Eine Erklärung zur Barrierefreiheit muss nennen, wie man Barrieren melden kann (BITV 2.0 § 7).`
          : `Please enter the “${name}”: an accessibility statement must say how to report barriers (BITV 2.0 § 7).`,
      );
    }
  }
  if (errors.length > 0) {
    const first = errors[0]!.message;
    throw new AppError('REQUEST_INVALID', errors.length === 1 ? first : { de: `${first.de} (und ${errors.length - 1} weitere Angaben)`, en: `${first.en} (and ${errors.length - 1} more)` }, { errors });
  }
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Which settings changed, with their new values; legal pages by name only (their texts are long and in the settings). */
function describeChange(body: SettingsBody): Record<string, unknown> {
  const { legalPages, ...rest } = body;
  if (!legalPages) return rest;
  const changed = Object.keys(legalPages).filter((key) => key !== 'accessibilityFeedbackEmail');
  return {
    ...rest,
    legalPages: changed,
    ...(legalPages.accessibilityFeedbackEmail !== undefined ? { accessibilityFeedbackEmail: legalPages.accessibilityFeedbackEmail } : {}),
  };
}

function auditOf(request: FastifyRequest, organisation: Organisation) {
  const actor = (request.principal as UserPrincipal).user;
  return { organisationId: organisation.id, kind: 'organisation-changed', actorId: actor.id, subjectId: organisation.id, ip: request.ip };
}

async function storeLogo(app: FastifyInstance, request: FastifyRequest, logo: { bytes: Buffer; type: LogoType } | null): Promise<Organisation> {
  const before = request.organisation;
  const updated = await app.database.db.transaction().execute(async (trx) => {
    const row = await updateOrganisation(trx, before.id, { logo: logo?.bytes ?? null, logo_type: logo?.type ?? null, updated_at: new Date() });
    // The bytes stay out of the audit trail: what kind of image, and how large.
    await appendAuditEvent(trx, { ...auditOf(request, before), details: { logo: logo ? { type: logo.type, size: logo.bytes.length } : null } });
    return row!;
  });
  app.organisations.forget(before.id);
  return updated;
}

/** The one file of the upload, refused when it is missing, empty or larger than the logo may be. */
async function readLogo(request: FastifyRequest): Promise<Buffer> {
  const tooLarge = () => logoRefused('maxSize', { de: `Das Logo darf höchstens ${MAX_LOGO_BYTES / 1024} KB groß sein.`, en: `The logo may be at most ${MAX_LOGO_BYTES / 1024} KB.` }, 'PAYLOAD_TOO_LARGE');
  const file = await readOneFile(request, {}, () => Promise.resolve({ maxBytes: MAX_LOGO_BYTES, tooLarge }));
  if (!file) throw logoRefused('required', { de: 'Bitte wählen Sie eine Bilddatei für das Logo.', en: 'Please choose an image file for the logo.' });
  if (file.content.length === 0) throw logoRefused('required', { de: 'Die Datei für das Logo ist leer.', en: 'The logo file is empty.' });
  return file.content;
}

function logoRefused(code: string, message: AppMessage, appCode: 'REQUEST_INVALID' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' = 'REQUEST_INVALID'): AppError {
  return new AppError(appCode, message, { errors: [{ path: '/file', code, message }] });
}
