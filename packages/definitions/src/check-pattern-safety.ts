/**
 * Whether a designer's regular expression can backtrack catastrophically. JavaScript's regex engine
 * backtracks, so a pattern such as `^(a+)+$` or `^(a|a)+$` can take minutes on a short input and stall the
 * server. The rule is deliberately simple and fast (it runs on every edit): a group that is repeated (`*`, `+`,
 * `{n,}`, `{n,m}` with m > 1) must contain neither a quantifier nor an alternative `|`. Character classes
 * (`[ab]+`) and single repeated atoms (`\d{5}`) are fine.
 *
 * @example
 * isPatternSafe('^[0-9]{15}$') // true
 * isPatternSafe('^(a|b)+$')    // false — write ^[ab]+$ instead
 */
export function isPatternSafe(pattern: string): boolean {
  // For each open group: does it contain a quantifier or an alternation?
  const groups: { risky: boolean }[] = [];
  let previousGroupRisky = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      i++;
      previousGroupRisky = false;
      continue;
    }
    if (char === '[') {
      i = skipCharacterClass(pattern, i);
      previousGroupRisky = false;
      continue;
    }
    if (char === '(') {
      groups.push({ risky: false });
      previousGroupRisky = false;
      continue;
    }
    if (char === ')') {
      const group = groups.pop();
      previousGroupRisky = group?.risky ?? false;
      // The closed group is itself part of the enclosing one: a quantifier after it marks that one risky.
      continue;
    }
    const repeats = quantifierRepeats(pattern, i);
    if (repeats !== undefined) {
      if (repeats.unbounded && previousGroupRisky) return false;
      if (repeats.many) {
        const enclosing = groups[groups.length - 1];
        if (enclosing) enclosing.risky = true;
      }
      i = repeats.end;
      previousGroupRisky = false;
      continue;
    }
    if (char === '|') {
      const enclosing = groups[groups.length - 1];
      if (enclosing) enclosing.risky = true;
    }
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

/** A quantifier at `i`: whether it repeats more than once (`many`), without a small bound, and where it ends. */
function quantifierRepeats(pattern: string, i: number): { many: boolean; unbounded: boolean; end: number } | undefined {
  const char = pattern[i];
  const lazy = (end: number) => (pattern[end + 1] === '?' ? end + 1 : end);
  if (char === '*' || char === '+') return { many: true, unbounded: true, end: lazy(i) };
  if (char === '?') return { many: false, unbounded: false, end: i };
  if (char !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!match) return undefined;
  const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
  return { many: max > 1, unbounded: max > 1, end: lazy(i + match[0].length - 1) };
}
