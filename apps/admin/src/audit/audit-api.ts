import type { LocalizedText } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

/** One entry of the audit trail with its actor and subject named as they are called now. */
export interface AuditEntry {
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
  subjectType: 'account' | 'api-token' | 'webhook' | 'organisation' | null;
  ip: string | null;
  details: Record<string, unknown> & { serviceTitle?: LocalizedText; roleLabel?: LocalizedText };
}

export interface AuditFilter {
  kind: string;
  from: string;
  to: string;
}

export const PAGE_SIZE = 50;

export function loadAuditPage(filter: AuditFilter, before?: string): Promise<{ events: AuditEntry[]; nextBefore: string | null }> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.kind) query.set('kind', filter.kind);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (before) query.set('before', before);
  return api(`/api/audit-events?${query.toString()}`);
}
