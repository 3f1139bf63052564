import type { ReactNode } from 'react';
import type { UiLanguage } from '../localize';
import { StaffLoginPage } from './staff-login-page';
import { useStaffSession } from './staff-session';

const TEXTS = {
  skipLink: { de: 'Zum Inhalt springen', en: 'Skip to main content' },
  otherLanguage: { de: 'English', en: 'Deutsch' },
  otherLanguageLabel: { de: 'Switch to English', en: 'Auf Deutsch wechseln' },
  logOut: { de: 'Abmelden', en: 'Log out' },
  loading: { de: 'Wird geladen …', en: 'Loading …' },
};

/**
 * The frame of a staff front end (Inbox, Studio): skip link, a header with the app's name, the person logged in,
 * the language switch and logout, and the main region — the login page until someone is logged in.
 */
export function StaffFrame({
  appName,
  language,
  setLanguage,
  children,
}: {
  appName: string;
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  children: ReactNode;
}): ReactNode {
  const { staff, logOut } = useStaffSession();
  const t = (key: keyof typeof TEXTS) => TEXTS[key][language];
  const other = language === 'de' ? 'en' : 'de';
  return (
    <>
      <a className="pt-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="aw-staff-header">
        <span className="aw-staff-app-name">{appName}</span>
        <nav className="aw-staff-header-actions" aria-label={appName}>
          {staff ? <span>{staff.displayName}</span> : null}
          <button type="button" className="aw-staff-header-button" lang={other} aria-label={t('otherLanguageLabel')} onClick={() => setLanguage(other)}>
            {t('otherLanguage')}
          </button>
          {staff ? (
            <button type="button" className="aw-staff-header-button" onClick={() => void logOut()}>
              {t('logOut')}
            </button>
          ) : null}
        </nav>
      </header>
      <main id="main" className="aw-staff-main" tabIndex={-1}>
        {staff === undefined ? <p role="status">{t('loading')}</p> : staff === null ? <StaffLoginPage appName={appName} language={language} /> : children}
      </main>
    </>
  );
}
