import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError, formatDateTime } from '@amtsweg/ui/app';
import { useEditor } from '../editor-context';
import { useVersionsTexts } from './use-versions-texts';
import { startDraftFromVersion, type PublishedVersion } from './version-requests';

type Outcome = { ok: true; text: string } | { ok: false; text: string };

/**
 * The published versions as a table, each with a button to start a new draft from it. Replacing the draft is
 * asked for first, in place, saying what is lost; the server refuses it when the draft was saved in between.
 */
export function VersionList({ versions, onDraftReplaced }: { versions: PublishedVersion[]; onDraftReplaced: () => void }): ReactNode {
  const { serviceId } = useEditor();
  const { v, language } = useVersionsTexts();
  const [asking, setAsking] = useState<number | null>(null);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const triggers = useRef(new Map<number, HTMLButtonElement>());
  const confirmRef = useRef<HTMLElement>(null);

  // The question appears below the table: take the focus there, so a keyboard or screen-reader user meets it.
  useEffect(() => {
    if (asking !== null) confirmRef.current?.focus();
  }, [asking]);

  const ask = (version: number) => {
    setOutcome(null);
    setAsking(version);
  };

  // Closing the question gives the focus back to the button that asked it; the outcome is read from a live region.
  const close = (version: number) => {
    setAsking(null);
    triggers.current.get(version)?.focus();
  };

  const replace = async (version: number) => {
    if (working) return;
    setWorking(true);
    try {
      await startDraftFromVersion(serviceId, version);
      setOutcome({ ok: true, text: v('replaced')(version) });
      onDraftReplaced();
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409;
      setOutcome({ ok: false, text: conflict ? v('replaceConflict') : `${v('replaceFailed')} ${error instanceof ApiError ? error.message : ''}`.trim() });
    } finally {
      setWorking(false);
      close(version);
    }
  };

  const onQuestionKey = (event: KeyboardEvent, version: number) => {
    if (event.key !== 'Escape' || working) return;
    event.preventDefault();
    close(version);
  };

  if (versions.length === 0) return <p>{v('notPublished')}</p>;

  return (
    <>
      <table className="st-table st-version-table" aria-labelledby="versions-list-title">
        <thead>
          <tr>
            <th scope="col">{v('columnVersion')}</th>
            <th scope="col">{v('columnPublishedAt')}</th>
            <th scope="col">{v('columnPublishedBy')}</th>
            <th scope="col">{v('columnActions')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((entry) => (
            <tr key={entry.version}>
              <th scope="row">{entry.version}</th>
              <td>
                <time dateTime={entry.publishedAt}>{formatDateTime(entry.publishedAt, language)}</time>
              </td>
              <td>
                {typeof entry.publishedBy === 'string' && entry.publishedBy !== '' ? (
                  entry.publishedBy
                ) : (
                  <span className="st-version-unknown">{v('publisherUnknown')}</span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="aw-button aw-button--secondary st-version-start"
                  ref={(element) => {
                    if (element) triggers.current.set(entry.version, element);
                    else triggers.current.delete(entry.version);
                  }}
                  aria-expanded={asking === entry.version}
                  aria-controls={asking === entry.version ? 'version-confirm' : undefined}
                  onClick={() => ask(entry.version)}
                >
                  {v('startFrom')(entry.version)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {asking !== null ? (
        <section
          id="version-confirm"
          ref={confirmRef}
          tabIndex={-1}
          className="st-version-confirm"
          aria-labelledby="version-confirm-title"
          onKeyDown={(event) => onQuestionKey(event, asking)}
        >
          <h3 id="version-confirm-title">{v('confirmTitle')(asking)}</h3>
          <p id="version-confirm-text">{v('confirmText')(asking)}</p>
          <div className="st-toolbar">
            <button
              type="button"
              className="aw-button st-button-warning"
              aria-describedby="version-confirm-text"
              aria-disabled={working}
              onClick={() => void replace(asking)}
            >
              {v('confirmYes')}
            </button>
            <button type="button" className="aw-button aw-button--secondary" aria-disabled={working} onClick={() => !working && close(asking)}>
              {v('confirmNo')}
            </button>
          </div>
        </section>
      ) : null}

      {/* Both live regions are there from the start, so what appears in them is read out. */}
      <div role="status">
        {working ? <p>{v('replacing')}</p> : null}
        {outcome?.ok ? <div className="pt-notice pt-notice--success">{outcome.text}</div> : null}
      </div>
      <div role="alert">{outcome && !outcome.ok ? <div className="pt-notice pt-notice--error">{outcome.text}</div> : null}</div>
    </>
  );
}
