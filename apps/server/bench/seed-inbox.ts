// Fills a PostgreSQL database with an inbox at scale: three organisations, twenty published services (the
// Hundeanmeldung under other names and reference prefixes), caseworkers with process roles, and N cases spread
// over two years — states by age, some assigned, some overdue, German applicant names, real references drawn
// from the services' own reference sequences. Cases are written by one INSERT … SELECT generate_series per
// batch, so memory stays flat from 1,000 to 1,000,000 cases.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/amtsweg_inbox pnpm --filter @amtsweg/server seed:inbox -- --cases 1000000
//
// The database is migrated first and must not hold these services yet. Every account's password is
// INBOX_SEED_PASSWORD. Seeded cases have no events, documents or deadline rows (the inbox list reads none).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  ensureOrganisation,
  insertService,
  insertServiceVersion,
  insertUser,
  migrateToLatest,
  replaceServiceRoles,
  type Database,
} from '@amtsweg/db';
import { checkDefinition, isPublishable, type ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { compileForm, compileFormSchema } from '@amtsweg/forms';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_ORGANISATION } from '../src/app';
import { hashPassword } from '../src/auth/password';
import { toOfficeDate } from '../src/cases/office-date';

/** The password of every seeded account. */
export const INBOX_SEED_PASSWORD = 'Inbox-Benchmark-2026';
const DEFAULT_CASES = 100_000;
const DEFAULT_BATCH = 50_000;
const SPAN_DAYS = 730;
/** Relative case volume of the n-th service (Zipf-like: the first is about six times the twentieth). */
const SERVICE_WEIGHT_EXPONENT = 0.6;

interface OrganisationPlan {
  slug: string;
  name: string;
  address: string;
  /** District name and reference prefix of each service. */
  districts: readonly (readonly [string, string])[];
  /** Per caseworker: the indexes (into `districts`) of the services they hold the `dogTax` role for. */
  caseworkers: readonly (readonly number[])[];
}

const ORGANISATIONS: readonly OrganisationPlan[] = [
  {
    ...DEFAULT_ORGANISATION,
    districts: [
      ['Mitte', 'HMI'],
      ['Nord', 'HNO'],
      ['Süd', 'HSU'],
      ['Ost', 'HOS'],
      ['West', 'HWE'],
      ['Altstadt', 'HAL'],
      ['Hafen', 'HHA'],
      ['Neustadt', 'HNS'],
      ['Waldesruh', 'HWR'],
      ['Bergheim', 'HBH'],
    ],
    // The first caseworker is the one `pnpm bench:inbox` logs in as; the second shares their services.
    caseworkers: [[0, 1, 2, 3], [0, 1, 2, 3], [4, 5, 6, 7], [4, 5, 6, 7], [8, 9], [4, 5, 6, 7, 8, 9]],
  },
  {
    slug: 'beispielhausen',
    name: 'Gemeinde Beispielhausen',
    address: 'Marktplatz 3, 23456 Beispielhausen',
    districts: [
      ['Kernort', 'BKE'],
      ['Oberdorf', 'BOB'],
      ['Unterdorf', 'BUN'],
      ['Mühlental', 'BMT'],
      ['Am See', 'BAS'],
      ['Heide', 'BHE'],
    ],
    caseworkers: [[0, 1, 2], [3, 4, 5]],
  },
  {
    slug: 'kreis-nordheide',
    name: 'Landkreis Nordheide',
    address: 'Kreishaus, Am Wall 1, 34567 Nordheide',
    districts: [
      ['Amt Heidekamp', 'KHK'],
      ['Amt Moorwisch', 'KMW'],
      ['Amt Sandau', 'KSA'],
      ['Amt Birkenfeld', 'KBF'],
    ],
    caseworkers: [[0, 1], [2, 3]],
  },
];

