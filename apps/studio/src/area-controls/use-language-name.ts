import { AREA_CONTROLS_TEXTS } from './area-controls-texts';
import { useAreaTexts } from './use-area-texts';

/**
 * The name of a language of the service in the Studio's language, for labels of translations
 * („Tenor (Englisch)“); other codes are shown as they are.
 */
export function useLanguageName(): (language: string) => string {
  const t = useAreaTexts(AREA_CONTROLS_TEXTS);
  return (language) => {
    if (language === 'de') return t('languageDe');
    if (language === 'en') return t('languageEn');
    return language.toUpperCase();
  };
}
