import { Injectable, Type } from '@nestjs/common';
import type { Response } from 'express';
import { InProcess } from '../application/in-process';
import { Actor } from '../auth/actor';
import { RouteKey } from '../auth/policy';
import { CaseCommands } from '../cases/case-commands';
import { CommunityCoachingCommands } from '../community-coaching/community-coaching.commands';
import { ConditionalCautionCommands } from '../conditional-caution/conditional-caution.commands';
import { RestorativeJusticeCommands } from '../restorative-justice/restorative-justice.commands';
import { CommandResult } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { FieldLabels, FormBody, FormErrors, formErrorsFrom, formRefusalOf, text } from './forms';
import { redrawOnGet } from './form-drafts';
import { flash } from './session';
import { SignInRequired } from './web.guard';
import { WebRequest } from './web-request';

export type Submission<T> = {
  /** Runs the command, in process. */
  send: () => Promise<T>;
  /** How the command's field names appear on this form. */
  labels: FieldLabels;
  /**
   * The form's page, when it is not the nearest page at or above the address the form posts to
   * (see `redrawOnGet`): a refused form is drawn there again, with what was typed and why.
   */
  page?: string;
  /** Draws the form again on the POST itself, with the refusal's errors: only for a form no page draws (none at or above its address). */
  again?: (errors: FormErrors, status: number) => void | Promise<void>;
  /** The confirmation shown on the next page. */
  done: string;
  /** Where to go next; `?after=<position>` is added so that page already shows the change. */
  next: string | ((result: T) => string);
};

/** The signed-in user of a page (the page guard lets no one else through; this is its type's proof). */
export const actorOf = (request: WebRequest): Actor => {
  if (!request.webActor) throw new SignInRequired(request.method === 'GET' ? request.originalUrl : '/');
  return request.webActor;
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
 * Post, redirect, get: a form's command runs in process; if it is accepted the user is sent on
 * (303) with a confirmation, and if it is refused for bad input or a rule, to the form's page
 * (303), which draws the form again as it was typed with the GOV.UK error summary (`draftOf`).
 * Either way the page the user lands on is a GET, which a reload or the back button never sends
 * again. Anything else (403, 404, 503) becomes an error page.
 */
export const submit = async <T>(request: WebRequest, response: Response, submission: Submission<T>): Promise<void> => {
  let result: T;
  try {
    result = await submission.send();
  } catch (error) {
    const refusal = formRefusalOf(error);
    if (!refusal) throw error;
    await refused(request, response, submission, formErrorsFrom(refusal, submission.labels), refusal.statusCode);
    return;
  }
  flash(request, response, submission.done);
  const next = typeof submission.next === 'function' ? submission.next(result) : submission.next;
  response.redirect(303, withAfter(next, result));
};

const refused = async (request: WebRequest, response: Response, submission: Pick<Submission<unknown>, 'page' | 'again'>, errors: FormErrors, status: number): Promise<void> => {
  if (await redrawOnGet(request, response, errors, { page: submission.page })) return;
  if (!submission.again) throw new Error(`No page draws the form of ${request.method} ${request.path} again`);
  await submission.again(errors, status);
};

/**
 * A form its page refuses itself, before any command is sent (a choice not made): drawn again on
 * its page's GET with what was typed, as `submit` draws a refused one.
 */
export const refuseForm = (request: WebRequest, response: Response, errors: FormErrors, form: Pick<Submission<unknown>, 'page' | 'again'>): Promise<void> =>
  refused(request, response, form, errors, 400);

/** The command services a case page's forms send their steps to. */
@Injectable()
export class CaseStepServices {
  constructor(
    readonly cases: CaseCommands,
    readonly restorativeJustice: RestorativeJusticeCommands,
    readonly conditionalCaution: ConditionalCautionCommands,
    readonly communityCoaching: CommunityCoachingCommands,
  ) {}
}

/**
 * A form for one step of a case: the use case's policy key, the request class its input is
 * validated into (exactly as the API validates it), the input it makes of the form, the command
 * service it runs, how the input's fields appear on the form, and what it says when accepted.
 */
export type CaseStepForm<Input = never> = {
  key: RouteKey;
  request: Type<Input>;
  body: (form: FormBody) => Record<string, unknown> | undefined;
  send: (services: CaseStepServices, recorder: Recorder, caseId: string, input: Input) => Promise<CommandResult>;
  labels: FieldLabels;
  done: string | ((form: FormBody) => string);
};

/** A page's command: policy, validation, one transaction with the form's idempotency key (InProcess.command). */
export const sendCommand = <Input, Output>(
  inProcess: InProcess,
  request: WebRequest,
  form: FormBody,
  command: { key: RouteKey; on?: string; request: Type<Input>; input: unknown },
  execute: (input: Input, recorder: Recorder) => Promise<Output>,
): Promise<Output> => inProcess.command({ ...command, actor: actorOf(request), idempotencyKey: text(form, 'idempotencyKey') }, execute);

/** Sends a case page's step form; accepted, back to the case page, which then shows the step. */
export const submitCaseStep = <Input>(
  pages: { inProcess: InProcess; steps: CaseStepServices },
  request: WebRequest,
  response: Response,
  caseId: string,
  step: CaseStepForm<Input>,
  form: FormBody,
  page: { casePage: string; again?: (errors: FormErrors, status: number) => void | Promise<void> },
): Promise<void> =>
  submit(request, response, {
    send: () =>
      sendCommand(pages.inProcess, request, form, { key: step.key, on: caseId, request: step.request, input: step.body(form) ?? {} }, (input: Input, recorder) =>
        step.send(pages.steps, recorder, caseId, input),
      ),
    labels: step.labels,
    page: page.casePage,
    again: page.again,
    done: typeof step.done === 'function' ? step.done(form) : step.done,
    next: page.casePage,
  });
