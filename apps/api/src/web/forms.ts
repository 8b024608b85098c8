import { randomUUID } from 'node:crypto';
import { ErrorBody, toErrorBody } from '../http/domain-error.filter';
import { FieldProblem } from '../http/validation';

/** A posted form, as express's urlencoded parser gives it. */
export type FormBody = Record<string, string | string[] | undefined>;

export type ErrorSummaryItem = { text: string; href?: string };

/** What a re-drawn form shows: the GOV.UK error summary, and a message per field by its input id. */
export type FormErrors = { summary: ErrorSummaryItem[]; fields: Record<string, { text: string }> };

/** How a field the API names is shown on a form: the id of its input (the summary links to it) and its label. */
export type FieldLabels = Record<string, { id: string; label: string }>;

/** The text of one field: trimmed; an empty field is left out so the API names it as missing. */
export const text = (body: FormBody, name: string): string | undefined => {
  const value = body[name];
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  return trimmed ? trimmed : undefined;
};

/** Every value of a repeated field (checkboxes), empty ones left out. */
export const list = (body: FormBody, name: string): string[] => {
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((each) => each.trim()).filter((each) => each !== '');
};

/** A number field: a number when it reads as one, otherwise the text as typed, so the API says what is wrong with it. */
export const number = (body: FormBody, name: string): number | string | undefined => {
  const value = text(body, name);
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(/,/g, ''));
  return Number.isFinite(parsed) ? parsed : value;
};

/** Yes/No radios as a boolean; anything else as typed. */
export const yesNo = (body: FormBody, name: string): boolean | string | undefined => {
  const value = text(body, name);
  return value === 'yes' ? true : value === 'no' ? false : value;
};

/**
 * A GOV.UK date input (`<name>-day`, `-month`, `-year`) as `YYYY-MM-DD`, padded; an empty date
 * is left out, and a part that is not a number goes to the API as typed, which then refuses it
 * as not a real date.
 */
export const date = (body: FormBody, name: string): string | undefined => {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `${name}-${part}`) ?? '');
  if (!day && !month && !year) return undefined;
  const pad = (value: string, width: number) => (/^\d+$/.test(value) ? value.padStart(width, '0') : value);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
};

/** The parts of an ISO date for a GOV.UK date input's items, or of what was typed when the form is drawn again. */
export const dateParts = (body: FormBody | undefined, name: string, fallback?: string): { day: string; month: string; year: string } => {
  if (body && [`${name}-day`, `${name}-month`, `${name}-year`].some((key) => body[key] !== undefined)) {
    return { day: text(body, `${name}-day`) ?? '', month: text(body, `${name}-month`) ?? '', year: text(body, `${name}-year`) ?? '' };
  }
  const [year = '', month = '', day = ''] = (fallback ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
};

/** A new key per drawn form: sending the same form twice records it once. */
export const newIdempotencyKey = (): string => randomUUID();

const isFieldProblems = (details: unknown): details is FieldProblem[] =>
  Array.isArray(details) && details.every((detail) => typeof detail === 'object' && detail !== null && typeof (detail as FieldProblem).field === 'string');

const fieldOfRule = (details: unknown): string | undefined => {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const field = (details as { field?: unknown }).field;
  return typeof field === 'string' ? field : undefined;
};

/**
 * The API's refusal as the form's errors. A 400 lists each invalid field: its message, with
 * the API's field name replaced by the form's label, goes beside that input and in the summary.
 * A refused rule (409, 422) says which rule and what to do; it goes beside the field it names,
 * if the form has that field, and in the summary.
 */
export const formErrorsFrom = (body: ErrorBody, labels: FieldLabels): FormErrors => {
  const errors: FormErrors = { summary: [], fields: {} };
  const add = (field: string | undefined, message: string): void => {
    const known = field === undefined ? undefined : labels[field];
    if (known) {
      errors.fields[known.id] ??= { text: message };
      errors.summary.push({ text: message, href: `#${known.id}` });
    } else {
      errors.summary.push({ text: message });
    }
  };
  if (body.statusCode === 400 && isFieldProblems(body.details)) {
    for (const detail of body.details) {
      const label = labels[detail.field]?.label;
      if (detail.problems.some((problem) => missing.some((words) => problem.endsWith(words)))) {
        add(detail.field, `Enter ${lowerFirst(label ?? detail.field)}`);
        continue;
      }
      const notANumber = detail.problems.filter((problem) => problem.includes('must be a number'));
      for (const problem of notANumber.length > 0 ? notANumber : detail.problems) add(detail.field, sentence(inFormWords(problem, detail.field, label)));
    }
    if (errors.summary.length > 0) return errors;
  }
  const field = fieldOfRule(body.details);
  const label = field === undefined ? undefined : labels[field]?.label;
  add(field, sentence(label && field ? withLabel(body.message, field, label) : body.message));
  return errors;
};

/**
 * A field's name in a message replaced by the form's label: only a name no one would write as an
 * ordinary word (`panelHeldOn`, `referrer.organisation`), and only where it stands as a word, so
 * "hours" in "quarter hours" stays as it is.
 */
const withLabel = (message: string, field: string, label: string): string => {
  const own = field.split('.').pop() ?? field;
  for (const name of [field, own]) if (message.startsWith(`${name} `)) return `${label}${message.slice(name.length)}`;
  if (!/[A-Z.]/.test(field)) return message;
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`), label);
};

/** What class-validator says of a field that was not sent at all: the form says "Enter …" instead. */
const missing = ['must be a string', 'should not be empty', 'should not be null or undefined', 'must be defined'];

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The API's words for a field problem, said as a form would: its label, and dates as people type them. */
const inFormWords = (problem: string, field: string, label: string | undefined): string =>
  (label ? withLabel(problem, field, label) : problem).replace('must be a real calendar date written YYYY-MM-DD', 'must be a real date, for example 27 3 2026');

const sentence = (message: string): string => {
  const trimmed = message.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

/** Whether a refusal is one the form should show (bad input or a rule), rather than an error page. */
/**
 * The error body of a refusal a form shows with its inputs (bad input, a clash, a broken rule),
 * in the API's own words (`toErrorBody`); undefined for anything else, which becomes an error page.
 */
export const formRefusalOf = (error: unknown): ErrorBody | undefined => {
  const body = toErrorBody(error);
  return [400, 409, 422].includes(body.statusCode) && body.code !== 'forbidden' ? body : undefined;
};
