import { createContext, useContext, type ReactNode } from 'react';
import type { UiLanguage } from '@amtsweg/ui';
import { TEXTS } from './texts';

type Texts = typeof TEXTS;
type Widen<T> = T extends string ? string : T;

export interface Language {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  t: <K extends keyof Texts>(key: K) => Widen<Texts[K]['de']>;
}

const LanguageContext = createContext<Language | null>(null);

export function LanguageProvider({ value, children }: { value: Language; children: ReactNode }): ReactNode {
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}

export function translate<K extends keyof Texts>(key: K, language: UiLanguage): Widen<Texts[K]['de']> {
  return TEXTS[key][language] as Widen<Texts[K]['de']>;
}

const STORAGE_KEY = 'amtsweg.language';

/** The language to start in: `?lang=en` in the address, then the last choice, then the browser's, then German. */
export function initialLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'de' || fromUrl === 'en') return fromUrl;
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : navigator.languages.some((l) => l.startsWith('de')) ? 'de' : navigator.language.startsWith('en') ? 'en' : 'de';
}

export function rememberLanguage(language: UiLanguage): void {
  safeStorage()?.setItem(STORAGE_KEY, language);
}

/** localStorage, or nothing where the browser refuses it (private mode, storage disabled). */
export function safeStorage(): Storage | undefined {
  try {
    const storage = window.localStorage;
    storage.getItem('amtsweg.probe');
    return storage;
  } catch {
    return undefined;
  }
}

/** A date and time as people in the language read it. */
export function formatDateTime(iso: string, language: UiLanguage, withTime = true): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Berlin',
  }).format(date);
}
