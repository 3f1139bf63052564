import { createLanguage } from '@amtsweg/ui/app';
import type { UiLanguage } from '@amtsweg/ui';
import { useLanguage } from '../i18n';
import { VERSIONS_TEXTS } from './versions-texts';

const { translate } = createLanguage(VERSIONS_TEXTS);

type VersionsTextKey = keyof typeof VERSIONS_TEXTS;

/** The Versions area's words in the Studio's current language: `v('compare')`, `v('startFrom')(3)`. */
export function useVersionsTexts(): { v: <K extends VersionsTextKey>(key: K) => ReturnType<typeof translate<K>>; language: UiLanguage } {
  const { language } = useLanguage();
  return { v: (key) => translate(key, language), language };
}
