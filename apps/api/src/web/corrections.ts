import { Type } from '@nestjs/common';
import { CalendarDate, caseDecider, CaseCommand, CaseEvent, caseFactsOf, CaseState, mayReopen } from '@safer-cases/domain';
import type { Response } from 'express';
import { authorize } from '../application/authorize';
import { InProcess } from '../application/in-process';
import { Actor, Role } from '../auth/actor';
import { RouteKey, ruleOf } from '../auth/policy';
import { CaseCommands } from '../cases/case-commands';
import { recordedThrough } from '../cases/case-corrections';
import { CaseQueries } from '../cases/case-queries';
import { CaseHistoryEntry, CaseView } from '../cases/case-reader';
import { CloseCaseRequest, RecordReoffenceRequest, ReopenCaseRequest, StrikeOutEntryRequest } from '../cases/case-step.requests';
import { Clock } from '../shared/clock';
import { draftOf, formAsLeft, keepDrawnDraft, redrawOnGet, sendOnToPage } from './form-drafts';
import { date, dateParts, FieldLabels, FormBody, FormErrors, formErrorsFrom, formRefusalOf, newIdempotencyKey, text } from './forms';
import { shortReference } from './short-reference';
import { actorOf, CaseStepForm, sendCommand, submit } from './submit';
import { caseHistoryOf } from './case-views';
import { auditActorOf } from '../audit/audit-actor';
import { eventDetails, eventName, formatDate, humanise } from './view-filters';
import { WebRequest } from './web-request';

/** What the correction and confirmation pages read and send through. */
export type CorrectionPages = { inProcess: InProcess; cases: CaseQueries; commands: CaseCommands; clock: Clock };

type Redraw = (errors: FormErrors, status: number) => void | Promise<void>;

type Entry = Pick<CaseHistoryEntry, 'type' | 'data' | 'date'>;

const correctionsKey: RouteKey = 'POST /api/cases/:id/corrections';
const reopeningKey: RouteKey = 'POST /api/cases/:id/reopening';

/** Whether the policy lets the role use the route: for showing a link only, since every service asks the policy itself. */
export const mayUse = (role: Role, key: RouteKey): boolean => {
  const rule = ruleOf(key);
  return rule !== undefined && (rule.public === true || rule.roles.includes(role));
};

/** The route that records an entry of this type, which is the one whose roles may strike it (case-corrections.ts). */
const routeOf = (type: string): RouteKey | undefined => (Object.hasOwn(recordedThrough, type) ? recordedThrough[type as CaseEvent['type']] : undefined);

/** Whoever may record a kind of entry may strike it out. */
export const mayStrike = (role: Role, type: string): boolean => {
  const route = routeOf(type);
  return route !== undefined && mayUse(role, correctionsKey) && mayUse(role, route);
};

const on = (entry: Entry): string => (entry.date ? ` on ${formatDate(entry.date)}` : '');

