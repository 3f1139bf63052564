import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { localize } from '@amtsweg/ui';
import { ApiError, formatDateTime, Link, navigate, PageHeading } from '@amtsweg/ui/app';
import { WEBHOOKS_PATH } from '../App';
import { forgetHandedSecret, handOverMessage, readHandedSecret } from '../handoff';
import { eventLabel, useLanguage } from '../i18n';
import { ShownOncePanel } from '../staff/ShownOncePanel';
import { ConfirmPanel } from './ConfirmPanel';
import { DeliveryList } from './DeliveryList';
import { EndpointForm, type EndpointValues } from './EndpointForm';
import { VerificationHelp } from './VerificationHelp';
import {
  changeEndpoint,
  deleteEndpoint,
  loadPublishedServices,
  loadWebhooks,
  replaceSecret,
  sendTestEvent,
  type EndpointChanges,
  type PublishedService,
  type WebhookEndpoint,
} from './webhooks-api';

interface Loaded {
  endpoint: WebhookEndpoint | undefined;
  events: string[];
  allowedHosts: string[];
  services: PublishedService[];
}

type Panel = 'none' | 'edit' | 'secret' | 'delete';

/**
 * One endpoint: what it hears and where it sends, the secret once after registering or replacing it, a test
 * event, switching off and on, editing, deleting with a question first, and its deliveries with every attempt.
 */
