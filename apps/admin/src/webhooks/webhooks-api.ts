import type { LocalizedText } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

/** An endpoint as the server shows it; `secret` only in the answer that creates or replaces it. */
export interface WebhookEndpoint {
  id: string;
  serviceId: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdAt: string;
  secret?: string;
}

export interface WebhooksAnswer {
  endpoints: WebhookEndpoint[];
  /** The events an endpoint can ask for. */
  events: string[];
  allowedHosts: string[];
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['delivered', 'pending', 'failed'];

export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface Delivery {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  attemptList: DeliveryAttempt[];
}

export interface PublishedService {
  id: string;
  title: LocalizedText;
}

/** What an endpoint form sends; PATCH sends only what changed. */
export interface EndpointChanges {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
}

export function loadWebhooks(): Promise<WebhooksAnswer> {
  return api<WebhooksAnswer>('/api/webhooks');
}

/** The organisation's published services: the catalog route, readable by everyone, gives their titles. */
export async function loadPublishedServices(): Promise<PublishedService[]> {
  return (await api<{ services: PublishedService[] }>('/api/services')).services;
}

export async function loadWebhookHosts(): Promise<string[]> {
  return (await api<{ webhookHosts: string[] }>('/api/organisation')).webhookHosts;
}

export async function saveWebhookHosts(webhookHosts: string[]): Promise<string[]> {
  return (await api<{ webhookHosts: string[] }>('/api/organisation', { method: 'PATCH', body: { webhookHosts } })).webhookHosts;
}

export function registerEndpoint(body: { serviceId: string; url: string; events: string[]; description: string }): Promise<WebhookEndpoint> {
  return api<WebhookEndpoint>('/api/webhooks', { method: 'POST', body });
}

export function changeEndpoint(endpointId: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
  return api<WebhookEndpoint>(`/api/webhooks/${endpointId}`, { method: 'PATCH', body: changes });
}

export function deleteEndpoint(endpointId: string): Promise<void> {
  return api<void>(`/api/webhooks/${endpointId}`, { method: 'DELETE' });
}

export function replaceSecret(endpointId: string): Promise<WebhookEndpoint> {
  return api<WebhookEndpoint>(`/api/webhooks/${endpointId}/secret`, { method: 'POST' });
}

export function sendTestEvent(endpointId: string): Promise<{ deliveryId: string }> {
  return api<{ deliveryId: string }>(`/api/webhooks/${endpointId}/test`, { method: 'POST' });
}

export async function loadDeliveries(endpointId: string, status: DeliveryStatus | ''): Promise<Delivery[]> {
  const query = new URLSearchParams({ limit: '50', ...(status ? { status } : {}) });
  return (await api<{ deliveries: Delivery[] }>(`/api/webhooks/${endpointId}/deliveries?${query.toString()}`)).deliveries;
}

export function retryDelivery(endpointId: string, deliveryId: string): Promise<void> {
  return api<void>(`/api/webhooks/${endpointId}/deliveries/${deliveryId}/retry`, { method: 'POST' });
}