/** How an entry is named in a sentence ("the panel held on 20 November 2015"); typed by every case event, so a new one must be named here. */
const entryNames: Record<CaseEvent['type'], (entry: Entry) => string> = {
  CaseReferred: (entry) => `the referral${on(entry)}`,
  ReoffenceRecorded: (entry) => `the reoffence committed${on(entry)}`,
  CaseClosed: (entry) => `the closure of the case${on(entry)}`,
  EntryStruckOut: () => 'the strike',
  CaseReopened: (entry) => `the reopening of the case${on(entry)}`,
  ReferralAccepted: (entry) => `the acceptance of the referral${on(entry)}`,
  ReferralDeclined: (entry) => `the decline of the referral${on(entry)}`,
  PanelHeld: (entry) => `the panel held${on(entry)}`,
  OutcomeAgreementReached: (entry) => `the outcome agreement reached${on(entry)}`,
  NoAgreementReached: (entry) => `the record that no agreement was reached${on(entry)}`,
  OutcomeAgreementUpheld: (entry) => `the outcome agreement upheld${on(entry)}`,
  OutcomeAgreementBreached: (entry) => `the breach of the outcome agreement${on(entry)}`,
  VictimSatisfactionRecorded: (entry) => `the victim survey${on(entry)}`,
  CourseBooked: (entry) => (typeof entry.data.courseDate === 'string' ? `the booking on the course of ${formatDate(entry.data.courseDate)}` : 'the booking on a course'),
  BookingCancelled: () => 'the cancellation of the booking',
  FeePaid: (entry) => `the fee paid${on(entry)}`,
  CourseAttended: (entry) => `the attendance at the course${on(entry)}`,
  CourseCompleted: (entry) => `the completion of the caution${on(entry)}`,
  ConditionBreached: (entry) => `the breach of the caution${on(entry)}`,
  CoachAssigned: (entry) => `the coach assigned${on(entry)}`,
  InterventionStarted: (entry) => `the start of the intervention${on(entry)}`,
  CoachingSessionLogged: (entry) => `the session${typeof entry.data.hours === 'number' ? ` of ${entry.data.hours} hours` : ''}${on(entry)}`,
  InterventionCompleted: (entry) => `the completion of the intervention${on(entry)}`,
  InterventionWithdrawn: (entry) => `the withdrawal of the intervention${on(entry)}`,
  CohortMemberAdopted: (entry) => `the adoption onto the IOM cohort${on(entry)}`,
  ComparisonMemberAssigned: (entry) => `the assignment to the comparison group${on(entry)}`,
  CohortMemberLeft: (entry) => `the leaving${on(entry)}`,
  ConvictionRecorded: (entry) => `the conviction${on(entry)}`,
  ArrestRecorded: (entry) => `the arrest${on(entry)}`,
};

export const entryName = (entry: Entry): string =>
  Object.hasOwn(entryNames, entry.type) ? entryNames[entry.type as CaseEvent['type']](entry) : eventName(entry.type).toLowerCase() + on(entry);

/** What striking an entry takes out of the figures (DOMAIN.md's targets) and out of what the case holds elsewhere, beyond its status. */
const strikeEffects: Partial<Record<CaseEvent['type'], string>> = {
  ReoffenceRecorded: 'it no longer counts in the reoffending figures',
  PanelHeld: 'the panel no longer counts towards the panels target or in the victim survey figures',
  OutcomeAgreementReached: 'the agreement no longer starts a reoffending follow-up',
  OutcomeAgreementUpheld: 'the agreement no longer counts towards the agreements upheld target',
  VictimSatisfactionRecorded: 'the survey no longer counts in the survey completion and victim satisfaction figures',
  CourseBooked: 'the place on the course is given back',
  BookingCancelled: 'the place on the course is taken again, if the course still has one free',
  CourseAttended: 'the attendance no longer counts towards the attendees and courses held targets or in the completion rate',
  CourseCompleted: 'the completion no longer counts in the completion rate or starts a reoffending follow-up',
  CoachAssigned: 'the coach is freed of the case',
  InterventionStarted: 'the intervention no longer counts towards the interventions target',
  CoachingSessionLogged: 'its hours no longer count towards the intervention’s support hours',
  InterventionCompleted: 'the case goes back to its coach, and the intervention no longer counts in the coaching guide figures or starts a reoffending follow-up',
  InterventionWithdrawn: 'the case goes back to its coach',
};

const capitalised = (sentence: string): string => sentence.charAt(0).toUpperCase() + sentence.slice(1);

/** A case's history folded by its decider, as CaseReader folds the stream. */
export const caseStateOf = (view: Pick<CaseView, 'history'>): CaseState =>
  view.history.map(({ type, data }) => ({ type, data }) as CaseEvent).reduce(caseDecider.evolve, caseDecider.initialState());

/** The case as the command would leave it, judged by the case's own decider: a command its rules refuse throws their refusal, as the service would. */
export const decided = (view: Pick<CaseView, 'history'>, command: CaseCommand): { before: CaseState; after: CaseState } => {
  const before = caseStateOf(view);
  return { before, after: caseDecider.decide(command, before).reduce(caseDecider.evolve, before) };
};

const statusChange = (before: CaseState, after: CaseState): string => {
  const [was, is] = [caseFactsOf(before), caseFactsOf(after)];
  if (!was || !is) return '';
  if (was.closed && !is.closed) return `the case is open again, with the status ${humanise(is.status)}`;
  if (was.status !== is.status) return `the case goes back to ${humanise(is.status)}`;
  return `the case stays ${humanise(is.status)}`;
};

