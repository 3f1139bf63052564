import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '@amtsweg/ui/app';
import { eventLabel, formatMoment, statusLabel, useLanguage, type Translate } from '../i18n';
import { DELIVERY_STATUSES, loadDeliveries, retryDelivery, type Delivery, type DeliveryAttempt, type DeliveryStatus } from './webhooks-api';

/** While a delivery's next attempt is this close (or it has none yet), the list looks again by itself. */
const SOON_MS = 60_000;
const POLL_MS = 2_000;
/** How long the list keeps looking after this page sent a delivery on its way. */
const WATCH_MS = 20_000;

/**
 * An endpoint's deliveries, newest first: event, status, attempts (each with time, HTTP status or error,
 * duration), when it was created and when it is tried next; filtered by status; a failed one can be sent again.
 * `refreshKey` changes when the page caused a new delivery (a test event).
 */
export function DeliveryList({ endpointId, refreshKey }: { endpointId: string; refreshKey: number }): ReactNode {
  const { t, language } = useLanguage();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [deliveries, setDeliveries] = useState<Delivery[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let current = true;
    loadDeliveries(endpointId, status).then(
      (next) => {
        if (!current) return;
        setDeliveries(next);
        setProblem(null);
      },
      (error: unknown) => current && setProblem(error instanceof ApiError ? error.message : t('loadFailed')),
    );
    return () => {
      current = false;
    };
  }, [endpointId, status, refreshKey, tick]);

  // A test event or a retry shows its outcome without a click: look again while an attempt shown is due soon,
  // and for a while after this page caused one (it may be hidden by the filter until its outcome is known).
  const [watchUntil, setWatchUntil] = useState(0);
  const watch = () => setWatchUntil(Date.now() + WATCH_MS);
  useEffect(() => {
    if (refreshKey > 0) watch();
  }, [refreshKey]);
  const dueSoon = deliveries?.some((d) => d.status === 'pending' && (d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) - Date.now() < SOON_MS)) ?? false;
  const polling = dueSoon || Date.now() < watchUntil;
  useEffect(() => {
    if (!polling) return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [polling, deliveries]);

  const retry = async (delivery: Delivery) => {
    setMessage(null);
    try {
      await retryDelivery(endpointId, delivery.id);
      setMessage(t('retried'));
      setTick((n) => n + 1);
      watch();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('saveFailed'));
    }
    // The button leaves with the failed status; the keyboard goes on from the message.
    messageRef.current?.focus();
  };

  return (
    <section aria-labelledby="deliveries-title" className="ad-section">
      <h2 id="deliveries-title">{t('deliveriesTitle')}</h2>
      <p>{t('deliveriesIntro')}</p>
      <div className="ad-filters">
        <div>
          <label className="aw-label" htmlFor="delivery-status">
            {t('statusFilter')}
          </label>
          <select id="delivery-status" className="aw-select" value={status} onChange={(event) => setStatus(event.target.value as DeliveryStatus | '')}>
            <option value="">{t('allStatuses')}</option>
            {DELIVERY_STATUSES.map((name) => (
              <option key={name} value={name}>
                {statusLabel(t, name)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="aw-button aw-button--secondary" onClick={() => setTick((n) => n + 1)}>
          {t('refresh')}
        </button>
      </div>
      {problem ? (
        <p className="pt-notice pt-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p ref={messageRef} tabIndex={-1} role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      <p role="status" className="ad-count">
        {deliveries === undefined ? t('loading') : deliveries.length === 0 ? t('noDeliveries') : t('deliveriesCount')(deliveries.length)}
      </p>
      {deliveries && deliveries.length > 0 ? (
        <table className="ad-table">
          <caption className="aw-visually-hidden">{`${t('deliveriesTitle')} – ${status ? statusLabel(t, status) : t('allStatuses')}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('event')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('attempts')}</th>
              <th scope="col">{t('created')}</th>
              <th scope="col">{t('nextAttempt')}</th>
              <th scope="col">{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => {
              const last = delivery.attemptList.at(-1);
              const event = eventLabel(t, delivery.event);
              return (
                <tr key={delivery.id}>
                  <th scope="row">
                    {event}
                    <span className="ad-delivery-id">
                      {t('deliveryId')}: <code>{delivery.id}</code>
                    </span>
                  </th>
                  <td>
                    <span className={`ad-status ad-status--${delivery.status}`}>{statusLabel(t, delivery.status)}</span>
                    {delivery.deliveredAt ? <> {t('deliveredAt')(formatMoment(delivery.deliveredAt, language))}</> : null}
                    {delivery.status !== 'delivered' && last ? (
                      <span className="ad-last-attempt">
                        {t('lastAttempt')}: {outcomeOf(last, t)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {delivery.attemptList.length === 0 ? (
                      t('noAttempt')
                    ) : (
                      <details className="ad-attempts">
                        <summary>{t('showAttempts')(delivery.attemptList.length)}</summary>
                        <ol aria-label={t('attemptsOf')(event)}>
                          {delivery.attemptList.map((attempt, index) => (
                            <AttemptLine key={`${attempt.at}:${index}`} attempt={attempt} t={t} language={language} />
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                  <td>{formatMoment(delivery.createdAt, language)}</td>
                  <td>{delivery.nextAttemptAt ? formatMoment(delivery.nextAttemptAt, language) : '–'}</td>
                  <td>
                    {delivery.status !== 'delivered' ? (
                      <button type="button" className="aw-button aw-button--secondary ad-small-button" onClick={() => void retry(delivery)}>
                        {t('retry')}
                        <span className="aw-visually-hidden">
                          : {event}, {formatMoment(delivery.createdAt, language)}
                        </span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function AttemptLine({ attempt, t, language }: { attempt: DeliveryAttempt; t: Translate; language: 'de' | 'en' }): ReactNode {
  const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  return (
    <li className={ok ? undefined : 'ad-attempt--failed'}>
      <time dateTime={attempt.at}>{formatMoment(attempt.at, language)}</time> · {outcomeOf(attempt, t)} · {t('durationMs')(attempt.durationMs)}
    </li>
  );
}

/** What an attempt came to: the receiver's HTTP status, or why there was none (refused, timed out, switched off). */
function outcomeOf(attempt: DeliveryAttempt, t: Translate): string {
  if (attempt.statusCode !== null) return `HTTP ${attempt.statusCode}`;
  // Amtsweg's own reasons come as codes; a network error as the system reports it.
  if (attempt.error === 'ENDPOINT_SWITCHED_OFF') return t('attemptEndpointOff');
  if (attempt.error?.startsWith('HOST_NOT_ALLOWED')) return t('attemptHostNotAllowed');
  return attempt.error ?? '–';
}
