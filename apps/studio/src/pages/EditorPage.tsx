import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '@amtsweg/definitions';
import { canRedo, canUndo, describeLastMove, redoLabel, undoLabel, type EditLabel, type EditResult } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { api, ApiError, Link, navigate, PageHeading, useLoad, usePlace } from '@amtsweg/ui/app';
import { BASE } from '../App';
import { DocumentsEditor } from '../documents/DocumentsEditor';
import { EditorContext, type EditorContextValue } from '../editor-context';
import { FormDesigner } from '../form/FormDesigner';
import { useLanguage } from '../i18n';
import { ProcessDesigner } from '../process/ProcessDesigner';
import { SettingsEditor } from '../settings/SettingsEditor';
import { useDraft, type ServiceDraft } from '../use-draft';
import { VersionsPanel } from '../versions/VersionsPanel';

const AREAS = ['formular', 'ablauf', 'schreiben', 'einstellungen', 'versionen'] as const;
type Area = (typeof AREAS)[number];

/** Which area shows the place a diagnostic points to. */
function areaOf(pointer: string): Area {
  if (pointer.startsWith('/form')) return 'formular';
  if (pointer.startsWith('/process')) return 'ablauf';
  if (pointer.startsWith('/documents')) return 'schreiben';
  return 'einstellungen';
}

/** One service in the Studio: loads its draft, then the editor. */
export function EditorPage({ serviceId }: { serviceId: string }): ReactNode {
  const { t } = useLanguage();
  const loaded = useLoad(() => api<ServiceDraft>(`/api/services/${serviceId}`), [serviceId]);
  if (loaded.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <p role="alert">
        {loaded.error instanceof ApiError ? loaded.error.message : t('loadFailed')}{' '}
        <Link to={`${BASE}/`}>{t('backToList')}</Link>
      </p>
    );
  }
  return <Editor initial={loaded.value} />;
}

/**
 * The editor: areas as tabs (form, procedure, letters, settings, versions), undo and redo for every change,
 * saving by itself with the state said out loud, the checks with links to the places they concern, export and
 * publishing (refused while errors remain).
 */
