import type { ReactNode } from 'react';
import { FieldMessage } from '../form-field';
import { useLanguage } from '../i18n';
import { STAFF_ROLES } from './staff-api';
import { staffRoleHint, staffRoleLabel } from './staff-words';

/** The id of the first box: where the error summary's link for the roles leads. */
export function firstRoleId(idPrefix: string): string {
  return `${idPrefix}-role-${STAFF_ROLES[0]}`;
}

/**
 * The staff roles as checkboxes, each with what it allows in plain words. `locked` roles are shown checked and
 * cannot be unticked (the administrator's own administration).
 */
export function RoleCheckboxes({
  idPrefix,
  value,
  onChange,
  error,
  locked = [],
  lockedHint,
}: {
  idPrefix: string;
  value: readonly string[];
  onChange: (roles: string[]) => void;
  error: string | undefined;
  locked?: readonly string[];
  lockedHint?: string;
}): ReactNode {
  const { t } = useLanguage();
  const describedBy = [`${idPrefix}-roles-hint`, error ? `${idPrefix}-roles-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`aw-field${error ? ' aw-field--error' : ''}`}>
      <fieldset className="aw-fieldset" aria-describedby={describedBy}>
        <legend className="aw-label">{t('staff.roles')}</legend>
        <p id={`${idPrefix}-roles-hint`} className="aw-hint">
          {t('staff.rolesHint')}
        </p>
        <FieldMessage id={`${idPrefix}-roles`} error={error} />
        {STAFF_ROLES.map((role) => {
          const id = `${idPrefix}-role-${role}`;
          const isLocked = locked.includes(role);
          return (
            <div key={role} className="aw-choice">
              <input
                id={id}
                type="checkbox"
                checked={value.includes(role)}
                aria-describedby={`${id}-hint`}
                aria-disabled={isLocked || undefined}
                onChange={(event) => {
                  if (isLocked) return;
                  onChange(event.target.checked ? STAFF_ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
                }}
              />
              <div>
                <label htmlFor={id}>{staffRoleLabel(t, role)}</label>
                <p id={`${id}-hint`} className="aw-hint st-choice-hint">
                  {staffRoleHint(t, role)}
                  {isLocked && lockedHint ? ` ${lockedHint}` : ''}
                </p>
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
