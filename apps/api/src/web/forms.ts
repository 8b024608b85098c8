import { randomUUID } from 'node:crypto';
import { ErrorBody, toErrorBody } from '../http/domain-error.filter';
import { FieldProblem } from '../http/validation';
import { fieldMessage, ruleMessage } from './messages';

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
 * The API's refusal as the form's errors, in the form's words (messages.ts): a 400 gives each
 * invalid field one message, beside its input and in the summary; a refused rule (409, 422) says
 * what is wrong and what to do, beside the field it names if the form has it, and in the summary.
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
      add(detail.field, fieldMessage(detail, label) ?? unnamedCheck(detail, label));
    }
    if (errors.summary.length > 0) return errors;
  }
  const field = fieldOfRule(body.details);
  add(field, ruleMessage(body, field === undefined ? undefined : labels[field]?.label));
  return errors;
};

/**
 * A field's problem from a 400 that does not name its checks (one made outside the validation
 * pipe, such as the read-your-writes position's): the API's sentence, begun with the form's label.
 */
const unnamedCheck = (detail: FieldProblem, label: string | undefined): string => {
  const [problem = ''] = detail.problems;
  const own = detail.field.split('.').pop() ?? detail.field;
  const named = label ? [detail.field, own].reduce((text, name) => (text.startsWith(`${name} `) ? `${label}${text.slice(name.length)}` : text), problem) : problem;
  return named.charAt(0).toUpperCase() + named.slice(1);
};

/**
 * The error body of a refusal a form shows with its inputs (bad input, a clash, a broken rule),
 * in the API's own words (`toErrorBody`); undefined for anything else, which becomes an error page.
 */
export const formRefusalOf = (error: unknown): ErrorBody | undefined => {
  const body = toErrorBody(error);
  return [400, 409, 422].includes(body.statusCode) && body.code !== 'forbidden' ? body : undefined;
};
