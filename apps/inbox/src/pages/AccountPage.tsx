import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, StaffAccountPage, useStaffSession, type SessionAnswer } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';

/**
 * The caseworker's own account: the shared account page (password, second factor, sessions) and the daily
 * e-mail of new and overdue cases, which they turn off and on themselves (the e-mail itself points here).
 */
export function AccountPage(): ReactNode {
  const { t, language } = useLanguage();
  const { staff } = useStaffSession();
  return (
    <StaffAccountPage appName={t('appName')} language={language}>
      <section aria-labelledby="email-title">
        <h2 id="email-title">{t('emailTitle')}</h2>
        {staff?.preferences ? <DailyDigestSetting email={staff.email} initial={staff.preferences.dailyDigest} /> : <p>{t('noPreferences')}</p>}
      </section>
    </StaffAccountPage>
  );
}

function DailyDigestSetting({ email, initial }: { email: string; initial: boolean }): ReactNode {
  const { t } = useLanguage();
  const { accept } = useStaffSession();
  const [checked, setChecked] = useState(initial);
  // What the server confirmed by the last save, until the box is changed again: the confirmation shown.
  const [saved, setSaved] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaved(null);
    setFailure(null);
    try {
      const answer = await api<SessionAnswer>('/api/auth/preferences', { method: 'PATCH', body: { dailyDigest: checked } });
      // The answer is a session answer: keep its CSRF token and account as a login would.
      accept(answer);
      const confirmed = answer.account.preferences?.dailyDigest ?? checked;
      setChecked(confirmed);
      setSaved(confirmed);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <div className="aw-field">
        <div className="aw-choice">
          <input
            id="daily-digest"
            type="checkbox"
            checked={checked}
            aria-describedby="daily-digest-hint"
            onChange={(event) => {
              setChecked(event.target.checked);
              setSaved(null);
            }}
          />
          <label htmlFor="daily-digest">{t('dailyDigest')}</label>
        </div>
        <p id="daily-digest-hint" className="aw-hint ib-choice-hint">
          {t('dailyDigestHint')(email)}
        </p>
      </div>
      <button type="submit" className="aw-button">
        {t('save')}
      </button>
      {/* Below the button, so nothing moves under the pointer; both regions stay in the page, so screen readers announce what appears in them. */}
      <div role="status">{saved !== null ? <p className="pt-notice pt-notice--success">{saved ? t('savedDigestOn') : t('savedDigestOff')}</p> : null}</div>
      <div role="alert">
        {failure !== null ? <p className="pt-notice pt-notice--error">{failure instanceof ApiError ? failure.message : t('saveFailed')}</p> : null}
      </div>
    </form>
  );
}
