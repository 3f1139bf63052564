import { useMemo } from 'react';
import { useLanguage } from '../i18n';

type TextTable = Record<string, { de: unknown; en: unknown }>;

/**
 * The current language's words from an area's own `{ de, en }` table, as `t('key')`.
 *
 * @example
 * const t = useAreaTexts(PROCESS_TEXTS);
 * t('addState') // 'Status hinzufügen'
 */
export function useAreaTexts<TTable extends TextTable>(table: TTable): <TKey extends keyof TTable>(key: TKey) => TTable[TKey]['de'] {
  const { language } = useLanguage();
  return useMemo(
    () =>
      <TKey extends keyof TTable>(key: TKey): TTable[TKey]['de'] => {
        const entry: { de: unknown; en: unknown } = table[key] ?? { de: '', en: '' };
        return entry[language];
      },
    [table, language],
  );
}
