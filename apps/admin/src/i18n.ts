import { createLanguage, type Language } from '@amtsweg/ui/app';
import { TEXTS } from './texts';

export const { LanguageProvider, useLanguage } = createLanguage(TEXTS);
export type Translate = Language<typeof TEXTS>['t'];

type EventKey = Extract<keyof typeof TEXTS, `event.${string}`>;
type StatusKey = Extract<keyof typeof TEXTS, `status.${string}`>;

/** An event's name for people; an event this front end does not know yet keeps its technical name. */
export function eventLabel(t: Translate, event: string): string {
  const key = `event.${event}`;
  return key in TEXTS ? t(key as EventKey) : event;
}

/** A delivery's status as the page words it: zugestellt, wartet, fehlgeschlagen. */
export function statusLabel(t: Translate, status: string): string {
  const key = `status.${status}`;
  return key in TEXTS ? t(key as StatusKey) : status;
}

/** A moment to the second, in the authority's time zone: attempts of a delivery may be seconds apart. */
export function formatMoment(iso: string, language: 'de' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}
