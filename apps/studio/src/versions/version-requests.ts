import type { LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

/** A published version as the list of versions names it. */
export interface PublishedVersion {
  version: number;
  publishedAt: string;
  /** Who published it, where the server records it. */
  publishedBy?: string | null;
  title: LocalizedText;
}

/** The published versions of a service, newest first. */
export async function listPublishedVersions(serviceId: string): Promise<PublishedVersion[]> {
  const answer = await api<{ versions: PublishedVersion[] }>(`/api/services/${serviceId}/versions`);
  return answer.versions;
}

/** The definition of one published version. */
export async function loadVersionDefinition(serviceId: string, version: number): Promise<ServiceDefinition> {
  const answer = await api<{ definition: ServiceDefinition }>(`/api/services/${serviceId}/versions/${version}`);
  return answer.definition;
}

/**
 * Replaces the draft by a published version. It builds on the draft revision the server has right now, so a save
 * that lands in between is refused (an ApiError with status 409) instead of being overwritten unseen.
 */
export async function startDraftFromVersion(serviceId: string, version: number): Promise<void> {
  const service = await api<{ draftRevision: number }>(`/api/services/${serviceId}`);
  await api<{ draftRevision: number }>(`/api/services/${serviceId}/draft/from-version`, {
    method: 'POST',
    body: { version, expectedRevision: service.draftRevision },
  });
}
