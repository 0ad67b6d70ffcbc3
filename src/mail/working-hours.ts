/** A reader's week: their time zone, the ISO weekdays they do not work (1 Monday … 7 Sunday) and their hours. */
export interface WorkingWeek {
  timeZone: string;
  weekendDays: number[];
  workStartHour: number;
  workEndHour: number;
}

/** Building a formatter costs far more than using one: one per time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local weekday (ISO) and hour of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { isoDay: number; hour: number; minute: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const isoDay = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return { isoDay, hour: Number(part('hour')), minute: Number(part('minute')) };
}

/** True when `at` falls in the reader's working hours on one of their working days. */
export function isWorkingTime(at: Date, week: WorkingWeek): boolean {
  const { isoDay, hour } = localTime(at, week.timeZone);
  return !week.weekendDays.includes(isoDay) && hour >= week.workStartHour && hour < week.workEndHour;
}

/**
 * The first moment from `now` that is working time for the reader: `now` itself during working hours, else the
 * start of their next working hour. Walks forward a quarter hour at a time (at most a week and a bit), which keeps
 * it right across daylight-saving changes and half-hour time zones without date arithmetic of its own.
 */
export function nextWorkingTime(now: Date, week: WorkingWeek): Date {
  if (isWorkingTime(now, week)) return now;
  const step = 15 * 60_000;
  let at = new Date(Math.ceil(now.getTime() / step) * step);
  for (let i = 0; i < 4 * 24 * 8; i += 1) {
    if (isWorkingTime(at, week)) return at;
    at = new Date(at.getTime() + step);
  }
  return now; // every day a weekend, or no working hours: nothing to wait for
}

/** The day a weekly digest comes: the first working day after the weekend (Monday for Sat–Sun, Sunday for Fri–Sat). */
export function weeklyDigestDay(weekendDays: number[]): number {
  for (let day = 1; day <= 7; day += 1) {
    const previous = day === 1 ? 7 : day - 1;
    if (!weekendDays.includes(day) && weekendDays.includes(previous)) return day;
  }
  return 1;
}