/**
 * What striking out the entry at `revision` will change, said plainly: "The panel held on 20
 * November 2015 will be struck out: the case goes back to Accepted, and the panel no longer
 * counts towards the panels target." Throws the rules' refusal when it may not be struck now.
 */
export const strikeOutWarning = (view: Pick<CaseView, 'caseId' | 'history'>, revision: number, today: CalendarDate): string => {
  const { before, after } = decided(view, { type: 'StrikeOutEntry', data: { caseId: view.caseId, revision, reason: 'checked before striking out', today } });
  const entry = view.history.find((each) => each.revision === revision);
  const effects = [statusChange(before, after), entry ? strikeEffects[entry.type as CaseEvent['type']] : undefined].filter((effect) => effect);
  return `${capitalised(entry ? entryName(entry) : 'the entry')} will be struck out: ${effects.join(', and ')}.`;
};

/** What closing a case means, for the page that asks before it is closed. */
export const closeWarning = (view: Pick<CaseView, 'programme' | 'status'>, closedOn: CalendarDate): string => {
  const coached = view.programme === 'community-coaching' && (view.status === 'coach-assigned' || view.status === 'intervention-open');
  return [
    `The case will be closed on ${formatDate(closedOn)}: no further step can be recorded on it, only a reoffence, which the referrer records.`,
    coached ? 'Its coach is freed of it.' : '',
    'If it is closed by mistake, it can be reopened from its page.',
  ]
    .filter((sentence) => sentence)
    .join(' ');
};

/** What recording a reoffence means, for the page that asks before it is recorded. */
export const reoffenceWarning = (offenceDate: CalendarDate): string =>
  `A reoffence committed on ${formatDate(offenceDate)} will be added to the case’s history, and it counts in the programme’s reoffending figures. If it is recorded in error, you can strike it out from the history.`;

/** A case history entry as the timeline shows it: named, with a Strike out link where the rules and the user's role allow one. */
export type TimelineEntry = CaseHistoryEntry & { name: string; details: string; strikeHref?: string; strikeLabel: string };

/**
 * The history for the timeline: a strike names what it struck and why, and dates itself by when
 * it was recorded; each entry the rules let be struck now carries a link to strike it, for a user
 * who may record that kind of entry.
 */
export const timelineOf = (view: Pick<CaseView, 'history' | 'strikeable'>, role: Role, strikePath: (revision: number) => string): TimelineEntry[] =>
  view.history.map((entry) => {
    const struck = entry.type === 'EntryStruckOut' ? view.history.find((each) => each.revision === entry.data.revision) : undefined;
    const details = struck ? `${capitalised(entryName(struck))}. Reason: ${String(entry.data.reason ?? '')}` : eventDetails(entry.data);
    const strikeable = view.strikeable.includes(entry.revision) && mayStrike(role, entry.type);
    return {
      ...entry,
      date: entry.date ?? (entry.type === 'EntryStruckOut' ? entry.recordedAt.slice(0, 10) : undefined),
      name: eventName(entry.type),
      details,
      ...(strikeable ? { strikeHref: strikePath(entry.revision) } : {}),
      strikeLabel: `${eventName(entry.type).toLowerCase()}${entry.date ? `, ${formatDate(entry.date)}` : ''}`,
    };
  });

/** Where a case page's corrections go: its own address, and the strike-out page of each entry under it. */
export type CasePlace = { caseId: string; casePage: string };

export const strikeOutPath = (place: CasePlace, revision: number): string => `${place.casePage}/strike-out/${revision}`;

/** The reopening form a coordinator sees on a closed case: the date and the reason are left for them to give. */
export const reopenFormOf = (view: CaseView, actor: Actor, place: CasePlace, form: FormBody, today: CalendarDate) =>
  view.closed && mayUse(actor.role, reopeningKey) && mayReopen(caseStateOf(view), today)
    ? { action: `${place.casePage}/reopen`, key: newIdempotencyKey(), date: dateParts(form, 'reopenedOn'), reason: text(form, 'reopenReason') ?? '' }
    : undefined;

