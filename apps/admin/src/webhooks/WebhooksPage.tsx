import { useEffect, useState, type ReactNode } from 'react';
import { localize } from '@amtsweg/ui';
import { Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { WEBHOOKS_PATH } from '../App';
import { forgetHandedMessage, readHandedMessage } from '../handoff';
import { eventLabel, useLanguage } from '../i18n';
import { AllowedHosts } from './AllowedHosts';
import { VerificationHelp } from './VerificationHelp';
import { loadPublishedServices, loadWebhooks, type WebhookEndpoint } from './webhooks-api';
import { LoadStatus } from '../LoadStatus';

/**
 * The webhooks area: what webhooks are, the allow-list of hosts, the endpoints per service, and how a receiver
 * checks what it gets.
 */
export function WebhooksPage(): ReactNode {
  const { t, language } = useLanguage();
  const [message] = useState(readHandedMessage);
  useEffect(() => forgetHandedMessage(), []);
  const loaded = useLoad(() => Promise.all([loadWebhooks(), loadPublishedServices()]), []);

  return (
    <>
      <PageHeading title={`${t('webhooksTitle')} – ${t('appName')}`}>{t('webhooksTitle')}</PageHeading>
      {message ? (
        <p className="pt-notice pt-notice--success" role="status">
          {message}
        </p>
      ) : null}
      <p className="ad-lead">{t('webhooksIntro')}</p>
      <AllowedHosts />
      <section aria-labelledby="endpoints-title" className="ad-section">
        <h2 id="endpoints-title">{t('endpointsTitle')}</h2>
        <p>
          <Link to={`${WEBHOOKS_PATH}/neu`} className="aw-button">
            {t('registerEndpoint')}
          </Link>
        </p>
        <LoadStatus loaded={loaded} />
        {loaded.state === 'done' && loaded.value[0].endpoints.length === 0 ? <p>{t('endpointsEmpty')}</p> : null}
        {loaded.state === 'done'
          ? groupByService(loaded.value[0].endpoints).map(([serviceId, endpoints]) => {
              const service = loaded.value[1].find((s) => s.id === serviceId);
              const title = service ? localize(service.title, language) : t('unknownService')(serviceId);
              return (
                <div key={serviceId} className="ad-service">
                  <h3 id={`service-${serviceId}`}>{t('endpointsOf')(title)}</h3>
                  <table className="ad-table" aria-labelledby={`service-${serviceId}`}>
                    <thead>
                      <tr>
                        <th scope="col">{t('address')}</th>
                        <th scope="col">{t('description')}</th>
                        <th scope="col">{t('events')}</th>
                        <th scope="col">{t('state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {endpoints.map((endpoint) => (
                        <tr key={endpoint.id}>
                          <td>
                            <Link to={`${WEBHOOKS_PATH}/${endpoint.id}`} className="ad-url">
                              {endpoint.url}
                            </Link>
                          </td>
                          <td>{endpoint.description || '–'}</td>
                          <td>{endpoint.events.map((event) => eventLabel(t, event)).join(', ')}</td>
                          <td>
                            <span className={`ad-status ad-status--${endpoint.active ? 'delivered' : 'failed'}`}>{endpoint.active ? t('active') : t('inactive')}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })
          : null}
      </section>
      <VerificationHelp />
    </>
  );
}

/** Endpoints grouped by their service, in the order the services first appear. */
function groupByService(endpoints: WebhookEndpoint[]): [string, WebhookEndpoint[]][] {
  const groups = new Map<string, WebhookEndpoint[]>();
  for (const endpoint of endpoints) groups.set(endpoint.serviceId, [...(groups.get(endpoint.serviceId) ?? []), endpoint]);
  return [...groups];
}