function Editor({ initial }: { initial: ServiceDraft }): ReactNode {
  const { t, language } = useLanguage();
  const { search } = usePlace();
  const area: Area = (AREAS as readonly string[]).includes(search.get('bereich') ?? '') ? (search.get('bereich') as Area) : 'formular';
  const draft = useDraft(initial);
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<EditorContextValue['focus']>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [publishMessage, setPublishMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const serial = useRef(0);

  const announce = useCallback((text: string) => {
    // The same words twice in a row must be read twice: clear, then set.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  const { change } = draft;
  const apply = useCallback(
    (result: EditResult, label: EditLabel, options?: { mergeKey?: string }) => {
      if (!result.ok) {
        const text = `${t('refused')} ${localize(result.message, language)}`;
        setRefusal(text);
        announce(text);
        return false;
      }
      setRefusal(null);
      change(result.definition, label, options);
      return true;
    },
    [change, t, language, announce],
  );

  // Undo and redo by keyboard, except inside a text input, which has its own.
  const { undo, redo, history } = draft;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const lastMove = describeLastMove(history);
  useEffect(() => {
    if (lastMove) announce(lastMove[language]);
  }, [history, lastMove, announce, language]);

  const errors = draft.diagnostics.filter((d) => d.severity === 'error');
  const warnings = draft.diagnostics.filter((d) => d.severity === 'warning');

  const showPlace = useCallback(
    (pointer: string) => {
      serial.current += 1;
      setFocus({ pointer, serial: serial.current });
      const target = areaOf(pointer);
      if (target !== area) navigate(`${BASE}/dienste/${initial.id}?bereich=${target}`);
    },
    [area, initial.id, navigate],
  );
  const show = (diagnostic: Diagnostic) => showPlace(diagnostic.path);

  const publish = async () => {
    setPublishMessage(null);
    try {
      const version = await draft.publish();
      setPublishMessage({ ok: true, text: t('published_')(version) });
    } catch (error) {
      setPublishMessage({ ok: false, text: error instanceof ApiError ? error.message : t('loadFailed') });
    }
  };

  const exportFile = () => {
    const blob = new Blob([`${JSON.stringify(draft.definition, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${draft.slug}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const context = useMemo<EditorContextValue>(
    () => ({ serviceId: initial.id, definition: draft.definition, apply, diagnostics: draft.diagnostics, focus, showPlace, announce }),
    [initial.id, draft.definition, apply, draft.diagnostics, focus, showPlace, announce],
  );
  const title = localize(draft.definition.title, language);
  const statusText = { saved: t('saveIdle'), pending: t('saving'), saving: t('saving'), failed: t('saveFailed'), conflict: '' }[draft.status];
  const areaLabels: Record<Area, string> = {
    formular: t('areaForm'),
    ablauf: t('areaProcess'),
    schreiben: t('areaDocuments'),
    einstellungen: t('areaSettings'),
    versionen: t('areaVersions'),
  };

  return (
    <EditorContext.Provider value={context}>
      <p>
        <Link to={`${BASE}/`}>{t('backToList')}</Link>
      </p>
      <PageHeading title={`${title} – ${areaLabels[area]} – ${t('appName')}`}>{title}</PageHeading>
      <div className="st-toolbar">
        <button type="button" className="aw-button aw-button--secondary" aria-disabled={!canUndo(history)} title={undoLabel(history)?.[language]} onClick={() => undo()}>
          {t('undo')}
        </button>
        <button type="button" className="aw-button aw-button--secondary" aria-disabled={!canRedo(history)} title={redoLabel(history)?.[language]} onClick={() => redo()}>
          {t('redo')}
        </button>
        <p className="st-save-status" role="status">
          {statusText}
        </p>
        <button type="button" className="aw-button aw-button--secondary" onClick={exportFile}>
          {t('export')}
        </button>
        <button type="button" className="aw-button" aria-describedby={errors.length > 0 ? 'publish-blocked' : undefined} onClick={() => void publish()}>
          {t('publish')}
        </button>
      </div>
      {errors.length > 0 ? (
        <p id="publish-blocked" className="aw-hint">
          {t('publishBlocked')(errors.length)} <a href="#checks-title">{t('toChecks')}</a>
        </p>
      ) : null}
      {publishMessage ? (
        <div className={`pt-notice${publishMessage.ok ? '' : ' pt-notice--error'}`} role="alert">
          {publishMessage.text}
        </div>
      ) : null}
      {draft.status === 'conflict' ? (
        <div className="pt-notice pt-notice--error" role="alert">
          <p>{t('conflict')}</p>
          <button type="button" className="aw-button aw-button--secondary" onClick={() => void draft.loadTheirs()}>
            {t('loadTheirs')}
          </button>{' '}
          <button type="button" className="aw-button aw-button--secondary" onClick={() => void draft.keepMine()}>
            {t('keepMine')}
          </button>
        </div>
      ) : null}
      {refusal ? (
        <div className="pt-notice pt-notice--error" role="alert">
          {refusal}
        </div>
      ) : null}
      <p className="aw-visually-hidden" aria-live="polite">
        {announcement}
      </p>

      <nav aria-label={t('areas')} className="aw-tabs">
        <ul>
          {AREAS.map((name) => (
            <li key={name}>
              <Link to={`${BASE}/dienste/${initial.id}?bereich=${name}`} aria-current={name === area ? 'page' : undefined}>
                {areaLabels[name]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="st-workspace">
        <div className="st-area">
          {area === 'formular' ? <FormDesigner /> : null}
          {area === 'ablauf' ? <ProcessDesigner /> : null}
          {area === 'schreiben' ? <DocumentsEditor /> : null}
          {area === 'einstellungen' ? <SettingsEditor /> : null}
          {area === 'versionen' ? <VersionsPanel key={draft.publishedVersion ?? 0} onDraftReplaced={() => void draft.loadTheirs()} /> : null}
        </div>
        <aside className="st-checks" aria-labelledby="checks-title">
          <h2 id="checks-title">{t('checksTitle')}</h2>
          <p>{draft.diagnostics.length === 0 ? t('checksClean') : t('errorsAndWarnings')(errors.length, warnings.length)}</p>
          <ul className="st-check-list">
            {[...errors, ...warnings].map((diagnostic) => (
              <li key={`${diagnostic.code}:${diagnostic.path}:${diagnostic.message}`} className={`st-check st-check--${diagnostic.severity}`}>
                <button type="button" className="st-link-button" onClick={() => show(diagnostic)}>
                  <span className="st-check-kind">{diagnostic.severity === 'error' ? t('error') : t('warning')}:</span> {diagnostic.message}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </EditorContext.Provider>
  );
}