export function EndpointPage({ endpointId }: { endpointId: string }): ReactNode {
  const { t, language } = useLanguage();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState(() => readHandedSecret(endpointId));
  const [message, setMessage] = useState<string | null>(() => (readHandedSecret(endpointId) ? t('registered') : null));
  const [panel, setPanel] = useState<Panel>('none');
  const [deliveriesKey, setDeliveriesKey] = useState(0);
  const buttons = {
    test: useRef<HTMLButtonElement>(null),
    edit: useRef<HTMLButtonElement>(null),
    secret: useRef<HTMLButtonElement>(null),
    delete: useRef<HTMLButtonElement>(null),
  };

  // Shown on this first visit only: a reload or a later visit does not show it again.
  useEffect(() => forgetHandedSecret(endpointId), [endpointId]);

  const load = useCallback(async () => {
    const [answer, services] = await Promise.all([loadWebhooks(), loadPublishedServices()]);
    setLoaded({ endpoint: answer.endpoints.find((e) => e.id === endpointId), events: answer.events, allowedHosts: answer.allowedHosts, services });
  }, [endpointId]);

  useEffect(() => {
    load().catch((error: unknown) => setProblem(error instanceof ApiError ? error.message : t('loadFailed')));
  }, [load]);

  /** Runs a change; its outcome goes to the status message, a refusal to the alert. */
  const act = async (run: () => Promise<string | undefined>) => {
    setMessage(null);
    setProblem(null);
    try {
      const done = await run();
      if (done) setMessage(done);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('saveFailed'));
    }
  };

  const closePanel = (focus: keyof typeof buttons) => {
    setPanel('none');
    // After the panel is gone the keyboard returns to the button that opened it.
    setTimeout(() => buttons[focus].current?.focus());
  };

  if (!loaded) {
    return problem ? (
      <p className="pt-notice pt-notice--error" role="alert">
        {problem}
      </p>
    ) : (
      <p role="status">{t('loading')}</p>
    );
  }
  const { endpoint } = loaded;
  if (!endpoint) {
    return (
      <>
        <BackLink />
        <PageHeading title={`${t('endpointMissing')} – ${t('appName')}`}>{t('endpointMissing')}</PageHeading>
      </>
    );
  }

  const name = endpoint.description || new URL(endpoint.url).host;
  const service = loaded.services.find((s) => s.id === endpoint.serviceId);
  const serviceTitle = service ? localize(service.title, language) : t('unknownService')(endpoint.serviceId);
  const update = (next: WebhookEndpoint) => setLoaded({ ...loaded, endpoint: next });

  const saveEdit = async (values: EndpointValues) => {
    const changes: EndpointChanges = {};
    // Only what changed: an address whose host has since left the allow-list must not block a new description.
    if (values.url !== endpoint.url) changes.url = values.url;
    if (values.events.join() !== endpoint.events.join()) changes.events = values.events;
    if (values.description !== endpoint.description) changes.description = values.description;
    if (Object.keys(changes).length > 0) update(await changeEndpoint(endpoint.id, changes));
    setMessage(t('saved'));
    closePanel('edit');
  };

  return (
    <>
      <BackLink />
      <p className="pt-caption">{serviceTitle}</p>
      <PageHeading title={`${t('endpointTitle')(name)} – ${t('appName')}`}>{t('endpointTitle')(name)}</PageHeading>
      {problem ? (
        <p className="pt-notice pt-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      {secret ? (
        <ShownOncePanel
          id="secret"
          value={secret}
          texts={{
            title: t('secretTitle'),
            note: t('secretNote'),
            label: t('secretLabel'),
            copy: t('copy'),
            copied: t('copied'),
            copyFailed: t('copyFailed'),
            done: t('secretDone'),
          }}
          onDone={() => {
            setSecret(undefined);
            setTimeout(() => buttons.test.current?.focus());
          }}
        />
      ) : null}
      <dl className="ad-facts">
        <div>
          <dt>{t('address')}</dt>
          <dd>
            <code>{endpoint.url}</code>
          </dd>
        </div>
        <div>
          <dt>{t('events')}</dt>
          <dd>{endpoint.events.map((event) => eventLabel(t, event)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('state')}</dt>
          <dd>
            <span className={`ad-status ad-status--${endpoint.active ? 'delivered' : 'failed'}`}>{endpoint.active ? t('active') : t('inactive')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('registeredAt')}</dt>
          <dd>{formatDateTime(endpoint.createdAt, language)}</dd>
        </div>
      </dl>
      <div className="pt-actions ad-toolbar">
        <button
          ref={buttons.test}
          type="button"
          className="aw-button"
          onClick={() =>
            void act(async () => {
              await sendTestEvent(endpoint.id);
              setDeliveriesKey((n) => n + 1);
              return t('testSent');
            })
          }
        >
          {t('sendTest')}
        </button>
        <button
          type="button"
          className="aw-button aw-button--secondary"
          onClick={() =>
            void act(async () => {
              const next = await changeEndpoint(endpoint.id, { active: !endpoint.active });
              update(next);
              return next.active ? t('switchedOn') : t('switchedOff');
            })
          }
        >
          {endpoint.active ? t('switchOff') : t('switchOn')}
        </button>
        <button ref={buttons.edit} type="button" className="aw-button aw-button--secondary" aria-expanded={panel === 'edit'} onClick={() => (panel === 'edit' ? closePanel('edit') : setPanel('edit'))}>
          {t('edit')}
        </button>
        <button ref={buttons.secret} type="button" className="aw-button aw-button--secondary" aria-expanded={panel === 'secret'} onClick={() => setPanel(panel === 'secret' ? 'none' : 'secret')}>
          {t('newSecret')}
        </button>
        <button ref={buttons.delete} type="button" className="aw-button ad-button--danger" aria-expanded={panel === 'delete'} onClick={() => setPanel(panel === 'delete' ? 'none' : 'delete')}>
          {t('delete')}
        </button>
      </div>
      {panel === 'edit' ? (
        <section aria-labelledby="edit-title" className="ad-panel">
          <h2 id="edit-title">{t('editTitle')}</h2>
          <EndpointForm
            idPrefix="edit"
            initial={{ serviceId: endpoint.serviceId, url: endpoint.url, events: endpoint.events, description: endpoint.description }}
            events={loaded.events}
            allowedHosts={loaded.allowedHosts}
            submitLabel={t('saveChanges')}
            onSubmit={saveEdit}
            onCancel={() => closePanel('edit')}
            focusFirst
          />
        </section>
      ) : null}
      {panel === 'secret' ? (
        <ConfirmPanel
          id="secret-confirm"
          question={t('newSecretConfirm')}
          confirmLabel={t('newSecret')}
          onCancel={() => closePanel('secret')}
          onConfirm={() =>
            void act(async () => {
              const next = await replaceSecret(endpoint.id);
              setPanel('none');
              setSecret(next.secret);
              return undefined;
            })
          }
        />
      ) : null}
      {panel === 'delete' ? (
        <ConfirmPanel
          id="delete-confirm"
          danger
          question={t('deleteConfirm')}
          confirmLabel={t('deleteYes')}
          onCancel={() => closePanel('delete')}
          onConfirm={() =>
            void act(async () => {
              await deleteEndpoint(endpoint.id);
              handOverMessage(t('deleted')(name));
              navigate(`${WEBHOOKS_PATH}/`);
              return undefined;
            })
          }
        />
      ) : null}
      <DeliveryList endpointId={endpoint.id} refreshKey={deliveriesKey} />
      <VerificationHelp />
    </>
  );
}

function BackLink(): ReactNode {
  const { t } = useLanguage();
  return (
    <p>
      <Link to={`${WEBHOOKS_PATH}/`} className="pt-back-link">
        {t('backToWebhooks')}
      </Link>
    </p>
  );
}
