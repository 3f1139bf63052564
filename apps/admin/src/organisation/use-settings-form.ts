import { useState } from 'react';
import type { SummaryError } from '@amtsweg/ui';
import { ApiError } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { fieldIdOf, type OrganisationSettings } from './organisation-settings-api';

/**
 * A settings form's state: the error summary (each server error at its field, by its path), a message after
 * saving, and whether a save is under way. `run` sends; what the server refuses lands in the summary.
 */
export function useSettingsForm(fallbackField: string) {
  const { t } = useLanguage();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setMessage(null);
    setAttempt((n) => n + 1);
  };

  const run = async (send: () => Promise<OrganisationSettings>, done: string): Promise<OrganisationSettings | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    try {
      const saved = await send();
      setErrors([]);
      setMessage(done);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        fail(error.errors.map((entry) => ({ pointer: `#${entry.path === '/file' ? fallbackField : fieldIdOf(entry.path)}`, message: entry.message })));
      } else {
        fail([{ pointer: `#${fallbackField}`, message: error instanceof ApiError ? error.message : t('saveFailed') }]);
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const errorAt = (id: string) => errors.find((error) => error.pointer === `#${id}`)?.message;
  return { errors, attempt, busy, message, run, fail, errorAt };
}
