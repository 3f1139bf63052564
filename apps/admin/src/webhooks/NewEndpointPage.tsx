import type { ReactNode } from 'react';
import { Link, navigate, PageHeading, useLoad } from '@amtsweg/ui/app';
import { WEBHOOKS_PATH } from '../App';
import { handOverSecret } from '../handoff';
import { useLanguage } from '../i18n';
import { EndpointForm } from './EndpointForm';
import { loadPublishedServices, loadWebhooks, registerEndpoint } from './webhooks-api';
import { LoadStatus } from '../LoadStatus';

/**
 * Registers an endpoint for a published service; the endpoint's page then shows its signing secret, this once.
 */
export function NewEndpointPage(): ReactNode {
  const { t } = useLanguage();
  const loaded = useLoad(() => Promise.all([loadWebhooks(), loadPublishedServices()]), []);
  return (
    <>
      <p>
        <Link to={`${WEBHOOKS_PATH}/`} className="pt-back-link">
          {t('backToWebhooks')}
        </Link>
      </p>
      <PageHeading title={`${t('registerEndpoint')} – ${t('appName')}`}>{t('registerEndpoint')}</PageHeading>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'done' && loaded.value[1].length === 0 ? <p className="pt-notice">{t('noServices')}</p> : null}
      {loaded.state === 'done' && loaded.value[1].length > 0 ? (
        <EndpointForm
          idPrefix="endpoint"
          initial={{ serviceId: loaded.value[1].length === 1 ? loaded.value[1][0]!.id : '', url: '', events: [...loaded.value[0].events], description: '' }}
          services={loaded.value[1]}
          events={loaded.value[0].events}
          allowedHosts={loaded.value[0].allowedHosts}
          submitLabel={t('registerEndpoint')}
          onSubmit={async (values) => {
            const created = await registerEndpoint(values);
            if (created.secret) handOverSecret(created.id, created.secret);
            navigate(`${WEBHOOKS_PATH}/${created.id}`);
          }}
        />
      ) : null}
    </>
  );
}
