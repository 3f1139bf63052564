import { listOrganisationHosts, type Organisation } from '@amtsweg/db';
import type { JobContext } from './job-context';

/**
 * Where an organisation's citizens and staff reach Amtsweg, for the links in its e-mails: its own host name (with
 * PUBLIC_URL's protocol and port), else the shared address — under the portal's path prefix `/o/<slug>` unless it
 * is the installation's home organisation, whose portal is the shared address itself.
 */
export async function organisationAddress(
  context: Pick<JobContext, 'db' | 'publicUrl' | 'homeOrganisationId'>,
  organisation: Pick<Organisation, 'id' | 'slug'>): Promise<OrganisationAddress> {
  const [host] = await listOrganisationHosts(context.db, organisation.id);
  if (host) {
    const shared = new URL(context.publicUrl);
    const origin = `${shared.protocol}//${host}${shared.port ? `:${shared.port}` : ''}`;
    return { portal: origin, inbox: `${origin}/inbox/` };
  }
  if (organisation.id === context.homeOrganisationId) return { portal: context.publicUrl, inbox: `${context.publicUrl}/inbox/` };
  // Staff of an organisation without a host name of its own log in on the shared host naming it.
  return { portal: `${context.publicUrl}/o/${organisation.slug}`, inbox: `${context.publicUrl}/inbox/?organisation=${organisation.slug}` };
}

export interface OrganisationAddress {
  /** The portal, without a trailing slash: `${portal}/antraege/<id>` is a case's page. */
  portal: string;
  /** The caseworkers' inbox. */
  inbox: string;
}
