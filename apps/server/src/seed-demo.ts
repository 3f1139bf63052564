import { randomUUID } from 'node:crypto';
import {
  countCases,
  findServiceBySlug,
  findUserByEmail,
  insertService,
  insertServiceVersion,
  insertUser,
  replaceServiceRoles,
  type DatabaseHandle,
  type Organisation,
  type StaffRole,
} from '@amtsweg/db';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { compileFormSchema } from '@amtsweg/forms';
import { hashPassword } from './auth/password';
import { createSubmissionContext } from './cases/submission-context';
import { submitApplication } from './cases/submit-application';
import { VersionCache } from './services/version-cache';

const DEMO_HOLDERS = [
  ['Erika', 'Mustermann', 'Heidestraße', '17a', '51147', 'Köln'],
  ['Max', 'Schmidt', 'Lindenallee', '3', '50667', 'Köln'],
  ['Aylin', 'Yılmaz', 'Am Markt', '9', '53111', 'Bonn'],
  ['Jonas', 'Becker', 'Gartenweg', '22', '50935', 'Köln'],
] as const;

/**
 * First start: publishes the Hundeanmeldung and files a few applications, so a new user sees something real.
 * Does nothing if the service already exists.
 */
export async function seedDemo(database: DatabaseHandle, organisation: Organisation, options: { accounts: boolean }): Promise<void> {
  const { db } = database;
  if (await findServiceBySlug(db, organisation.id, 'hundeanmeldung')) return;
  const definition = HUNDEANMELDUNG as ServiceDefinition;
  const service = await insertService(db, { id: randomUUID(), organisationId: organisation.id, slug: 'hundeanmeldung', draft: definition });
  const version = await db
    .transaction()
    .execute((trx) => insertServiceVersion(trx, organisation.id, service.id, definition, compileFormSchema(definition.form, definition.title.de)));
  const citizenId = options.accounts ? await seedDemoAccounts(db, organisation, service.id) : undefined;
  if ((await countCases(db, organisation.id)) > 0) return;
  const compiled = new VersionCache().add(organisation.id, service.id, version.version, definition);
  const context = createSubmissionContext(db);
  for (const [index, [firstName, lastName, street, houseNumber, postalCode, city]] of DEMO_HOLDERS.entries()) {
    await submitApplication(context, organisation, compiled, demoApplication(index, { firstName, lastName, street, houseNumber, postalCode, city }), {
      language: 'de',
      // Erika's application was filed from her citizen account, so she finds it under "my applications".
      ...(index === 0 && citizenId ? { applicantUserId: citizenId } : {}),
    });
  }
}

/** The password of every demo account (README). Demo accounts exist only where demo data was asked for (`SEED_DEMO`). */
export const DEMO_PASSWORD = 'Amtsweg-Demo-2026';

/** One account for every side of Amtsweg; listed in the README. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@musterstadt.example', displayName: 'Anna Admin', kind: 'staff', roles: ['administrator'], serviceRoles: [] },
  { email: 'studio@musterstadt.example', displayName: 'Dora Designer', kind: 'staff', roles: ['designer'], serviceRoles: [] },
  { email: 'hundesteuer@musterstadt.example', displayName: 'Sven Sachbearbeiter', kind: 'staff', roles: ['caseworker'], serviceRoles: ['dogTax'] },
  { email: 'teamleitung@musterstadt.example', displayName: 'Tina Teamleitung', kind: 'staff', roles: ['caseworker'], serviceRoles: ['teamLead'] },
  { email: 'erika@example.org', displayName: 'Erika Mustermann', kind: 'citizen', roles: [], serviceRoles: [] },
] as const satisfies readonly { email: string; displayName: string; kind: 'staff' | 'citizen'; roles: readonly StaffRole[]; serviceRoles: readonly string[] }[];

/** Creates the demo accounts (leaving an address alone that has an account already); answers the demo citizen's id. */
async function seedDemoAccounts(db: DatabaseHandle['db'], organisation: Organisation, serviceId: string): Promise<string | undefined> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let citizenId: string | undefined;
  for (const account of DEMO_ACCOUNTS) {
    // The first administrator (ADMIN_EMAIL) may have taken a demo address.
    if (await findUserByEmail(db, organisation.id, account.kind, account.email)) continue;
    const user = await insertUser(db, {
      id: randomUUID(),
      organisation_id: organisation.id,
      kind: account.kind,
      email: account.email,
      display_name: account.displayName,
      password_hash: passwordHash,
      roles: [...account.roles],
    });
    await replaceServiceRoles(db, organisation.id, user.id, account.serviceRoles.map((role) => ({ serviceId, role })));
    if (account.kind === 'citizen') citizenId = user.id;
  }
  return citizenId;
}

function demoApplication(index: number, holder: Record<string, string>): Record<string, unknown> {
  return {
    holder: { ...holder, birthDate: `198${index}-0${index + 1}-1${index}`, email: `${holder.firstName!.toLowerCase()}@example.org` },
    dogs: [
      {
        name: ['Bello', 'Luna', 'Rocky', 'Nala'][index],
        breed: ['labrador', 'mixed', 'dachshund', 'germanShepherd'][index],
        listedBreed: false,
        birthDate: '2022-03-01',
        acquiredOn: '2022-05-01',
        chipNumber: `27609810612345${index}`,
        insurer: 'Beispiel Versicherung AG',
        policyNumber: `HV-${1000 + index}`,
      },
    ],
    sepaMandate: false,
    consent: true,
  };
}
