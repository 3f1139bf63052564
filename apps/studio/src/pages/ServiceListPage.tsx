import { useState, type FormEvent, type ReactNode } from 'react';
import type { Diagnostic, ServiceDefinition } from '@amtsweg/definitions';
import { ErrorSummary, localize, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, Link, navigate, PageHeading, useLoad } from '@amtsweg/ui/app';
import { BASE } from '../App';
import { useLanguage } from '../i18n';
import { newDefinition } from '../new-definition';

interface ServiceSummary {
  id: string;
  slug: string;
  title: { de: string; en?: string };
  draftRevision: number;
  publishedVersion: number | null;
  errorCount: number;
}

/** "Sondernutzungserlaubnis für Straßen" → "sondernutzungserlaubnis-fuer-strassen" (the portal address). */
export function slugFromTitle(title: string): string {
  const plain = title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return plain.slice(0, 63).replace(/-+$/, '');
}

/** Every service of the organisation, a form to start a new one, and importing one from a file. */
export function ServiceListPage(): ReactNode {
  const { t, language } = useLanguage();
  const services = useLoad(() => api<{ services: ServiceSummary[] }>('/api/studio/services'), []);
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [importProblems, setImportProblems] = useState<string[]>([]);

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  const create = async (definition: ServiceDefinition, address: string) => {
    const created = await api<{ id: string }>('/api/services', { method: 'POST', body: { slug: address, definition } });
    navigate(`${BASE}/dienste/${created.id}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: SummaryError[] = [];
    if (title.trim() === '') missing.push({ pointer: '#new-title', message: t('required')(t('newTitle')) });
    if (slug.trim() === '') missing.push({ pointer: '#new-slug', message: t('required')(t('newSlug')) });
    if (missing.length > 0) return fail(missing);
    try {
      await create(newDefinition(title.trim(), slug.trim()), slug.trim());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const onSlug = error.code === 'SERVICE_SLUG_TAKEN' || error.errors.some((e) => e.path.includes('slug'));
      fail([{ pointer: onSlug ? '#new-slug' : '#new-title', message: error.errors[0]?.message ?? error.message }]);
    }
  };

  const importFile = async (file: File) => {
    setImportProblems([]);
    let definition: ServiceDefinition;
    try {
      definition = JSON.parse(await file.text()) as ServiceDefinition;
    } catch {
      setImportProblems([t('importNotJson')]);
      return;
    }
    try {
      const checked = await api<{ diagnostics: Diagnostic[] }>('/api/studio/check', { method: 'POST', body: { definition } });
      // A structurally broken file is refused; a draft with gaps is imported and the checks show what to fix.
      const broken = checked.diagnostics.filter((d) => d.code === 'SCHEMA_INVALID');
      if (broken.length > 0) {
        setImportProblems(broken.map((d) => `${d.path || '/'}: ${d.message}`));
        return;
      }
      const base = slugFromTitle(localize(definition.title, 'de')) || 'dienst';
      await create(definition, base).catch(async (error: unknown) => {
        if (error instanceof ApiError && error.code === 'SERVICE_SLUG_TAKEN') return create(definition, `${base.slice(0, 56)}-${Date.now() % 100000}`);
        throw error;
      });
    } catch (error) {
      setImportProblems([error instanceof ApiError ? error.message : t('loadFailed')]);
    }
  };

  const fieldError = (id: string) => errors.find((e) => e.pointer === `#${id}`)?.message;

  return (
    <>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <PageHeading title={`${t('servicesTitle')} – ${t('appName')}`}>{t('servicesTitle')}</PageHeading>
      <p>{t('servicesIntro')}</p>
      {services.state === 'loading' ? (
        <p role="status">{t('loading')}</p>
      ) : services.state === 'failed' ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : services.value.services.length === 0 ? (
        <p>{t('noServices')}</p>
      ) : (
        <table className="st-table">
          <thead>
            <tr>
              <th scope="col">{t('columnTitle')}</th>
              <th scope="col">{t('columnState')}</th>
              <th scope="col">{t('columnProblems')}</th>
            </tr>
          </thead>
          <tbody>
            {services.value.services.map((service) => (
              <tr key={service.id}>
                <td>
                  <Link to={`${BASE}/dienste/${service.id}`}>{localize(service.title, language)}</Link>
                </td>
                <td>{service.publishedVersion === null ? t('unpublished') : t('published')(service.publishedVersion)}</td>
                <td>{service.errorCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section aria-labelledby="new-service-title" className="st-section">
        <h2 id="new-service-title">{t('newService')}</h2>
        <form noValidate onSubmit={(event) => void submit(event)} className="aw-narrow">
          {(
            [
              ['new-title', t('newTitle'), t('newTitleHint'), title, (value: string) => {
                setTitle(value);
                if (!slugEdited) setSlug(slugFromTitle(value));
              }],
              ['new-slug', t('newSlug'), t('newSlugHint'), slug, (value: string) => {
                setSlug(value);
                setSlugEdited(true);
              }],
            ] as const
          ).map(([id, label, hint, value, change]) => {
            const error = fieldError(id);
            return (
              <div key={id} className={`aw-field${error ? ' aw-field--error' : ''}`}>
                <label className="aw-label" htmlFor={id}>
                  {label}
                </label>
                <p id={`${id}-hint`} className="aw-hint">
                  {hint}
                </p>
                {error ? (
                  <p id={`${id}-error`} className="aw-error-message">
                    {error}
                  </p>
                ) : null}
                <input
                  id={id}
                  className="aw-input"
                  value={value}
                  spellCheck={id === 'new-title'}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  onChange={(event) => change(event.target.value)}
                />
              </div>
            );
          })}
          <button type="submit" className="aw-button">
            {t('create')}
          </button>
        </form>
        <div className="aw-field">
          <label className="aw-label" htmlFor="import-file">
            {t('importFile')}
          </label>
          <input
            id="import-file"
            type="file"
            accept="application/json,.json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </div>
        {importProblems.length > 0 ? (
          <div className="pt-notice pt-notice--error" role="alert">
            <p>{t('importProblems')}</p>
            <ul>
              {importProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </>
  );
}