export const strikeOutLabels: FieldLabels = { reason: { id: 'reason', label: 'Why it is being struck out' } };

export const reopenLabels: FieldLabels = { on: { id: 'reopenedOn-day', label: 'Date reopened' }, reason: { id: 'reopenReason', label: 'Why the case is being reopened' } };

/** The strike-out page of one entry: what it is, what striking it will change, and the reason to give. */
export const drawStrikeOut = async (
  pages: CorrectionPages,
  request: WebRequest,
  response: Response,
  place: CasePlace & { revision: number },
  status: number,
  errors: FormErrors,
  form: FormBody,
): Promise<void> => {
  const actor = actorOf(request);
  authorize(actor, correctionsKey);
  const view = await pages.cases.get(actor, place.caseId);
  const entry = view.history.find((each) => each.revision === place.revision);
  const route = entry && routeOf(entry.type);
  if (route) authorize(actor, route);
  const warning = strikeOutWarning(view, place.revision, pages.clock.today());
  // Told as the case's timeline tells it: labelled words, facilitators and coaches by name.
  const [described] = entry ? caseHistoryOf([entry], await pages.cases.volunteerNames(actor, auditActorOf(actor), view)) : [];
  response.status(status).render('corrections/strike-out', {
    title: 'Check before you strike out this entry',
    caption: `Case ${shortReference(view.caseId)}`,
    casePage: place.casePage,
    action: strikeOutPath(place, place.revision),
    entry: described && { ...entry, name: described.name, details: described.words.map(({ label, text: words }) => `${label}: ${words}`).join('; ') },
    warning,
    reason: text(form, 'reason') ?? '',
    idempotencyKey: newIdempotencyKey(),
    errors,
  });
};

/** The strike-out page as its address draws it: empty, or as it was sent when a refusal sent the browser back to it (form-drafts.ts). */
export const strikeOutPage = (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace & { revision: number }): Promise<void> => {
  const { errors, form } = formAsLeft(request);
  return drawStrikeOut(pages, request, response, place, 200, errors, form);
};

/** Strikes the entry out; back to the case page, whose history then shows it struck through. */
export const strikeOut = async (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace & { revision: number }, form: FormBody): Promise<void> => {
  const view = await pages.cases.get(actorOf(request), place.caseId);
  const entry = view.history.find((each) => each.revision === place.revision);
  await submit(request, response, {
    send: () =>
      sendCommand(
        pages.inProcess,
        request,
        form,
        { key: correctionsKey, on: place.caseId, request: StrikeOutEntryRequest, input: { revision: place.revision, reason: text(form, 'reason') } },
        (input, recorder) => pages.commands.strikeOut(recorder, place.caseId, input),
      ),
    labels: strikeOutLabels,
    again: (errors, status) => drawStrikeOut(pages, request, response, place, status, errors, form),
    done: `Struck out: ${entry ? entryName(entry) : 'the entry'}`,
    next: place.casePage,
  });
};

/** Reopens a closed case from its page; a refusal is shown on the reopening form. */
export const reopenCase = (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace, form: FormBody, again: Redraw): Promise<void> =>
  submit(request, response, {
    send: () =>
      sendCommand(
        pages.inProcess,
        request,
        form,
        { key: reopeningKey, on: place.caseId, request: ReopenCaseRequest, input: { on: date(form, 'reopenedOn'), reason: text(form, 'reopenReason') } },
        (input, recorder) => pages.commands.reopen(recorder, place.caseId, input),
      ),
    labels: reopenLabels,
    again,
    done: 'Case reopened',
    next: place.casePage,
  });

/** Whether a form comes from its confirmation page: only then is its command sent. */
export const confirmed = (form: FormBody): boolean => text(form, 'confirmed') === 'yes';

/** The names a GOV.UK date input posts. */
const dateInputs = (name: string): string[] => [`${name}-day`, `${name}-month`, `${name}-year`];

/** The fields a confirmation page carries on, as typed, in hidden inputs. */
export const carriedFields = (form: FormBody, names: readonly string[]): { name: string; value: string }[] =>
  names.flatMap((name) => {
    const value = form[name];
    const single = Array.isArray(value) ? value[0] : value;
    return single === undefined ? [] : [{ name, value: single }];
  });

