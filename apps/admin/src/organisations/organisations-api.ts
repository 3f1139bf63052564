import { api } from '@amtsweg/ui/app';

/** An organisation of the installation as the platform operator sees it. */
export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  address: string;
  hosts: string[];
  staffCount: number;
  serviceCount: number;
  createdAt: string;
}

export interface NewOrganisation {
  name: string;
  slug: string;
  address: string;
  hosts: string[];
  administrator: { email: string; displayName: string; password: string };
}

export function loadOrganisations(): Promise<OrganisationSummary[]> {
  return api<OrganisationSummary[]>('/api/organisations');
}

export function createOrganisation(organisation: NewOrganisation): Promise<OrganisationSummary> {
  return api<OrganisationSummary>('/api/organisations', { method: 'POST', body: organisation });
}

export function saveHosts(organisationId: string, hosts: string[]): Promise<OrganisationSummary> {
  return api<OrganisationSummary>(`/api/organisations/${encodeURIComponent(organisationId)}`, { method: 'PATCH', body: { hosts } });
}

/** Host names typed one per line (commas and spaces also separate), trimmed, in lower case, each once. */
export function parseHosts(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((host) => host.trim().toLowerCase()).filter(Boolean))];
}

/** What the server accepts as a host name: letters, digits, hyphens and dots, no scheme, port or path. */
export function isHostName(host: string): boolean {
  return host.length <= 253 && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host);
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Where the organisation's staff log in: on its own host name if it has one, else here with its slug. */
export function staffLoginAddresses(organisation: Pick<OrganisationSummary, 'slug' | 'hosts'>, origin: string): string[] {
  // The same protocol and port as here: behind the installation's proxy every host name is served alike.
  const { protocol, port } = new URL(origin);
  const hostAddress = (host: string) => `${protocol}//${host}${port ? `:${port}` : ''}/admin/`;
  return [...organisation.hosts.map(hostAddress), `${origin}/admin/?organisation=${encodeURIComponent(organisation.slug)}`];
}
