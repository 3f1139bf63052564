import type { LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

export interface CatalogEntry {
  id: string;
  slug: string;
  title: LocalizedText;
  description?: LocalizedText;
  preparation?: LocalizedText;
  duration?: LocalizedText;
  publishedVersion: number;
}

export interface PublishedVersion {
  serviceId: string;
  version: number;
  definition: ServiceDefinition;
}

let catalog: Promise<CatalogEntry[]> | undefined;
const versions = new Map<string, Promise<PublishedVersion>>();

/** The organisation's published services; asked once per page load (a failed answer is asked again). */
export function loadCatalog(): Promise<CatalogEntry[]> {
  catalog ??= api<{ services: CatalogEntry[] }>('/api/services').then(
    (answer) => answer.services,
    (error: unknown) => {
      catalog = undefined;
      throw error;
    },
  );
  return catalog;
}

export async function findService(slug: string): Promise<CatalogEntry | undefined> {
  return (await loadCatalog()).find((service) => service.slug === slug);
}

/** A published version's definition; versions never change, so each is fetched once. */
export function loadVersion(serviceId: string, version: number): Promise<PublishedVersion> {
  const key = `${serviceId}:${version}`;
  let found = versions.get(key);
  if (!found) {
    found = api<PublishedVersion>(`/api/services/${serviceId}/versions/${version}`);
    found.catch(() => versions.delete(key));
    versions.set(key, found);
  }
  return found;
}
