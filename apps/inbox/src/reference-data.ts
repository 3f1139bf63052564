import type { LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

export interface ServiceEntry {
  id: string;
  slug: string;
  title: LocalizedText;
  publishedVersion: number;
}

export interface Caseworker {
  id: string;
  displayName: string;
  serviceRoles: { serviceId: string; role: string }[];
}

let services: Promise<ServiceEntry[]> | undefined;
let caseworkers: Promise<Caseworker[]> | undefined;
const definitions = new Map<string, Promise<ServiceDefinition>>();

/** The organisation's published services (titles for the list and its filter). */
export function loadServices(): Promise<ServiceEntry[]> {
  services ??= api<{ services: ServiceEntry[] }>('/api/services').then((answer) => answer.services);
  services.catch(() => (services = undefined));
  return services;
}

/** Colleagues to assign cases to, and the names behind the ids in a case's history. */
export function loadCaseworkers(): Promise<Caseworker[]> {
  caseworkers ??= api<{ caseworkers: Caseworker[] }>('/api/caseworkers').then((answer) => answer.caseworkers);
  caseworkers.catch(() => (caseworkers = undefined));
  return caseworkers;
}

/** A version's definition (labels of states, actions and fields); versions never change, so each is fetched once. */
export function loadDefinition(serviceId: string, version: number): Promise<ServiceDefinition> {
  const key = `${serviceId}:${version}`;
  let found = definitions.get(key);
  if (!found) {
    found = api<{ definition: ServiceDefinition }>(`/api/services/${serviceId}/versions/${version}`).then((answer) => answer.definition);
    found.catch(() => definitions.delete(key));
    definitions.set(key, found);
  }
  return found;
}
