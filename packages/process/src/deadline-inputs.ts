import { parseIsoDate } from '@amtsweg/definitions';
import type { ActionInput, Deadline, ProcessAction } from '@amtsweg/definitions';
import { addIsoDuration } from './add-iso-duration';
import type { CompiledProcess } from './compile-process';
import { failInputInvalid } from './process-errors';
import type { InputValidation } from './validate-action-inputs';

/** The longest a person may set a deadline ahead: beyond it, a typo in the year is the likelier story. */
const LONGEST_DEADLINE = 'P1Y';

/** A date input of an action that sets the last day of a deadline of the state the action leads to. */
export interface DeadlineInput {
  input: ActionInput;
  deadline: Deadline;
}

/** The days a person may choose for a deadline input, and the day offered (`after` from today). */
export interface DeadlineDays {
  /** `YYYY-MM-DD`: the day offered and taken when the input is left blank. */
  offered: string;
  /** The earliest day allowed: tomorrow. */
  earliest: string;
  /** The latest day allowed: a year from today. */
  latest: string;
}

/** The inputs of `action` that set deadlines of its target state (`setBy`), in the order of the deadlines. */
export function listDeadlineInputs(compiled: CompiledProcess, action: ProcessAction): DeadlineInput[] {
  const deadlines = compiled.states.get(action.target)?.deadlines ?? [];
  return deadlines.flatMap((deadline) => {
    const input = action.inputs?.find((i) => i.key === deadline.setBy && i.type === 'date');
    return input === undefined ? [] : [{ input, deadline }];
  });
}

/**
 * The days allowed for a deadline set on `today`. Calendar arithmetic on the date alone, so the answer is the
 * same in every time zone.
 *
 * @example
 * deadlineDays({ id: 'answer', after: 'P14D', action: 'overdue', setBy: 'answerBy' }, '2026-11-24')
 * // { offered: '2026-12-08', earliest: '2026-11-25', latest: '2027-11-24' }
 */
export function deadlineDays(deadline: Deadline, today: string): DeadlineDays {
  const offered = addDays(today, deadline.after);
  const earliest = addDays(today, 'P1D');
  return { offered: offered > earliest ? offered : earliest, earliest, latest: addDays(today, LONGEST_DEADLINE) };
}

/**
 * Checks the days a person chose for the deadlines `action` sets and fills in the offered day where they left
 * the input blank, so the history, the letter and the timer all read the same day. Returns the inputs to
 * record, or the first problem.
 */
export function settleDeadlineInputs(
  compiled: CompiledProcess,
  action: ProcessAction,
  inputs: Readonly<Record<string, string>>,
  today: string,
): InputValidation {
  const settled = { ...inputs };
  for (const { input, deadline } of listDeadlineInputs(compiled, action)) {
    const days = deadlineDays(deadline, today);
    const chosen = settled[input.key];
    if (chosen === undefined) settled[input.key] = days.offered;
    else if (chosen < days.earliest) return failInputInvalid(input, 'deadlinePast');
    else if (chosen > days.latest) return failInputInvalid(input, 'deadlineTooFar');
  }
  return { ok: true, inputs: settled };
}

/**
 * The last moment of a calendar day in a time zone (default: the process's own): a deadline "bis zum
 * 8. Dezember" runs out when 8 December ends where the authority is.
 *
 * @example
 * endOfDay('2026-12-08', 'Europe/Berlin').toISOString() // '2026-12-08T22:59:59.999Z'
 */
export function endOfDay(date: string, timeZone?: string): Date {
  const [year, month, day] = parseIsoDate(date) ?? [NaN, NaN, NaN];
  if (timeZone === undefined) return new Date(new Date(year, month - 1, day + 1).getTime() - 1);
  // Midnight that starts the next day, in UTC, moved by the zone's offset; measured twice so that a change
  // of daylight saving time on that night is taken into account.
  const nextMidnight = Date.UTC(year, month - 1, day + 1);
  const guess = nextMidnight - zoneOffset(nextMidnight, timeZone);
  return new Date(nextMidnight - zoneOffset(guess, timeZone) - 1);
}

function addDays(date: string, duration: string): string {
  const [year, month, day] = parseIsoDate(date) ?? [NaN, NaN, NaN];
  // The duration was checked when the process was compiled.
  const moved = addIsoDuration(new Date(Date.UTC(year, month - 1, day)), duration) ?? new Date(NaN);
  return moved.toISOString().slice(0, 10);
}

// Building an Intl formatter costs far more than using one; a process uses one or two zones.
const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `moment`, in milliseconds. */
function zoneOffset(moment: number, timeZone: string): number {
  let format = ZONE_FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    ZONE_FORMATS.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(moment)).map((part) => [part.type, Number(part.value)]));
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallClock - Math.floor(moment / 1000) * 1000;
}