type SummaryRow = { key: { text: string }; value: { text: string } };

/** A form whose command is sent only once its confirmation page has been read. */
type CheckedForm<Input> = {
  key: RouteKey;
  request: Type<Input>;
  input: (form: FormBody) => unknown;
  labels: FieldLabels;
  /** The form's own field names, carried on in hidden inputs. */
  carry: readonly string[];
  command: (caseId: string, input: Input, today: CalendarDate) => CaseCommand;
  page: (view: CaseView, input: Input) => { title: string; rows: SummaryRow[]; warning: string; button: string };
};

/** Where a form that asks first is: its case page, and its own address, to which it posts and at which its confirmation page is drawn. */
type CheckPlace = CasePlace & { action: string };

/**
 * The form as the API and the case's rules would take it: the confirmation page's model, or the
 * refusal's errors (and status) for the form's own page to show.
 */
const judged = async <Input>(
  pages: CorrectionPages,
  request: WebRequest,
  place: CheckPlace,
  form: FormBody,
  check: CheckedForm<Input>,
): Promise<{ model: ReturnType<CheckedForm<Input>['page']> } | { errors: FormErrors; status: number }> => {
  const actor = actorOf(request);
  try {
    authorize(actor, check.key);
    const input = await pages.inProcess.input(check.request, check.input(form));
    const view = await pages.cases.get(actor, place.caseId);
    decided(view, check.command(place.caseId, input, pages.clock.today()));
    return { model: check.page(view, input) };
  } catch (error) {
    const refusal = formRefusalOf(error);
    if (!refusal) throw error;
    return { errors: formErrorsFrom(refusal, check.labels), status: refusal.statusCode };
  }
};

const drawCheck = (response: Response, place: CheckPlace, form: FormBody, check: CheckedForm<unknown>, model: ReturnType<CheckedForm<unknown>['page']>): void => {
  response.render('corrections/check', {
    ...model,
    caption: `Case ${shortReference(place.caseId)}`,
    casePage: place.casePage,
    action: place.action,
    carried: carriedFields(form, check.carry),
    idempotencyKey: text(form, 'idempotencyKey') ?? newIdempotencyKey(),
  });
};

/**
 * The first send of a form that asks before it acts: the input is checked as the API checks it,
 * then against the case's rules. Refused, the case page draws the form again as it was typed,
 * with why (post/redirect/get, form-drafts.ts); otherwise the browser goes on (303) to the
 * confirmation page at the form's own address (`checkPage`), which says what will change and
 * sends the same values (and the same idempotency key) with `confirmed=yes`. Either way the page
 * the user lands on is a GET, which a reload or the back button never sends again. `again` draws
 * on the POST itself only in an app set up without drafts.
 */
const checkFirst = async <Input>(
  pages: CorrectionPages,
  request: WebRequest,
  response: Response,
  place: CheckPlace,
  form: FormBody,
  check: CheckedForm<Input>,
  again: Redraw,
): Promise<void> => {
  const outcome = await judged(pages, request, place, form, check);
  if ('errors' in outcome) {
    if (!(await redrawOnGet(request, response, outcome.errors, { page: place.casePage, form }))) await again(outcome.errors, outcome.status);
    return;
  }
  if (await sendOnToPage(request, response, { form, errors: { summary: [], fields: {} }, reason: 'to-confirm' }, { page: place.action })) return;
  drawCheck(response, place, form, check as CheckedForm<unknown>, outcome.model);
};

/**
 * The confirmation page, drawn from the form kept by `checkFirst` (or kept when the session ended
 * as it was sent), judged afresh, since the case may have moved on meanwhile: refused now, the
 * case page draws the form with why. The draft is kept for a reload or the back button, which
 * draw the page as it was (sending it twice records once: the idempotency key is the form's).
 * Without a draft, the address alone says nothing to confirm: back to the case page.
 */
const checkPage = async <Input>(pages: CorrectionPages, request: WebRequest, response: Response, place: CheckPlace, check: CheckedForm<Input>): Promise<void> => {
  const draft = draftOf(request);
  if (!draft) return response.redirect(303, place.casePage);
  const outcome = await judged(pages, request, place, draft.form, check);
  if ('errors' in outcome) {
    await redrawOnGet(request, response, outcome.errors, { page: place.casePage, form: draft.form });
    return;
  }
  await keepDrawnDraft(request);
  drawCheck(response, place, draft.form, check as CheckedForm<unknown>, outcome.model);
};

