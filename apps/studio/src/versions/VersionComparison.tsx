import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { diffDefinitions, summarizeDiff } from '@amtsweg/editor';
import { formatDateTime } from '@amtsweg/ui/app';
import { useEditor } from '../editor-context';
import { ChangeList } from './ChangeList';
import { useVersionsTexts } from './use-versions-texts';
import { defaultComparison, formatChoice, parseChoice, type VersionChoice } from './version-choice';
import { loadVersionDefinition, type PublishedVersion } from './version-requests';

/** One side of a comparison made: a published version's definition, or `null` for the draft as it is now. */
interface ComparedSide {
  choice: VersionChoice;
  definition: ServiceDefinition | null;
}

/**
 * Two selects (older, newer: every version and the current draft) and the difference between them, grouped by
 * the Studio's areas. Opens with the newest version against the draft; a comparison with the draft follows the
 * draft while it changes (undo, a new draft from a version).
 */
export function VersionComparison({ versions }: { versions: PublishedVersion[] }): ReactNode {
  const { serviceId, definition } = useEditor();
  const { v, language } = useVersionsTexts();
  const defaults = defaultComparison(versions.map((entry) => entry.version));
  const [older, setOlder] = useState<VersionChoice | null>(null);
  const [newer, setNewer] = useState<VersionChoice | null>(null);
  const [compared, setCompared] = useState<{ older: ComparedSide; newer: ComparedSide } | null>(null);
  const [comparing, setComparing] = useState(false);
  const [problem, setProblem] = useState<'same' | 'failed' | null>(null);
  // Published versions never change: each is fetched once.
  const fetched = useRef(new Map<number, ServiceDefinition>());
  // A later comparison wins over an earlier one still loading.
  const serial = useRef(0);
  const newerRef = useRef<HTMLSelectElement>(null);

  const olderChoice = older ?? defaults?.older ?? 'draft';
  const newerChoice = newer ?? defaults?.newer ?? 'draft';

  const compare = useCallback(
    async (pair: { older: VersionChoice; newer: VersionChoice }) => {
      serial.current += 1;
      const mine = serial.current;
      setProblem(null);
      setComparing(true);
      const side = async (choice: VersionChoice): Promise<ComparedSide> => {
        if (choice === 'draft') return { choice, definition: null };
        const known = fetched.current.get(choice) ?? (await loadVersionDefinition(serviceId, choice));
        fetched.current.set(choice, known);
        return { choice, definition: known };
      };
      try {
        const [olderSide, newerSide] = await Promise.all([side(pair.older), side(pair.newer)]);
        if (mine === serial.current) setCompared({ older: olderSide, newer: newerSide });
      } catch {
        if (mine === serial.current) setProblem('failed');
      } finally {
        if (mine === serial.current) setComparing(false);
      }
    },
    [serviceId],
  );

  // Show what publishing now would change as soon as there is a version to compare with.
  const started = useRef(false);
  const defaultOlder = defaults?.older;
  useEffect(() => {
    if (started.current || defaultOlder === undefined) return;
    started.current = true;
    void compare({ older: defaultOlder, newer: 'draft' });
  }, [defaultOlder, compare]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (olderChoice === newerChoice) {
      setProblem('same');
      newerRef.current?.focus();
      return;
    }
    void compare({ older: olderChoice, newer: newerChoice });
  };

  const diff = useMemo(
    () => (compared ? diffDefinitions(compared.older.definition ?? definition, compared.newer.definition ?? definition) : null),
    [compared, definition],
  );
  const headline = diff ? summarizeDiff(diff).text[language] : '';

  if (versions.length === 0) return <p>{v('compareNeedsVersion')}</p>;

  const nameInSentence = (choice: VersionChoice) => (choice === 'draft' ? v('draftInSentence') : v('versionInSentence')(choice));
  const options = (
    <>
      <option value={formatChoice('draft')}>{v('draftChoice')}</option>
      {versions.map((entry) => (
        <option key={entry.version} value={formatChoice(entry.version)}>
          {v('versionChoice')(entry.version, formatDateTime(entry.publishedAt, language, false))}
        </option>
      ))}
    </>
  );

  return (
    <>
      <form className="st-version-compare" onSubmit={submit} noValidate>
        <div className="st-version-compare-field">
          <label className="aw-label" htmlFor="version-older">
            {v('olderChoice')}
          </label>
          <select
            id="version-older"
            className="aw-select"
            value={formatChoice(olderChoice)}
            onChange={(event) => {
              setOlder(parseChoice(event.target.value));
              setProblem(null);
            }}
          >
            {options}
          </select>
        </div>
        <div className={`st-version-compare-field${problem === 'same' ? ' aw-field--error' : ''}`}>
          <label className="aw-label" htmlFor="version-newer">
            {v('newerChoice')}
          </label>
          {problem === 'same' ? (
            <p id="version-newer-error" className="aw-error-message">
              {v('sameChoice')}
            </p>
          ) : null}
          <select
            id="version-newer"
            ref={newerRef}
            className="aw-select"
            value={formatChoice(newerChoice)}
            aria-invalid={problem === 'same' ? true : undefined}
            aria-describedby={problem === 'same' ? 'version-newer-error' : undefined}
            onChange={(event) => {
              setNewer(parseChoice(event.target.value));
              setProblem(null);
            }}
          >
            {options}
          </select>
        </div>
        <button type="submit" className="aw-button">
          {v('compare')}
        </button>
      </form>

      {/* Sighted users see "Comparing …"; screen readers also hear the headline once the difference is there. */}
      <p role="status" className={comparing ? 'st-version-status' : 'aw-visually-hidden'}>
        {comparing ? v('comparing') : diff ? v('compared')(headline) : ''}
      </p>
      <div role="alert">{problem === 'failed' ? <div className="pt-notice pt-notice--error">{v('compareFailed')}</div> : null}</div>

      {compared && diff ? (
        <section className="st-diff" aria-labelledby="versions-diff-title" aria-busy={comparing}>
          <h3 id="versions-diff-title">{v('resultTitle')(nameInSentence(compared.older.choice), nameInSentence(compared.newer.choice))}</h3>
          <p className="st-diff-headline">{headline}</p>
          <ChangeList diff={diff} level={4} />
        </section>
      ) : null}
    </>
  );
}
