import { randomUUID } from 'node:crypto';
import { countCases, findServiceBySlug, insertService, insertServiceVersion, type DatabaseHandle, type Organisation } from '@amtsweg/db';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { compileFormSchema } from '@amtsweg/forms';
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
export async function seedDemo(database: DatabaseHandle, organisation: Organisation): Promise<void> {
  const { db } = database;
  if (await findServiceBySlug(db, organisation.id, 'hundeanmeldung')) return;
  const definition = HUNDEANMELDUNG as ServiceDefinition;
  const service = await insertService(db, { id: randomUUID(), organisationId: organisation.id, slug: 'hundeanmeldung', draft: definition });
  const version = await db
    .transaction()
    .execute((trx) => insertServiceVersion(trx, organisation.id, service.id, definition, compileFormSchema(definition.form, definition.title.de)));
  if ((await countCases(db, organisation.id)) > 0) return;
  const compiled = new VersionCache().add(service.id, version.version, definition);
  const context = createSubmissionContext(db);
  for (const [index, [firstName, lastName, street, houseNumber, postalCode, city]] of DEMO_HOLDERS.entries()) {
    await submitApplication(context, organisation, compiled, demoApplication(index, { firstName, lastName, street, houseNumber, postalCode, city }), {
      language: 'de',
    });
  }
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
