import { useState, type ReactNode } from 'react';
import { localize } from '@amtsweg/ui';
import { useLanguage } from '../i18n';
import { Link, PageHeading, useLoad, withRouterBase } from '@amtsweg/ui/app';
import { loadCatalog, type CatalogEntry } from '../services';
import { LoadState } from './LoadState';

/** Text for matching: lower case, without accents, so "hundeanmeldung" finds "Hundeanmeldung" and "Straße" "strasse". */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

function matches(service: CatalogEntry, query: string, language: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const haystack = fold([service.title, service.description, service.preparation].map((text) => localize(text, language)).join(' '));
  return words.every((word) => haystack.includes(word));
}

export default function CatalogPage(): ReactNode {
  const { t, language } = useLanguage();
  const loaded = useLoad(loadCatalog, []);
  const [query, setQuery] = useState(() => new URLSearchParams(location.search).get('suche') ?? '');
  const services = loaded.state === 'done' ? loaded.value.filter((service) => matches(service, query, language)) : [];
  return (
    <>
      <PageHeading title={t('catalogTitle')}>{t('catalogTitle')}</PageHeading>
      <p className="pt-lead">{t('catalogIntro')}</p>
      <div className="pt-search">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            history.replaceState(null, '', withRouterBase(query ? `/?suche=${encodeURIComponent(query)}` : '/'));
          }}
        >
          <label className="aw-label" htmlFor="catalog-search">
            {t('searchLabel')}
          </label>
          <div className="aw-hint" id="catalog-search-hint">
            {t('searchHint')}
          </div>
          <input id="catalog-search" className="aw-input" type="search" value={query} aria-describedby="catalog-search-hint" onChange={(event) => setQuery(event.target.value)} />
        </form>
      </div>
      {loaded.state !== 'done' ? (
        <LoadState loaded={loaded} />
      ) : (
        <>
          <p role="status" className="pt-result-count">
            {services.length === 0 ? t('noResults') : t('resultCount')(services.length)}
          </p>
          <ul className="pt-service-list">
            {services.map((service) => (
              <li key={service.id} className="pt-service">
                <h2 className="pt-service-title">
                  <Link to={`/dienste/${service.slug}`}>{localize(service.title, language)}</Link>
                </h2>
                {service.description ? <p>{localize(service.description, language)}</p> : null}
                {service.duration ? (
                  <p className="pt-meta">
                    {t('howLong')}: {localize(service.duration, language)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
