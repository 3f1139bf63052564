import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SummaryError } from '@amtsweg/ui';
import { localize } from '@amtsweg/ui';
import { ApiError } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { useLanguage } from '../i18n';
import { grantServiceRole, revokeServiceRole, type Grant, type ServiceWithRoles, type StaffAccount } from './staff-api';

const SERVICE = 'grant-service';
const ROLE = 'grant-role';

/**
 * "Rollen in Diensten": every service with the roles its definition declares, the granted ones with a button to
 * revoke each, and a form to grant one more (the service first, then one of its roles). One grant changes per
 * click, through the single-grant routes, so nothing else the account holds can be lost on the way.
 */
export function ServiceRoles({
  account,
  services,
  onChanged,
  onRefused,
}: {
  account: StaffAccount;
  services: ServiceWithRoles[];
  onChanged: (account: StaffAccount, message: string, focusMessage: boolean) => void;
  onRefused: (errors: SummaryError[]) => void;
}): ReactNode {
  const { t, language } = useLanguage();
  const [serviceId, setServiceId] = useState('');
  const [role, setRole] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ serviceId?: string; role?: string }>({});
  const [busy, setBusy] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);

  const held = (grant: Grant) => account.serviceRoles.some((g) => g.serviceId === grant.serviceId && g.role === grant.role);
  const titleOf = (id: string) => {
    const service = services.find((s) => s.serviceId === id);
    return service ? localize(service.title, language) : id;
  };
  const labelOf = (grant: Grant) => {
    const declared = services.find((s) => s.serviceId === grant.serviceId)?.roles.find((r) => r.id === grant.role);
    return declared ? localize(declared.label, language) : grant.role;
  };
  // Services that declare roles, and any other service the account holds a grant in.
  const listed = services.filter((service) => service.roles.length > 0 || account.serviceRoles.some((grant) => grant.serviceId === service.serviceId));
  const grantable = services.filter((service) => service.roles.length > 0);
  const chosen = grantable.find((service) => service.serviceId === serviceId);
  const openRoles = chosen ? chosen.roles.filter((r) => !held({ serviceId: chosen.serviceId, role: r.id })) : [];

  const fail = (problems: [keyof typeof fieldErrors, string][]) => {
    setFieldErrors(Object.fromEntries(problems));
    onRefused(problems.map(([field, message]) => ({ pointer: `#${field === 'serviceId' ? SERVICE : ROLE}`, message })));
  };

  const grant = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: [keyof typeof fieldErrors, string][] = [];
    if (!serviceId) problems.push(['serviceId', t('staff.serviceRequired')]);
    if (!role) problems.push(['role', t('staff.roleRequired')]);
    if (problems.length > 0) return fail(problems);
    const wanted = { serviceId, role };
    const already = held(wanted);
    setBusy(true);
    try {
      const next = await grantServiceRole(account.id, wanted);
      setFieldErrors({});
      setServiceId('');
      setRole('');
      onChanged(next, (already ? t('staff.roleAlreadyGranted') : t('staff.roleGranted'))(account.displayName, labelOf(wanted), titleOf(serviceId)), false);
      submitRef.current?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) return fail([['serviceId', t('saveFailed')]]);
      const named = error.errors.flatMap((entry): [keyof typeof fieldErrors, string][] =>
        entry.path === '/body/serviceId' ? [['serviceId', entry.message]] : entry.path === '/body/role' ? [['role', entry.message]] : [],
      );
      fail(named.length > 0 ? named : [['serviceId', error.message]]);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (grantToRevoke: Grant) => {
    try {
      const next = await revokeServiceRole(account.id, grantToRevoke);
      onChanged(next, t('staff.roleRevoked')(account.displayName, labelOf(grantToRevoke), titleOf(grantToRevoke.serviceId)), true);
    } catch (error) {
      onRefused([{ pointer: `#revoke-${grantToRevoke.serviceId}-${grantToRevoke.role}`, message: error instanceof ApiError ? error.message : t('saveFailed') }]);
    }
  };

  return (
    <section aria-labelledby="service-roles-title" className="ad-section">
      <h2 id="service-roles-title">{t('staff.serviceRolesTitle')}</h2>
      <p>{t('staff.serviceRolesIntro')}</p>
      {!account.roles.includes('caseworker') ? <p className="pt-notice">{t('staff.notCaseworker')}</p> : null}
      {listed.length === 0 ? <p>{t('staff.noServicesWithRoles')}</p> : null}
      {listed.map((service) => {
        const title = localize(service.title, language);
        const extra = account.serviceRoles.filter((grant) => grant.serviceId === service.serviceId && !service.roles.some((r) => r.id === grant.role));
        const rows = [...service.roles.map((r) => ({ id: r.id, label: localize(r.label, language), declared: true })), ...extra.map((grant) => ({ id: grant.role, label: grant.role, declared: false }))];
        return (
          <div key={service.serviceId} className="ad-service">
            <h3 id={`roles-${service.serviceId}`}>{title}</h3>
            <ul className="st-grants" aria-label={t('staff.rolesOf')(title)}>
              {rows.map((row) => {
                const grantOfRow = { serviceId: service.serviceId, role: row.id };
                const isHeld = held(grantOfRow);
                return (
                  <li key={row.id}>
                    <span>
                      {row.label} {row.declared ? null : <span className="st-muted">{t('staff.noLongerDeclared')}</span>}
                    </span>
                    {isHeld ? (
                      <span>
                        <span className="ad-status ad-status--delivered">{t('staff.granted')}</span>{' '}
                        <button id={`revoke-${service.serviceId}-${row.id}`} type="button" className="aw-link-button" onClick={() => void revoke(grantOfRow)}>
                          {t('staff.revoke')}
                          <span className="aw-visually-hidden">: {t('staff.revokeLabel')(row.label, title)}</span>
                        </button>
                      </span>
                    ) : (
                      <span className="st-muted">{t('staff.notGranted')}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {grantable.length > 0 ? (
        <>
          <h3 id="grant-title">{t('staff.grantTitle')}</h3>
          <form noValidate aria-labelledby="grant-title" className="st-grant-form" onSubmit={(event) => void grant(event)}>
            <Field id={SERVICE} label={t('staff.service')} error={fieldErrors.serviceId}>
              {(description) => (
                <select
                  id={SERVICE}
                  className="aw-select"
                  value={serviceId}
                  onChange={(event) => {
                    setServiceId(event.target.value);
                    setRole('');
                  }}
                  {...description}
                >
                  <option value="">{t('staff.chooseService')}</option>
                  {grantable.map((service) => (
                    <option key={service.serviceId} value={service.serviceId}>
                      {localize(service.title, language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={ROLE} label={t('staff.role')} error={fieldErrors.role}>
              {(description) => (
                <select id={ROLE} className="aw-select" value={role} onChange={(event) => setRole(event.target.value)} {...description}>
                  <option value="">{!chosen ? t('staff.chooseServiceFirst') : openRoles.length === 0 ? t('staff.allGranted') : t('staff.chooseService')}</option>
                  {openRoles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {localize(r.label, language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button ref={submitRef} type="submit" className="aw-button" aria-disabled={busy}>
              {t('staff.grant')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
