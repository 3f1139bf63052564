/**
 * Whether a designer's regular expression can backtrack catastrophically. JavaScript's regex engine
 * backtracks, so a pattern such as `^(a+)+$` or `^(a|a)+$` can take minutes on a short input and stall the
 * server. The rule is deliberately simple and fast (it runs on every edit): a group that is repeated (`*`, `+`,
 * `{n,}`, `{n,m}` with m > 1) must contain neither a quantifier nor an alternative `|`. Character classes
 * (`[ab]+`) and single repeated atoms (`\d{5}`) are fine. Nor may three atoms repeated without bound follow one
 * another with nothing mandatory between them (`^a*a*a*$`, `\d+\s*\d+`): such runs backtrack in time growing with
 * the cube of the input. Two in a row (`^[a-z]+[a-z0-9]*$`) cost the square, which the bounded length of a text
 * field (at most 500 characters with a pattern) keeps small.
 *
 * @example
 * isPatternSafe('^[0-9]{15}$') // true
 * isPatternSafe('^(a|b)+$')    // false — write ^[ab]+$ instead
 */
export function isPatternSafe(pattern: string): boolean {
  // For each open group: does it contain a quantifier or an alternation, and how many atoms repeated without
  // bound follow one another at its end (the outermost level is groups[0]).
  const groups: { risky: boolean; run: number }[] = [{ risky: false, run: 0 }];
  let previousGroupRisky = false;
  // An atom was read and no quantifier yet: if none follows, it is mandatory and ends the run.
  let atomPending = false;
  const current = () => groups[groups.length - 1]!;
  const startAtom = () => {
    if (atomPending) current().run = 0;
    atomPending = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      startAtom();
      i++;
      previousGroupRisky = false;
      continue;
    }
    if (char === '[') {
      startAtom();
      i = skipCharacterClass(pattern, i);
      previousGroupRisky = false;
      continue;
    }
    if (char === '(') {
      if (atomPending) current().run = 0;
      atomPending = false;
      groups.push({ risky: false, run: 0 });
      previousGroupRisky = false;
      continue;
    }
    if (char === ')') {
      const group = groups.length > 1 ? groups.pop() : undefined;
      previousGroupRisky = group?.risky ?? false;
      // The closed group is itself part of the enclosing one: a quantifier after it marks that one risky.
      atomPending = false;
      startAtom();
      continue;
    }
    const repeats = quantifierRepeats(pattern, i);
    if (repeats !== undefined) {
      if (repeats.unbounded && previousGroupRisky) return false;
      if (repeats.many && groups.length > 1) current().risky = true;
      if (repeats.endless) {
        current().run++;
        if (current().run >= 3) return false;
      } else if (repeats.mandatory) current().run = 0;
      atomPending = false;
      i = repeats.end;
      previousGroupRisky = false;
      continue;
    }
    if (char === '|') {
      if (groups.length > 1) current().risky = true;
      current().run = 0;
      atomPending = false;
    } else if (char !== '^' && char !== '$') startAtom();
    previousGroupRisky = false;
  }
  return true;
}

function skipCharacterClass(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

/**
 * A quantifier at `i`: whether it repeats more than once (`many`, also `unbounded` for the group rule), without
 * any bound (`endless`), at least once (`mandatory`), and where it ends.
 */
function quantifierRepeats(pattern: string, i: number): { many: boolean; unbounded: boolean; endless: boolean; mandatory: boolean; end: number } | undefined {
  const char = pattern[i];
  const lazy = (end: number) => (pattern[end + 1] === '?' ? end + 1 : end);
  if (char === '*' || char === '+') return { many: true, unbounded: true, endless: true, mandatory: char === '+', end: lazy(i) };
  if (char === '?') return { many: false, unbounded: false, endless: false, mandatory: false, end: lazy(i) };
  if (char !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return { many: max > 1, unbounded: max > 1, endless: max === Infinity, mandatory: min > 0, end: lazy(i + match[0].length - 1) };
}
