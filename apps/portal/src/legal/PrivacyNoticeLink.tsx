import type { ReactNode } from 'react';
import type { FormElement } from '@amtsweg/definitions';
import { withRouterBase } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { LEGAL_PATHS } from './site';

/** Whether a page of a form holds a field that cites the privacy policy (`privacyNotice: true`), also inside groups. */
export function citesPrivacyNotice(elements: readonly FormElement[]): boolean {
  return elements.some((element) => ('privacyNotice' in element && element.privacyNotice === true) || ('elements' in element && citesPrivacyNotice(element.elements)));
}

/**
 * The link to the privacy policy beside a consent. It opens in a new tab, and says so: the form's answers stay
 * where they are, and the person comes back to the field they were about to tick.
 */
export function PrivacyNoticeLink({ intro = false }: { intro?: boolean }): ReactNode {
  const { t } = useLanguage();
  return (
    <p className="pt-privacy-notice">
      {intro ? <>{t('privacyNoticeIntro')} </> : null}
      <a href={withRouterBase(LEGAL_PATHS.privacy)} target="_blank" rel="noopener">
        {t('privacyNoticeLink')} {t('opensInNewTab')}
      </a>
    </p>
  );
}