const FIRST_NAMES = [
  'Anna', 'Emma', 'Mia', 'Sophie', 'Lena', 'Marie', 'Hannah', 'Laura', 'Lea', 'Julia', 'Sarah', 'Katharina', 'Johanna',
  'Clara', 'Greta', 'Ida', 'Frieda', 'Elif', 'Zeynep', 'Aylin', 'Sabine', 'Petra', 'Monika', 'Ursula', 'Ingrid', 'Heike',
  'Birgit', 'Renate', 'Jürgen', 'Günter', 'Klaus', 'Wolfgang', 'Peter', 'Michael', 'Thomas', 'Andreas', 'Stefan', 'Frank',
  'Markus', 'Christian', 'Jan', 'Lukas', 'Leon', 'Paul', 'Felix', 'Jonas', 'Maximilian', 'Tim', 'Niklas', 'Ben', 'Elias',
  'Noah', 'Emil', 'Anton', 'Mehmet', 'Ali', 'Björn', 'Sören', 'Jörg', 'Dieter',
];
// Most frequent German surnames first: names are drawn with a skew towards the top of the list.
const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer',
  'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger',
  'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze',
  'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz',
  'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler',
  'Roth', 'Beck', 'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm', 'Winter', 'Kraus',
  'Martin', 'Schumacher', 'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel', 'Heinrich', 'Brandt',
  'Haas', 'Schreiber', 'Graf', 'Schulte', 'Dietrich', 'Ziegler', 'Kuhn', 'Kühn', 'Pohl', 'Engel', 'Horn', 'Busch',
  'Bergmann', 'Thomas', 'Voigt', 'Sauer', 'Arnold', 'Wolff', 'Pfeiffer', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Nowak',
  'Kowalski', 'Nguyen', 'Popescu', 'Rossi', 'Papadopoulos',
];

/** A published service of the seed. */
export interface SeededService {
  id: string;
  organisationId: string;
  slug: string;
  /** The reference prefix: `HMI-2026-00042`. */
  prefix: string;
}

/** A seeded caseworker account (all share INBOX_SEED_PASSWORD). */
export interface SeededCaseworker {
  id: string;
  organisationId: string;
  organisationSlug: string;
  email: string;
  serviceIds: string[];
}

export interface InboxSeed {
  organisations: { id: string; slug: string }[];
  services: SeededService[];
  /** In plan order; the first is the bench's caseworker (four of Musterstadt's services). */
  caseworkers: SeededCaseworker[];
  cases: number;
  /** Wall-clock seconds for the cases alone, and for VACUUM ANALYZE afterwards. */
  seconds: { cases: number; vacuum: number };
}

export interface SeedInboxOptions {
  cases?: number;
  /** Cases per INSERT statement. */
  batchSize?: number;
  /** The moment the seed is written for (received dates end here, overdue is relative to it). */
  now?: Date;
  onProgress?: (written: number, total: number) => void;
}

/**
 * Seeds organisations, services, caseworkers and cases into a migrated PostgreSQL database, then runs
 * VACUUM ANALYZE on `cases` (as autovacuum would after a bulk load), so plans and index-only scans are those
 * of a settled table.
 *
 * @example
 * const seed = await seedInbox(handle.db, { cases: 100_000 });
 * console.log(seed.caseworkers[0]!.email, INBOX_SEED_PASSWORD);
 */
