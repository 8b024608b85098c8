import type { Response } from 'express';
import { CommandResult } from '../shared/command-result';
import { FieldLabels, FormBody, FormErrors, formErrorsFrom, isFormRefusal, text } from './forms';
import { WebApi } from './web-api';
import { flash } from './session';
import { WebRequest } from './web-request';

export type Submission<T> = {
  /** Sends the command to the API. */
  send: () => Promise<T>;
  /** How the API's field names appear on this form. */
  labels: FieldLabels;
  /** Draws the form again with the refusal's errors (and what was typed). */
  again: (errors: FormErrors, status: number) => void | Promise<void>;
  /** The confirmation shown on the next page. */
  done: string;
  /** Where to go next; `?after=<position>` is added so that page already shows the change. */
  next: string | ((result: T) => string);
};

/** The read-your-writes parameter of a page, as the API takes it: digits only. */
export const afterOf = (request: WebRequest): string | undefined => {
  const value = request.query.after;
  return typeof value === 'string' && /^\d{1,19}$/.test(value) ? value : undefined;
};

const withAfter = (path: string, result: unknown): string => {
  const position = (result as Partial<CommandResult> | undefined)?.position;
  if (typeof position !== 'string') return path;
  return `${path}${path.includes('?') ? '&' : '?'}after=${position}`;
};

/**
 * Post, redirect, get: a form's command goes to the API; if it is accepted the user is sent on
 * (303) with a confirmation, and if it is refused for bad input or a rule, the same form is drawn
 * again with the GOV.UK error summary. Anything else (403, 404, 503) becomes an error page.
 */
export const submit = async <T>(request: WebRequest, response: Response, submission: Submission<T>): Promise<void> => {
  let result: T;
  try {
    result = await submission.send();
  } catch (error) {
    if (!isFormRefusal(error)) throw error;
    await submission.again(formErrorsFrom(error.body, submission.labels), error.body.statusCode);
    return;
  }
  flash(request, response, submission.done);
  const next = typeof submission.next === 'function' ? submission.next(result) : submission.next;
  response.redirect(303, withAfter(next, result));
};

/** A form for one step of a case: what it sends to `/api/cases/:id/<apiPath>`, and what it says when accepted. */
export type CaseStepForm = {
  method?: 'POST' | 'DELETE';
  apiPath: string;
  body: (form: FormBody) => Record<string, unknown> | undefined;
  labels: FieldLabels;
  done: string | ((form: FormBody) => string);
};

/** Sends a case page's step form; accepted, back to the case page, which then shows the step. */
export const submitCaseStep = (
  api: WebApi,
  request: WebRequest,
  response: Response,
  caseId: string,
  step: CaseStepForm,
  form: FormBody,
  page: { casePage: string; again: (errors: FormErrors, status: number) => void | Promise<void> },
): Promise<void> =>
  submit(request, response, {
    send: () => api.send(request, step.method ?? 'POST', `/api/cases/${caseId}/${step.apiPath}`, step.body(form), text(form, 'idempotencyKey')),
    labels: step.labels,
    again: page.again,
    done: typeof step.done === 'function' ? step.done(form) : step.done,
    next: page.casePage,
  });
