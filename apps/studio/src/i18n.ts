import { createLanguage } from '@amtsweg/ui/app';
import { TEXTS } from './texts';

export const { LanguageProvider, useLanguage } = createLanguage(TEXTS);