export async function seedInbox(db: Kysely<Database>, options: SeedInboxOptions = {}): Promise<InboxSeed> {
  const total = options.cases ?? DEFAULT_CASES;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const now = options.now ?? new Date();
  const definition = HUNDEANMELDUNG as ServiceDefinition;
  const passwordHash = await hashPassword(INBOX_SEED_PASSWORD);

  const organisations: InboxSeed['organisations'] = [];
  const services: SeededService[] = [];
  const caseworkers: SeededCaseworker[] = [];
  for (const plan of ORGANISATIONS) {
    const organisation = await ensureOrganisation(db, { id: randomUUID(), slug: plan.slug, name: plan.name, address: plan.address });
    organisations.push({ id: organisation.id, slug: organisation.slug });
    const own: SeededService[] = [];
    for (const [district, prefix] of plan.districts) {
      const service = await publishVariant(db, organisation.id, definition, district, prefix);
      own.push(service);
      services.push(service);
    }
    for (const [index, held] of plan.caseworkers.entries()) {
      const email = `sachbearbeitung${index + 1}@${plan.slug}.example`;
      const serviceIds = held.map((i) => own[i]!.id);
      caseworkers.push(await insertStaff(db, organisation.id, plan.slug, email, `Sachbearbeitung ${index + 1}`, passwordHash, serviceIds, 'dogTax'));
    }
    // A team lead holds a role for every service of the organisation, so sees all of its cases.
    await insertStaff(db, organisation.id, plan.slug, `teamleitung@${plan.slug}.example`, 'Teamleitung', passwordHash, own.map((s) => s.id), 'teamLead');
  }

  const years = yearsBetween(new Date(now.getTime() - SPAN_DAYS * 86_400_000), now);
  for (const service of services) {
    for (const year of years) await sql`create sequence if not exists ${sql.id(referenceSequence(service.id, year))}`.execute(db);
  }

  const startedAt = performance.now();
  const weights = services.map((_, i) => 1 / (i + 1) ** SERVICE_WEIGHT_EXPONENT);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const serviceRows = services.map((service, i) => {
    const low = cumulative / weightSum;
    cumulative += weights[i]!;
    const workers = caseworkers.filter((w) => w.serviceIds.includes(service.id)).map((w) => w.id);
    return { service_id: service.id, organisation_id: service.organisationId, prefix: service.prefix, low, high: i === services.length - 1 ? 1.0001 : cumulative / weightSum, workers };
  });
  const template = normalisedExampleData(definition, now);
  const batches = Math.max(1, Math.ceil(total / batchSize));
  const spanMs = SPAN_DAYS * 86_400_000;
  let written = 0;
  for (let batch = 0; batch < batches; batch++) {
    // Batches cover consecutive slices of the two years, so reference numbers rise with the received date.
    const count = Math.floor((total * (batch + 1)) / batches) - Math.floor((total * batch) / batches);
    const from = new Date(now.getTime() - spanMs + (spanMs * batch) / batches);
    const to = new Date(now.getTime() - spanMs + (spanMs * (batch + 1)) / batches);
    await insertCaseBatch(db, { count, from, to, now, services: serviceRows, template });
    written += count;
    options.onProgress?.(written, total);
  }
  const casesSeconds = (performance.now() - startedAt) / 1000;
  const vacuumStarted = performance.now();
  await sql`vacuum analyze cases`.execute(db);
  return {
    organisations,
    services,
    caseworkers,
    cases: total,
    seconds: { cases: casesSeconds, vacuum: (performance.now() - vacuumStarted) / 1000 },
  };
}

