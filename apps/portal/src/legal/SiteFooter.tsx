import type { ReactNode } from 'react';
import { Link } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { LEGAL_PATHS, useSite, type Site } from './site';
import './legal.css';

/** The foot of every page: the organisation's contact and its three legal pages (Impressum, Datenschutz, Barrierefreiheit). */
export function SiteFooter(): ReactNode {
  const { t } = useLanguage();
  const site = useSite();
  return (
    <footer className="pt-footer">
      <div className="pt-container pt-footer-columns">
        {site ? <ContactBlock site={site} /> : null}
        <nav aria-labelledby="footer-legal-title" className="pt-footer-legal">
          <h2 id="footer-legal-title" className="pt-footer-heading">
            {t('footerLegal')}
          </h2>
          <ul>
            <li>
              <Link to={LEGAL_PATHS.imprint}>{t('imprintTitle')}</Link>
            </li>
            <li>
              <Link to={LEGAL_PATHS.privacy}>{t('privacyLink')}</Link>
            </li>
            <li>
              <Link to={LEGAL_PATHS.accessibility}>{t('accessibilityLink')}</Link>
            </li>
          </ul>
        </nav>
      </div>
      <div className="pt-container">
        <p>{t('footerNote')}</p>
      </div>
    </footer>
  );
}

/** The organisation's name, address and ways to reach it, as a list a screen reader can walk. */
export function ContactBlock({ site, headingLevel = 2 }: { site: Site; headingLevel?: 2 | 3 }): ReactNode {
  const { t } = useLanguage();
  const { email, phone, website, openingHours } = site.contact;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`contact-title-${headingLevel}`} className="pt-footer-contact">
      <Heading id={`contact-title-${headingLevel}`} className="pt-footer-heading">
        {t('footerContact')}
      </Heading>
      <address>
        <strong>{site.name}</strong>
        {site.address ? (
          <>
            <br />
            {site.address}
          </>
        ) : null}
      </address>
      {email || phone || website || openingHours ? (
        <dl className="pt-contact-list">
          {email ? (
            <div>
              <dt>{t('contactEmail')}</dt>
              <dd>
                <a href={`mailto:${email}`}>{email}</a>
              </dd>
            </div>
          ) : null}
          {phone ? (
            <div>
              <dt>{t('contactPhone')}</dt>
              <dd>
                <a href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</a>
              </dd>
            </div>
          ) : null}
          {website ? (
            <div>
              <dt>{t('contactWebsite')}</dt>
              <dd>
                <a href={website}>{website.replace(/^https?:\/\//, '')}</a>
              </dd>
            </div>
          ) : null}
          {openingHours ? (
            <div>
              <dt>{t('contactOpeningHours')}</dt>
              <dd className="pt-preserve-lines">{openingHours}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
