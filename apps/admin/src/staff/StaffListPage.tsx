import { useEffect, useState, type ReactNode } from 'react';
import { Link, PageHeading, useLoad, useStaffSession } from '@amtsweg/ui/app';
import { forgetHandedMessage, readHandedMessage } from '../handoff';
import { formatMoment, useLanguage } from '../i18n';
import { loadStaff, type StaffAccount } from './staff-api';
import { STAFF_PATH } from './staff-paths';
import { staffRoleList } from './staff-words';
import { LoadStatus } from '../LoadStatus';

/**
 * The staff accounts: name, e-mail address, roles, second factor, whether locked or deactivated; narrowed by a
 * search over name and address as the administrator types (an organisation has tens or hundreds of staff).
 */
export function StaffListPage(): ReactNode {
  const { t, language } = useLanguage();
  const { staff: me } = useStaffSession();
  const [message] = useState(readHandedMessage);
  useEffect(() => forgetHandedMessage(), []);
  const [query, setQuery] = useState('');
  const loaded = useLoad(loadStaff, []);

  const accounts = loaded.state === 'done' ? loaded.value : [];
  const shown = accounts.filter((account) => matches(account, query));
  return (
    <>
      <PageHeading title={`${t('staff.staffTitle')} – ${t('appName')}`}>{t('staff.staffTitle')}</PageHeading>
      {message ? (
        <p className="pt-notice pt-notice--success" role="status">
          {message}
        </p>
      ) : null}
      <p className="ad-lead">{t('staff.staffIntro')}</p>
      <p>
        <Link to={`${STAFF_PATH}/neu`} className="aw-button">
          {t('staff.createAccount')}
        </Link>
      </p>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'done' ? (
        <>
          <div className="aw-field">
            <label className="aw-label" htmlFor="staff-search">
              {t('staff.search')}
            </label>
            <p id="staff-search-hint" className="aw-hint">
              {t('staff.searchHint')}
            </p>
            <input
              id="staff-search"
              className="aw-input ad-input--wide"
              type="search"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="staff-search-hint"
              aria-controls="staff-table"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <p role="status" className="ad-count">
            {shown.length === 0 ? t('staff.noMatch') : t('staff.accountsCount')(shown.length, accounts.length)}
          </p>
          {shown.length > 0 ? (
            <table id="staff-table" className="ad-table">
              <caption className="aw-visually-hidden">{t('staff.staffTableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.name')}</th>
                  <th scope="col">{t('staff.email')}</th>
                  <th scope="col">{t('staff.roles')}</th>
                  <th scope="col">{t('staff.secondFactor')}</th>
                  <th scope="col">{t('staff.accountState')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">
                      <Link to={`${STAFF_PATH}/${account.id}`}>{account.displayName}</Link>
                      {account.id === me?.id ? <> {t('staff.you')}</> : null}
                    </th>
                    <td className="ad-url">{account.email}</td>
                    <td>{staffRoleList(t, account.roles)}</td>
                    <td>{account.secondFactorEnabled ? t('staff.secondFactorYes') : t('staff.secondFactorNo')}</td>
                    <td>
                      <AccountState account={account} language={language} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Whether the account is active (with connections waiting after failed logins: until when) or deactivated. */
export function AccountState({ account, language }: { account: StaffAccount; language: 'de' | 'en' }): ReactNode {
  const { t } = useLanguage();
  if (account.disabled) return <span className="ad-status ad-status--failed">{t('staff.stateDisabled')}</span>;
  if (account.lockedUntil) return <span className="ad-status ad-status--pending">{t('staff.stateWaiting')(account.waitingClients, formatMoment(account.lockedUntil, language))}</span>;
  return <span className="ad-status ad-status--delivered">{t('staff.stateActive')}</span>;
}

/** Does the account's name or address contain every word of the search (ignoring case)? */
function matches(account: StaffAccount, query: string): boolean {
  const haystack = `${account.displayName} ${account.email}`.toLocaleLowerCase('de');
  return query
    .toLocaleLowerCase('de')
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
