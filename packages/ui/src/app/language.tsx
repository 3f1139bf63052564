import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { textDirection, type UiLanguage } from '../localize';
import { setApiLanguage } from './api';

type TextTable = Record<string, { de: unknown; en: unknown }>;
type Widen<T> = T extends string ? string : T;

export interface Language<T extends TextTable> {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  t: <K extends keyof T>(key: K) => Widen<T[K]['de']>;
}

/**
 * A front end's words in German and English as a typed table, and the context that hands out the current
 * language's words (`t('continue')`). Every Amtsweg text is a `{ de, en }` pair; this needs no more machinery.
 */
export function createLanguage<T extends TextTable>(texts: T) {
  const Context = createContext<Language<T> | null>(null);
  const translate = <K extends keyof T>(key: K, language: UiLanguage) => texts[key]![language] as Widen<T[K]['de']>;

  function LanguageProvider({ children }: { children: ReactNode }): ReactNode {
    const [language, setLanguageState] = useState<UiLanguage>(initialLanguage);
    // The page, screen readers and the API answers follow the chosen language (and its writing direction).
    useEffect(() => {
      setApiLanguage(language);
      document.documentElement.lang = language;
      document.documentElement.dir = textDirection(language);
    }, [language]);
    const value = useMemo<Language<T>>(
      () => ({
        language,
        setLanguage: (next) => {
          safeStorage()?.setItem(STORAGE_KEY, next);
          setLanguageState(next);
        },
        t: (key) => translate(key, language),
      }),
      [language],
    );
    return <Context.Provider value={value}>{children}</Context.Provider>;
  }

  function useLanguage(): Language<T> {
    const value = useContext(Context);
    if (!value) throw new Error('useLanguage outside LanguageProvider');
    return value;
  }

  return { LanguageProvider, useLanguage, translate };
}

const STORAGE_KEY = 'amtsweg.language';

/** The language to start in: `?lang=en` in the address, then the last choice, then the browser's, then German. */
export function initialLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'de' || fromUrl === 'en') return fromUrl;
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return preferred.find((l) => l.startsWith('de') || l.startsWith('en'))?.startsWith('en') ? 'en' : 'de';
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

/** A date (and time) as people in the language read it, in the authority's time zone. */
export function formatDateTime(iso: string, language: UiLanguage, withTime = true): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}
