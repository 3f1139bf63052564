import type { ReactNode } from 'react';
import type { UiLanguage } from '../localize';
import { Link, usePlace } from './router';
import { accountPathOf, usableFrontEnds, type StaffFrontEnd } from './staff-front-ends';
import { StaffLoginPage } from './staff-login-page';
import { useStaffSession } from './staff-session';
import { staffTexts } from './staff-texts';

/**
 * The frame of a staff front end (Inbox, Studio, Administration): skip link, a header with the app's name, links
 * to the front ends the person may use and to their account, the person logged in, the language switch and
 * logout, and the main region — the login page until someone is logged in.
 */
export function StaffFrame({
  appName,
  frontEnd,
  language,
  setLanguage,
  children,
}: {
  appName: string;
  /** Which front end this is: its link is marked, and "Mein Konto" stays inside it. */
  frontEnd?: StaffFrontEnd;
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  children: ReactNode;
}): ReactNode {
  const { staff, logOut } = useStaffSession();
  const { path } = usePlace();
  const t = staffTexts(language);
  const other = language === 'de' ? 'en' : 'de';
  const accountPath = frontEnd ? accountPathOf(frontEnd) : undefined;
  const onAccountPage = accountPath !== undefined && (path === accountPath || path === `${accountPath}/`);
  return (
    <>
      <a className="pt-skip-link" href="#main">
        {t.skipLink}
      </a>
      <header className="aw-staff-header">
        <span className="aw-staff-app-name">{appName}</span>
        {staff && usableFrontEnds(staff.permissions).length > 0 ? (
          <nav className="aw-staff-front-ends" aria-label={t.frontEnds}>
            <ul>
              {usableFrontEnds(staff.permissions).map((entry) => (
                <li key={entry.key}>
                  <a href={entry.href} aria-current={entry.key === frontEnd && !onAccountPage ? 'true' : undefined}>
                    {t[`frontEnd.${entry.key}`]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <nav className="aw-staff-header-actions" aria-label={appName}>
          {staff ? <span>{staff.displayName}</span> : null}
          {staff && accountPath ? (
            <Link to={accountPath} aria-current={onAccountPage ? 'page' : undefined}>
              {t.account}
            </Link>
          ) : null}
          <button type="button" className="aw-staff-header-button" lang={other} aria-label={t.otherLanguageLabel} onClick={() => setLanguage(other)}>
            {t.otherLanguage}
          </button>
          {staff ? (
            <button type="button" className="aw-staff-header-button" onClick={() => void logOut()}>
              {t.logOut}
            </button>
          ) : null}
        </nav>
      </header>
      <main id="main" className="aw-staff-main" tabIndex={-1}>
        {staff === undefined ? <p role="status">{t.loading}</p> : staff === null ? <StaffLoginPage appName={appName} language={language} /> : children}
      </main>
    </>
  );
}
