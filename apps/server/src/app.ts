import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '@amtsweg/db';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { OidcOptions } from './auth/oidc-login';
import authPlugin, { type AuthOptions } from './plugins/auth.plugin';
import databasePlugin from './plugins/database.plugin';
import errorHandlerPlugin from './plugins/error-handler.plugin';
import frontEndsPlugin, { type FrontEnd } from './plugins/front-ends.plugin';
import jobsPlugin, { type JobsOptions } from './plugins/jobs.plugin';
import jsonBodyPlugin from './plugins/json-body.plugin';
import openApiPlugin from './plugins/openapi.plugin';
import { accountRoutes } from './routes/account.routes';
import { citizenRegistrationRoutes } from './routes/citizen-registration.routes';
import { administrationRoutes } from './routes/administration.routes';
import { applicantRoutes } from './routes/applicant.routes';
import { caseDecisionRoutes } from './routes/case-decisions.routes';
import { caseworkersRoutes } from './routes/caseworkers.routes';
import { casesRoutes } from './routes/cases.routes';
import { draftsRoutes } from './routes/drafts.routes';
import { filesRoutes } from './routes/files.routes';
import { healthRoutes } from './routes/health.routes';
import { oidcRoutes } from './routes/oidc.routes';
import { organisationSettingsRoutes } from './routes/organisation-settings.routes';
import { organisationsRoutes } from './routes/organisations.routes';
import { servicesRoutes } from './routes/services.routes';
import { studioRoutes } from './routes/studio.routes';
import { submissionsRoutes } from './routes/submissions.routes';
import { webhooksRoutes } from './routes/webhooks.routes';

export interface AppOptions {
  database: DatabaseHandle;
  /**
   * The home organisation: the one stored under this slug, created with these details if missing (the demo
   * organisation by default). server.ts establishes it before (`install/prepare-installation.ts`: the oldest
   * organisation, or the one ORGANISATION_NAME creates on an empty database) and passes the stored one.
   */
  organisation?: { slug: string; name: string; address: string };
  /** Sessions, cookies and rate limits; without a server secret a random one is used (sessions end on restart). */
  security?: Partial<AuthOptions>;
  /** Citizen login through an OpenID Connect provider; without it only email and password. */
  oidc?: OidcOptions;
  /** Built front ends served next to the API (the portal at `/`); none by default. */
  frontEnds?: readonly FrontEnd[];
  /** Background work in this process (deadlines, e-mail, webhooks, housekeeping); none without it. */
  jobs?: JobsOptions;
}

export const DEFAULT_ORGANISATION = {
  slug: 'musterstadt',
  name: 'Stadt Musterstadt',
  address: 'Rathausplatz 1, 12345 Musterstadt',
};

/**
 * The Amtsweg API as a Fastify plugin: the process around it (server.ts) decides logging, ports and
 * shutdown; tests register it on their own instance.
 */
async function amtswegApp(app: FastifyInstance, options: AppOptions): Promise<void> {
  // Bodies are validated strictly: no type coercion, unknown properties are errors, never silently removed.
  // Path and query values arrive as text, so they are coerced to the declared types.
  const bodyAjv = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: false, strict: false });
  const textAjv = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: true, useDefaults: true, strict: false });
  addFormats(bodyAjv);
  addFormats(textAjv);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(openApiPlugin);
  await app.register(databasePlugin, { database: options.database, organisation: options.organisation ?? DEFAULT_ORGANISATION });
  await app.register(authPlugin, { ...options.security, serverSecret: options.security?.serverSecret ?? randomBytes(32).toString('base64url') });
  await app.register(jobsPlugin, { jobs: options.jobs });
  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(citizenRegistrationRoutes);
  await app.register(oidcRoutes, { oidc: options.oidc });
  await app.register(administrationRoutes);
  await app.register(organisationSettingsRoutes);
  await app.register(organisationsRoutes);
  await app.register(servicesRoutes);
  await app.register(studioRoutes);
  await app.register(submissionsRoutes);
  await app.register(filesRoutes);
  await app.register(casesRoutes);
  await app.register(caseDecisionRoutes);
  await app.register(caseworkersRoutes);
  await app.register(applicantRoutes);
  await app.register(draftsRoutes);
  await app.register(webhooksRoutes);
  await app.register(frontEndsPlugin, { frontEnds: options.frontEnds ?? [] });
}

export default fp(amtswegApp, { name: 'amtsweg', fastify: '5.x' });