async function publishVariant(db: Kysely<Database>, organisationId: string, base: ServiceDefinition, district: string, prefix: string): Promise<SeededService> {
  const definition: ServiceDefinition = {
    ...base,
    title: { de: `${base.title.de} – ${district}`, en: `${base.title.en ?? base.title.de} – ${district}` },
    settings: { ...base.settings, referencePattern: `${prefix}-{YYYY}-{SEQ:5}` },
  };
  const diagnostics = checkDefinition(definition);
  if (!isPublishable(diagnostics)) throw new Error(`the ${district} variant cannot be published: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  const slug = `hundeanmeldung-${prefix.toLowerCase()}`;
  const service = await insertService(db, { id: randomUUID(), organisationId, slug, draft: definition });
  await db.transaction().execute((trx) => insertServiceVersion(trx, organisationId, service.id, definition, compileFormSchema(definition.form, definition.title.de)));
  return { id: service.id, organisationId, slug, prefix };
}

async function insertStaff(
  db: Kysely<Database>,
  organisationId: string,
  organisationSlug: string,
  email: string,
  displayName: string,
  passwordHash: string,
  serviceIds: string[],
  role: string,
): Promise<SeededCaseworker> {
  const user = await insertUser(db, {
    id: randomUUID(),
    organisation_id: organisationId,
    kind: 'staff',
    email,
    display_name: displayName,
    password_hash: passwordHash,
    roles: ['caseworker'],
  });
  await replaceServiceRoles(db, organisationId, user.id, serviceIds.map((serviceId) => ({ serviceId, role })));
  return { id: user.id, organisationId, organisationSlug, email, serviceIds };
}

/** The example application as a submission stores it (normalised, calculated fields filled in). */
function normalisedExampleData(definition: ServiceDefinition, now: Date): unknown {
  const example = readExampleSubmissions().find((s) => s.file === 'valid-without-files.json');
  if (!example) throw new Error('the example submission valid-without-files.json is missing');
  const result = compileForm(definition.form).validate(example.data, { language: 'de', today: toOfficeDate(now) });
  if (!result.valid) throw new Error(`the example submission no longer validates: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.data;
}

interface CaseBatch {
  count: number;
  from: Date;
  to: Date;
  now: Date;
  services: { service_id: string; organisation_id: string; prefix: string; low: number; high: number; workers: string[] }[];
  template: unknown;
}

/**
 * One statement: `count` cases received between `from` and `to`. Each row draws its service (by weight), its
 * received moment and its fate; the older a case, the likelier it is decided. References come from the
 * service's reference sequence in received order, exactly as submissions draw them.
 */
async function insertCaseBatch(db: Kysely<Database>, batch: CaseBatch): Promise<void> {
  await sql`
    with service as (
      select * from jsonb_to_recordset(${JSON.stringify(batch.services)}::jsonb)
        as s(service_id uuid, organisation_id uuid, prefix text, low float8, high float8, workers text[])
    ),
    draw as (
      select ${batch.from}::timestamptz + random() * (${batch.to}::timestamptz - ${batch.from}::timestamptz) as received_at,
             random() as r_service, random() as r_state, random() as r_assign, random() as r_who,
             random() as r_first, random() as r_last, random() as r_wait
      from generate_series(1, ${batch.count}::int)
    ),
    aged as (
      select d.*, s.service_id, s.organisation_id, s.prefix, s.workers,
             extract(epoch from ${batch.now}::timestamptz - d.received_at) / 86400 as age_days,
             extract(year from d.received_at at time zone 'Europe/Berlin')::int as year,
             (${FIRST_NAMES}::text[])[1 + floor(d.r_first * ${FIRST_NAMES.length})::int] as first_name,
             (${SURNAMES}::text[])[1 + floor(power(d.r_last, 1.3) * ${SURNAMES.length})::int] as last_name
      from draw d join service s on d.r_service >= s.low and d.r_service < s.high
    ),
    opened as (
      select a.*,
             case when a.age_days < 14 then 0.9 when a.age_days < 45 then 0.5 when a.age_days < 120 then 0.12 else 0.015 end as p_open
      from aged a
    ),
    decided as (
      select o.*,
             case
               when o.r_state < o.p_open * 0.3 then 'awaitingApplicant'
               when o.r_state < o.p_open then 'inReview'
               when o.r_state < o.p_open + (1 - o.p_open) * 0.86 then 'approved'
               when o.r_state < o.p_open + (1 - o.p_open) * 0.96 then 'rejected'
               else 'withdrawn'
             end as state,
             o.received_at + least(o.age_days, 12) * o.r_wait * interval '1 day' as waiting_since
      from opened o
    ),
    ordered as (
      select * from decided order by received_at
    ),
    numbered as (
      -- nextval over rows already in received order: numbers rise with the received moment.
      select o.*, nextval(format('case_reference_%s_%s', replace(o.service_id::text, '-', ''), o.year)::regclass) as seq
      from ordered o
    )
    insert into cases (id, organisation_id, service_id, service_version, reference, state, status, outcome, snapshot, data,
                       applicant_name, applicant_email, access_token_hash, assignee_id, due_at, received_at, updated_at, closed_at, version)
    select gen_random_uuid(), n.organisation_id, n.service_id, 1,
           n.prefix || '-' || n.year || '-' || lpad(n.seq::text, 5, '0'),
           n.state, f.status, f.outcome,
           jsonb_build_object('value', n.state, 'status', f.status),
           jsonb_set(jsonb_set(jsonb_set(jsonb_set(${JSON.stringify(batch.template)}::jsonb,
             '{holder,firstName}', to_jsonb(n.first_name)), '{holder,lastName}', to_jsonb(n.last_name)),
             '{holder,email}', to_jsonb(f.email)), '{accountHolder}', to_jsonb(n.first_name || ' ' || n.last_name)),
           n.first_name || ' ' || n.last_name, f.email,
           encode(sha256(uuid_send(gen_random_uuid())), 'hex'),
           case when n.state = 'inReview' and n.r_assign >= 0.6 then null
                else n.workers[1 + floor(n.r_who * cardinality(n.workers))::int] end,
           case when n.state = 'awaitingApplicant' then n.waiting_since + interval '14 days' end,
           n.received_at,
           coalesce(f.closed_at, case when n.state = 'awaitingApplicant' then n.waiting_since end, n.received_at),
           f.closed_at,
           case n.state when 'inReview' then 2 when 'awaitingApplicant' then 3 else 4 end
    from numbered n
    cross join lateral (
      select case when n.state in ('inReview', 'awaitingApplicant') then 'active' else 'done' end as status,
             case when n.state in ('approved', 'rejected', 'withdrawn') then n.state end as outcome,
             case when n.state in ('approved', 'rejected', 'withdrawn')
                  then least(${batch.now}::timestamptz, n.received_at + (2 + n.r_wait * 40) * interval '1 day') end as closed_at,
             replace(replace(replace(replace(lower(n.first_name || '.' || n.last_name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')
               || '@example.org' as email
    ) f
  `.execute(db);
}

/** The name drawReferenceNumbers gives a service's sequence of a year. */
function referenceSequence(serviceId: string, year: number): string {
  return `case_reference_${serviceId.replace(/-/g, '').toLowerCase()}_${year}`;
}

function yearsBetween(from: Date, to: Date): number[] {
  const years: number[] = [];
  // A day either side: the Berlin calendar year of a moment can differ from its UTC year.
  for (let year = new Date(from.getTime() - 86_400_000).getUTCFullYear(); year <= new Date(to.getTime() + 86_400_000).getUTCFullYear(); year++) years.push(year);
  return years;
}

function readFlag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const text = args[index]!.includes('=') ? args[index]!.split('=')[1] : args[index + 1];
  const value = Number(text?.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('set DATABASE_URL to the PostgreSQL database to fill');
  const cases = readFlag('cases', DEFAULT_CASES);
  const batchSize = readFlag('batch', DEFAULT_BATCH);
  const handle = await createDatabase({ databaseUrl, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const seed = await seedInbox(handle.db, {
      cases,
      batchSize,
      onProgress: (written, total) => console.log(`  ${written.toLocaleString('en')} / ${total.toLocaleString('en')} cases`),
    });
    console.log(
      `seeded ${seed.cases.toLocaleString('en')} cases in ${seed.seconds.cases.toFixed(1)} s ` +
        `(${Math.round(seed.cases / seed.seconds.cases).toLocaleString('en')} cases/s), VACUUM ANALYZE ${seed.seconds.vacuum.toFixed(1)} s; ` +
        `${seed.organisations.length} organisations, ${seed.services.length} services, ${seed.caseworkers.length} caseworkers ` +
        `(password ${INBOX_SEED_PASSWORD}, e.g. ${seed.caseworkers[0]!.email})`,
    );
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
