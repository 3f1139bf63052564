import type { ReactNode } from 'react';
import type { Diagnostic } from '@amtsweg/definitions';
import { AREA_CONTROLS_TEXTS } from './area-controls-texts';
import { useAreaTexts } from './use-area-texts';

/**
 * The findings about one thing, next to it. Each says in words whether it is an error or a warning
 * (not by colour alone).
 */
/** A finding as shown: from the checks, or from a control that refuses what was typed. */
export type Finding = Pick<Diagnostic, 'severity' | 'message'> & { code?: string; path?: string };

export function ProblemMessages({ id, problems }: { id?: string; problems: readonly Finding[] }): ReactNode {
  const t = useAreaTexts(AREA_CONTROLS_TEXTS);
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="st-problems">
      {problems.map((problem, index) => (
        <li key={`${problem.code ?? ''}:${problem.path ?? ''}:${index}`} className={problem.severity === 'error' ? 'aw-error-message' : 'st-warning-message'}>
          <span className="st-problem-kind">{problem.severity === 'error' ? t('error') : t('warning')}:</span> {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** "Here: 2 errors, 1 warning" under a heading, or nothing. */
export function ProblemCount({ problems }: { problems: readonly Finding[] }): ReactNode {
  const t = useAreaTexts(AREA_CONTROLS_TEXTS);
  if (problems.length === 0) return null;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return <p className="st-problem-count">{t('problemsHere')(errors, problems.length - errors)}</p>;
}

/** True when one of the problems is an error (it blocks publishing). */
export function hasError(problems: readonly Finding[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
