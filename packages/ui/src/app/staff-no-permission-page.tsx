import type { ReactNode } from 'react';
import type { UiLanguage } from '../localize';
import { Link } from './router';
import { PageHeading } from './page-heading';
import { accountPathOf, usableFrontEnds, type StaffFrontEnd } from './staff-front-ends';
import { useStaffSession } from './staff-session';
import { staffTexts } from './staff-texts';

/**
 * For staff whose roles do not cover this front end: what the role is for, who grants it and where (an
 * administrator gets the way to their own entry), and the front ends they can use — never a failed request.
 */
export function StaffNoPermissionPage({ frontEnd, appName, language }: { frontEnd: StaffFrontEnd; appName: string; language: UiLanguage }): ReactNode {
  const t = staffTexts(language);
  const { staff } = useStaffSession();
  const permissions = staff?.permissions ?? [];
  const usable = usableFrontEnds(permissions).filter((entry) => entry.key !== frontEnd);
  return (
    <div className="aw-narrow aw-account-wide">
      <PageHeading title={`${t.noPermissionTitle} – ${appName}`}>{t.noPermissionTitle}</PageHeading>
      <p>{t.signedInAs(staff?.displayName ?? '')}</p>
      <p>{t[`needs.${frontEnd}`]}</p>
      {frontEnd !== 'admin' ? <p>{permissions.includes('users:manage') ? t.grantYourself : t.whoGrants}</p> : null}
      {frontEnd !== 'admin' && staff && permissions.includes('users:manage') ? (
        <p>
          <a href={`/admin/mitarbeitende/${encodeURIComponent(staff.id)}`}>{t.ownEntry}</a>
        </p>
      ) : null}
      {usable.length > 0 ? (
        <>
          <p>{t.canUse}</p>
          <ul className="aw-plain-list aw-link-list">
            {usable.map((entry) => (
              <li key={entry.key}>
                <a href={entry.href}>{t[`goTo.${entry.key}`]}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t.canUseNothing}</p>
      )}
      <p>
        <Link to={accountPathOf(frontEnd)}>{t.account}</Link>
      </p>
    </div>
  );
}
