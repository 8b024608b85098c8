/**
 * A business date, `YYYY-MM-DD`, in Europe/London. Dates are compared as strings (the format
 * sorts lexically) and computed on as whole days, never through a time of day.
 */
export type CalendarDate = string;

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isCalendarDate = (value: unknown): value is CalendarDate => {
  if (typeof value !== 'string') return false;
  const match = pattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const toEpochDay = (date: CalendarDate): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

const fromEpochDay = (day: number): CalendarDate => new Date(day * 86_400_000).toISOString().slice(0, 10);

export const addDays = (date: CalendarDate, days: number): CalendarDate => fromEpochDay(toEpochDay(date) + days);

/** Calendar months; a day past the target month's end clamps to its last day (31 Aug + 6 = 28/29 Feb). */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toEpochDay(to) - toEpochDay(from);

const londonFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Europe/London for an instant. */
export const londonDate = (instant: Date): CalendarDate => londonFormat.format(instant);
