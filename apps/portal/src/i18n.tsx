import { createLanguage } from '@amtsweg/ui/app';
import { TEXTS } from './texts';

export const { LanguageProvider, useLanguage, translate } = createLanguage(TEXTS);
export { formatDateTime, safeStorage } from '@amtsweg/ui/app';
