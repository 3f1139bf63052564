import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@amtsweg/definitions';
import { countPageProblems, elementPointerOf, groupProblemsByElement } from './element-problems';

function diagnostic(path: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { code: 'UNKNOWN_FIELD', severity, path, message: `at ${path}` };
}

describe('problems at elements', () => {
  it('finds the innermost element a pointer lies in', () => {
    expect(elementPointerOf('/form/pages/0/elements/3/options/1/value')).toBe('/form/pages/0/elements/3');
    expect(elementPointerOf('/form/pages/1/elements/0/elements/2/visibleIf/eq/0')).toBe('/form/pages/1/elements/0/elements/2');
    expect(elementPointerOf('/form/pages/1/title')).toBeUndefined();
    expect(elementPointerOf('/process/states/0')).toBeUndefined();
  });

  it('files each diagnostic under its element or page, errors first, and ignores the rest', () => {
    const grouped = groupProblemsByElement([
      diagnostic('/form/pages/0/elements/1/label/en', 'warning'),
      diagnostic('/form/pages/0/elements/1/visibleIf'),
      diagnostic('/form/pages/0/title/en', 'warning'),
      diagnostic('/process/initial'),
    ]);
    expect([...grouped.keys()]).toEqual(['/form/pages/0/elements/1', '/form/pages/0']);
    expect(grouped.get('/form/pages/0/elements/1')!.map((problem) => problem.severity)).toEqual(['error', 'warning']);
    expect(countPageProblems(grouped, '/form/pages/0')).toEqual({ all: 3, errors: 1 });
    expect(countPageProblems(grouped, '/form/pages/1')).toEqual({ all: 0, errors: 0 });
  });

  it('does not count page 10 as part of page 1', () => {
    const grouped = groupProblemsByElement([diagnostic('/form/pages/10/elements/0')]);
    expect(countPageProblems(grouped, '/form/pages/1')).toEqual({ all: 0, errors: 0 });
  });
});