const closeCarried = [...dateInputs('closedOn'), 'closeReason'];

const closeCheck = (step: CaseStepForm<CloseCaseRequest>): CheckedForm<CloseCaseRequest> => ({
  key: step.key,
  request: step.request,
  input: step.body,
  labels: step.labels,
  carry: closeCarried,
  command: (caseId, input, today) => ({ type: 'CloseCase', data: { caseId, closedOn: input.closedOn, ...(input.reason ? { reason: input.reason } : {}), today } }),
  page: (view, input) => ({
    title: 'Check before you close this case',
    rows: [{ key: { text: 'Date closed' }, value: { text: formatDate(input.closedOn) } }, ...(input.reason ? [{ key: { text: 'Reason' }, value: { text: input.reason } }] : [])],
    warning: closeWarning(view, input.closedOn),
    button: 'Close case',
  }),
});

/** Where a case's close form posts, and where the page that asks before closing is drawn. */
const closePlace = (place: CasePlace): CheckPlace => ({ ...place, action: `${place.casePage}/close` });

/** Closing a case from its page: asked first, with what closing means. */
export const checkClose = (
  pages: CorrectionPages,
  request: WebRequest,
  response: Response,
  place: CasePlace,
  form: FormBody,
  step: CaseStepForm<CloseCaseRequest>,
  again: Redraw,
): Promise<void> => checkFirst(pages, request, response, closePlace(place), form, closeCheck(step), again);

/** The page that asks before a case is closed (`GET <case page>/close`). */
export const closeCheckPage = (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace, step: CaseStepForm<CloseCaseRequest>): Promise<void> =>
  checkPage(pages, request, response, closePlace(place), closeCheck(step));

/** The referrer's reoffence form: its field names, and the request it is validated into. */
export const reoffenceForm = {
  key: 'POST /api/cases/:id/reoffences',
  request: RecordReoffenceRequest,
  body: (form: FormBody) => ({ offenceDate: date(form, 'offenceDate'), reference: text(form, 'reoffenceReference') }),
  labels: { offenceDate: { id: 'offenceDate-day', label: 'Date of the new offence' }, reference: { id: 'reoffenceReference', label: 'Reference' } } as FieldLabels,
  carry: [...dateInputs('offenceDate'), 'reoffenceReference'],
} as const;

const reoffenceCheck: CheckedForm<RecordReoffenceRequest> = {
  key: reoffenceForm.key,
  request: reoffenceForm.request,
  input: reoffenceForm.body,
  labels: reoffenceForm.labels,
  carry: reoffenceForm.carry,
  command: (caseId, input, today) => ({
    type: 'RecordReoffence',
    data: { caseId, offenceDate: input.offenceDate, ...(input.reference ? { reference: input.reference } : {}), today },
  }),
  page: (_view, input) => ({
    title: 'Check before you record this reoffence',
    rows: [
      { key: { text: 'Date of the new offence' }, value: { text: formatDate(input.offenceDate) } },
      ...(input.reference ? [{ key: { text: 'Reference' }, value: { text: input.reference } }] : []),
    ],
    warning: reoffenceWarning(input.offenceDate),
    button: 'Record reoffence',
  }),
};

/** Where a case's reoffence form posts, and where the page that asks before recording it is drawn. */
const reoffencePlace = (place: CasePlace): CheckPlace => ({ ...place, action: `${place.casePage}/reoffences` });

/** Recording a reoffence: asked first, with what it counts in. */
export const checkReoffence = (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace, form: FormBody, again: Redraw): Promise<void> =>
  checkFirst(pages, request, response, reoffencePlace(place), form, reoffenceCheck, again);

/** The page that asks before a reoffence is recorded (`GET <case page>/reoffences`). */
export const reoffenceCheckPage = (pages: CorrectionPages, request: WebRequest, response: Response, place: CasePlace): Promise<void> =>
  checkPage(pages, request, response, reoffencePlace(place), reoffenceCheck);
