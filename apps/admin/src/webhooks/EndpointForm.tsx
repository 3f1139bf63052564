import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, localize, type SummaryError } from '@amtsweg/ui';
import { ApiError } from '@amtsweg/ui/app';
import { Field, FieldMessage } from '../form-field';
import { eventLabel, useLanguage, type Translate } from '../i18n';
import { endpointFieldOf, isSchemaError, type EndpointField } from './field-errors';
import type { PublishedService } from './webhooks-api';

export interface EndpointValues {
  serviceId: string;
  url: string;
  events: string[];
  description: string;
}

const DESCRIPTION_MAX = 200;

/**
 * The fields of an endpoint: service (only when registering; an endpoint stays with its service), receiver
 * address, events, description. Checks what it can before sending; what the server refuses (`/body/url`: a
 * host not on the allow-list) appears in the error summary and at the field.
 */
export function EndpointForm({
  idPrefix,
  initial,
  services,
  events,
  allowedHosts,
  submitLabel,
  onSubmit,
  onCancel,
  focusFirst = false,
}: {
  idPrefix: string;
  initial: EndpointValues;
  /** The services to choose from; undefined when the service is fixed. */
  services?: PublishedService[];
  events: string[];
  allowedHosts: string[];
  submitLabel: string;
  onSubmit: (values: EndpointValues) => Promise<void>;
  onCancel?: () => void;
  /** Put the keyboard into the first field when the form opens on a page that is already there. */
  focusFirst?: boolean;
}): ReactNode {
  const { t, language } = useLanguage();
  const [values, setValues] = useState<EndpointValues>(initial);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const ids: Record<EndpointField, string> = {
    serviceId: `${idPrefix}-service`,
    url: `${idPrefix}-url`,
    // The summary's link for the events leads to their first box.
    events: `${idPrefix}-event-0`,
    description: `${idPrefix}-description`,
  };

  useEffect(() => {
    if (focusFirst) firstRef.current?.focus();
  }, [focusFirst]);

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };
  const set = <K extends keyof EndpointValues>(key: K, value: EndpointValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkValues(values, services !== undefined, t);
    if (problems.length > 0) return fail(problems.map(([field, message]) => ({ pointer: `#${ids[field]}`, message })));
    setBusy(true);
    try {
      await onSubmit({ ...values, url: values.url.trim(), description: values.description.trim() });
      setErrors([]);
    } catch (error) {
      fail(describeRefusal(error, t).map(([field, message]) => ({ pointer: `#${ids[field]}`, message })));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: EndpointField) => errors.find((error) => error.pointer === `#${ids[field]}`)?.message;
  const hostList = allowedHosts.length > 0 ? allowedHosts.join(', ') : t('noHostsYet');
  const eventsError = errorOf('events');
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      {services ? (
        <Field id={ids.serviceId} label={t('service')} hint={t('serviceHint')} error={errorOf('serviceId')}>
          {(description) => (
            <select id={ids.serviceId} ref={firstRef} className="aw-select" value={values.serviceId} onChange={(event) => set('serviceId', event.target.value)} {...description}>
              <option value="">{t('chooseService')}</option>
              {services.map((service) => (
                <option key={service.id} value={service.id}>
                  {localize(service.title, language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={ids.url} label={t('url')} hint={t('urlHint')(hostList)} error={errorOf('url')}>
        {(description) => (
          <input
            id={ids.url}
            ref={services ? undefined : firstRef}
            className="aw-input ad-input--wide"
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={values.url}
            onChange={(event) => set('url', event.target.value)}
            {...description}
          />
        )}
      </Field>
      <div className={`aw-field${eventsError ? ' aw-field--error' : ''}`}>
        <fieldset className="aw-fieldset" aria-describedby={[`${idPrefix}-events-hint`, eventsError ? `${idPrefix}-events-error` : ''].filter(Boolean).join(' ')}>
          <legend className="aw-label">{t('events')}</legend>
          <p id={`${idPrefix}-events-hint`} className="aw-hint">
            {t('eventsHint')}
          </p>
          <FieldMessage id={`${idPrefix}-events`} error={eventsError} />
          {events.map((name, index) => (
            <div key={name} className="aw-choice">
              <input
                id={`${idPrefix}-event-${index}`}
                type="checkbox"
                checked={values.events.includes(name)}
                onChange={(event) => set('events', event.target.checked ? events.filter((e) => e === name || values.events.includes(e)) : values.events.filter((e) => e !== name))}
              />
              <label htmlFor={`${idPrefix}-event-${index}`}>
                {eventLabel(t, name)} <code className="ad-event-id">{name}</code>
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      <Field
        id={ids.description}
        label={
          <>
            {t('description')} <span className="aw-optional">{t('optional')}</span>
          </>
        }
        hint={t('descriptionHint')}
        error={errorOf('description')}
      >
        {(description) => (
          <input
            id={ids.description}
            className="aw-input ad-input--wide"
            type="text"
            autoComplete="off"
            value={values.description}
            onChange={(event) => set('description', event.target.value)}
            {...description}
          />
        )}
      </Field>
      <div className="pt-actions">
        <button type="submit" className="aw-button" aria-disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="aw-button aw-button--secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** What can be told before asking the server, field by field. */
function checkValues(values: EndpointValues, withService: boolean, t: Translate): [EndpointField, string][] {
  const problems: [EndpointField, string][] = [];
  if (withService && !values.serviceId) problems.push(['serviceId', t('serviceRequired')]);
  const url = values.url.trim();
  if (!url) problems.push(['url', t('urlRequired')]);
  else if (!/^https?:\/\/[^/]/i.test(url)) problems.push(['url', t('urlInvalid')]);
  if (values.events.length === 0) problems.push(['events', t('eventsRequired')]);
  if (values.description.trim().length > DESCRIPTION_MAX) problems.push(['description', t('descriptionTooLong')]);
  return problems;
}

/** The server's refusal at the fields it names: its own words where written for people, the page's for schema errors. */
function describeRefusal(error: unknown, t: Translate): [EndpointField, string][] {
  if (!(error instanceof ApiError)) return [['url', t('saveFailed')]];
  const friendly: Record<EndpointField, string> = { serviceId: t('serviceRequired'), url: t('urlInvalid'), events: t('eventsRequired'), description: t('descriptionTooLong') };
  const found = new Map<EndpointField, string>();
  for (const entry of error.errors) {
    const field = endpointFieldOf(entry.path);
    if (field && !found.has(field)) found.set(field, isSchemaError(entry) ? friendly[field] : entry.message);
  }
  // A refusal that names no field (the endpoint is gone, the session ended) still belongs in the summary.
  return found.size > 0 ? [...found] : [['url', error.message]];
}
