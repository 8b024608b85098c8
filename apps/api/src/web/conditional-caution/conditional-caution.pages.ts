import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { courseFeePence, defaultCourseCapacity } from '@safer-cases/domain';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { InProcess } from '../../application/in-process';
import { auditActorOf } from '../../audit/audit-actor';
import { Actor } from '../../auth/actor';
import { CaseQueries, shortCaseReference } from '../../cases/case-queries';
import { caseTitle, personName } from '../../people/person-name';
import { RecordAttendanceRequest } from '../../conditional-caution/conditional-caution.requests';
import { CourseCommands } from '../../courses/course-commands';
import { CourseQueries } from '../../courses/course-queries';
import { ScheduleCourseRequest } from '../../courses/courses.controller';
import { canonicalId } from '../../http/canonical-ids';
import { CaseListQuery } from '../../queries/case-list.query';
import { CourseCalendarQuery } from '../../queries/course-calendar.query';
import { Clock } from '../../shared/clock';
import { caseHistoryOf } from '../case-views';
import { CasePlace, checkClose, confirmed, CorrectionPages, reopenCase, reopenFormOf, strikeOutPath, timelineOf } from '../corrections';
import { casesDue, dueView, eachCaseOnce } from '../due';
import { formAsLeft, redrawOnGet } from '../form-drafts';
import { date, dateParts, FieldLabels, FormBody, FormErrors, formErrorsFrom, formRefusalOf, list, newIdempotencyKey, number, text } from '../forms';
import { ruleClause } from '../messages';
import { flash } from '../session';
import { actorOf, afterOf, CaseStepServices, refuseForm, sendCommand, submit, submitCaseStep } from '../submit';
import { formatDate } from '../view-filters';
import { CaseCorrectionRoutes } from '../case-correction-routes';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { cautionDeadline, daysLeft, daysLeftText, deadlinePassedBeforeReferral, nearDeadlines, underwayStatuses } from './conditional-caution.deadline';
import { cautionDue } from './conditional-caution.due';
import { completedText, completionOutcome, MarkResult, nameOf, recordedText, registerOutcome, registerRows } from './conditional-caution.register';
import {
  breachReasonLabels,
  CautionStep,
  cautionSteps,
  choiceMissing,
  isCautionStep,
  offeredSteps,
  poundsOf,
  shortReference,
  stepForms,
  todayDateFields,
} from './conditional-caution.steps';
import {
  bookableCourses,
  calendarOf,
  CaseListFilter,
  CaseListItem,
  caseListQuery,
  caseStatuses,
  cautionViewOf,
  CourseSummary,
  deadlineWindows,
  queryForm,
  referralOf,
  windowOf,
} from './conditional-caution.views';

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

const uuid = new ParseUUIDPipe();

const programme = 'conditional-caution';

const courseLabels: FieldLabels = {
  date: { id: 'courseDate-day', label: 'Date of the course' },
  capacity: { id: 'capacity', label: 'Places' },
  venue: { id: 'venue', label: 'Venue' },
};

const filterLabels: FieldLabels = { from: { id: 'from-day', label: 'From' }, to: { id: 'to-day', label: 'To' } };

const isUnderway = (view: { status: string; closed: boolean }): boolean => !view.closed && underwayStatuses.some((status) => status === view.status);

const placesText = (places: number): string => (places === 1 ? '1 place left' : `${places} places left`);

/**
 * One command per case, as if each were sent to the API on its own, so that one refused leaves the
 * others recorded: `notHere` refuses a case before anything is sent, a rule's refusal is kept in
 * plain words, and anything else is thrown.
 */
const eachOnItsOwn = async (
  caseIds: readonly string[],
  notHere: (caseId: string) => string | undefined,
  send: (caseId: string) => Promise<{ position: string }>,
): Promise<MarkResult[]> => {
  const results: MarkResult[] = [];
  for (const caseId of caseIds) {
    const refusedHere = notHere(caseId);
    if (refusedHere !== undefined) {
      results.push({ caseId, refusal: refusedHere });
      continue;
    }
    try {
      results.push({ caseId, position: (await send(caseId)).position });
    } catch (error) {
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      results.push({ caseId, refusal: ruleClause(refusal) });
    }
  }
  return results;
};

/** A page of the case list is at most 100: the deadlines page reads every open caution under way, page by page. */
const listLimit = 100;

/** WDP's pages: the case list, each case with a form per step it allows next, the course calendar, each course's register, and the deadlines. */
@WebPages('conditional-caution', ['caution-officer'])
export class ConditionalCautionPagesController extends CaseCorrectionRoutes {
  protected readonly closeForm = stepForms.close;

  constructor(
    private readonly inProcess: InProcess,
    private readonly caseQueries: CaseQueries,
    private readonly courseQueries: CourseQueries,
    private readonly courseCommands: CourseCommands,
    private readonly steps: CaseStepServices,
    private readonly clock: Clock,
  ) {
    super();
  }

  @Get()
  async cases(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('status') status?: string,
    @Query('closed') closed?: string,
    @Query('cursor') cursor?: string,
    @Query('q') q?: string,
  ): Promise<void> {
    const filter: CaseListFilter = { status: status || undefined, closed: closed === 'true' || closed === 'false' ? closed : undefined, q: q || undefined };
    // The filter and cursor from the address are checked as the API checks them (400 for a status or cursor it would refuse).
    const query = await this.inProcess.input(CaseListQuery, { programme, ...filter, cursor }, 'query');
    await this.inProcess.caughtUp(afterOf(request));
    const actor = actorOf(request);
    const page = await this.caseQueries.list(actor, query);
    const today = this.clock.today();
    // What is due heads the first page only: one read-model query, whatever the filter.
    const candidates = cursor ? [] : await this.caseQueries.dueCandidates(actor, programme);
    const due = cautionDue(candidates, today);
    // The list's names and the reminders' in one read, each case's audited once.
    const names = await this.caseQueries.subjects(actor, auditActorOf(actor), eachCaseOnce([...page.items, ...casesDue(candidates, due)]));
    const kept = { status: filter.status, closed: filter.closed };
    response.render('conditional-caution/cases', {
      due: cursor
        ? undefined
        : dueView(due, names, { casePath: '/conditional-caution/cases', nothing: 'Nothing is due: no open caution’s deadline is within a week or has passed.' }),
      filter,
      statuses: caseStatuses,
      search: { action: '/conditional-caution', q: filter.q, kept, clear: `/conditional-caution${caseListQuery(kept)}` },
      cases: page.items.map((item) => {
        const deadline = cautionDeadline(item);
        const daysLeftNote = isUnderway(item) ? daysLeftText(daysLeft(deadline, today)) : undefined;
        return { ...item, reference: shortReference(item.caseId), name: personName(names.get(item.caseId)), deadline, daysLeft: daysLeftNote };
      }),
      firstPage: cursor ? `/conditional-caution${caseListQuery(filter)}` : undefined,
      nextPage: page.nextCursor ? `/conditional-caution${caseListQuery(filter, page.nextCursor)}` : undefined,
    });
  }

  /** A case by its id, or by the short reference staff type (sent on to the case's own address). */
  @Get('cases/:id')
  async casePage(@Req() request: WebRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    if (shortCaseReference.test(id)) {
      response.redirect(302, `/conditional-caution/cases/${await this.caseQueries.idOfReference(actorOf(request), id, programme)}`);
      return;
    }
    const { errors, form } = formAsLeft(request);
    await this.drawCase(request, response, await uuid.transform(id, { type: 'param', data: 'id' }), 200, errors, form);
  }

  @Post('cases/:id/:step')
  async recordStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('step') step: string, @Body() form: FormBody): Promise<void> {
    const again = (errors: FormErrors, status: number) => this.drawCase(request, response, caseId, status, errors, form);
    if (step === 'reopen') return reopenCase(this.correctionPages(), request, response, this.placeOf(caseId), form, again);
    if (!isCautionStep(step)) throw new NotFoundException({ message: 'There is no such step for a conditional-caution case', code: 'not-found' });
    if (step === 'book' && !text(form, 'courseId')) return refuseForm(request, response, choiceMissing('courseId', 'Select the course to book'), { again });
    if (step === 'close' && !confirmed(form)) return checkClose(this.correctionPages(), request, response, this.placeOf(caseId), form, stepForms.close, again);
    await this.submitStep(request, response, caseId, step, form);
  }

  @Get('courses')
  async courses(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawCalendar(request, response, 200, errors, form);
  }

  @Post('courses')
  async addCourse(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    const courseDate = date(form, 'courseDate');
    await submit(request, response, {
      send: () =>
        sendCommand(
          this.inProcess,
          request,
          form,
          { key: 'POST /api/courses', request: ScheduleCourseRequest, input: { date: courseDate, capacity: number(form, 'capacity'), venue: text(form, 'venue') } },
          (input, recorder) => this.courseCommands.schedule(recorder, input),
        ),
      labels: courseLabels,
      again: (errors, status) => this.drawCalendar(request, response, status, errors, form),
      done: `Course on ${formatDate(courseDate)} added`,
      next: '/conditional-caution/courses',
    });
  }

  @Get('courses/:id')
  async register(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) courseId: string): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawRegister(request, response, courseId, { status: 200, errors, picked: new Set(list(form, 'caseIds')), after: afterOf(request), form });
  }

  /** Marks everyone ticked as attended, person by person: those the rules refuse are named, the others recorded. */
  @Post('courses/:id/register')
  async takeRegister(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) courseId: string, @Body() form: FormBody): Promise<void> {
    const caseIds = list(form, 'caseIds');
    if (caseIds.length === 0) {
      const again = (errors: FormErrors, status: number) => this.drawRegister(request, response, courseId, { status, errors, picked: new Set() });
      return refuseForm(request, response, choiceMissing('attendance', 'Select everyone who attended the course'), { again });
    }
    const actor = actorOf(request);
    const course = await this.courseQueries.get(actor, canonicalId(courseId));
    const key = text(form, 'idempotencyKey');
    const results = await eachOnItsOwn(
      caseIds,
      (caseId) => (isUUID(caseId) ? undefined : 'it is not a case this service knows'),
      (caseId) => {
        const attendance = {
          actor,
          key: 'POST /api/cases/:id/attendance',
          on: canonicalId(caseId),
          idempotencyKey: key && `${key}:${caseId}`,
          request: RecordAttendanceRequest,
          input: { courseId: course.courseId, attendedOn: course.date },
        } as const;
        return this.inProcess.command(attendance, (input, recorder) => this.steps.conditionalCaution.attend(recorder, attendance.on, input));
      },
    );
    const outcome = registerOutcome(results);
    if (outcome.errors.summary.length === 0) {
      flash(request, response, recordedText(outcome.recorded));
      response.redirect(303, `/conditional-caution/courses/${courseId}${outcome.position ? `?after=${outcome.position}` : ''}`);
      return;
    }
    const refused = new Set(results.filter((result) => result.refusal !== undefined).map((result) => result.caseId));
    // Those refused are ticked again on the register's own page, which says how many were recorded.
    const banner = outcome.recorded > 0 ? recordedText(outcome.recorded) : undefined;
    if (await redrawOnGet(request, response, outcome.errors, { form: { caseIds: [...refused] }, after: outcome.position, flash: banner })) return;
    await this.drawRegister(request, response, courseId, {
      status: 422,
      errors: outcome.errors,
      picked: refused,
      after: outcome.position,
      banner,
    });
  }

  /**
   * Records completion for everyone ticked, person by person, each its own command with its own
   * idempotency key (the form's and the case's), so that one refused leaves the others recorded
   * and a form sent twice records each once. The date is checked once, before any is sent.
   */
  @Post('courses/:id/completion')
  async completeMany(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) courseId: string, @Body() form: FormBody): Promise<void> {
    const caseIds = list(form, 'completeCaseIds');
    const completedOn = date(form, 'completedOn');
    const again = (errors: FormErrors, status: number) => this.drawRegister(request, response, courseId, { status, errors, picked: new Set(), form });
    const errors = await this.completionFormErrors(caseIds, completedOn);
    if (errors.summary.length > 0) return refuseForm(request, response, errors, { again });
    const actor = actorOf(request);
    const course = await this.courseQueries.get(actor, canonicalId(courseId));
    const onThisCourse = new Set(course.bookedCaseIds);
    const key = text(form, 'idempotencyKey');
    const results = await eachOnItsOwn(
      caseIds,
      (caseId) => (isUUID(caseId) && onThisCourse.has(canonicalId(caseId)) ? undefined : 'they are not booked on this course'),
      (caseId) => {
        const completion = {
          actor,
          key: stepForms.completion.key,
          on: canonicalId(caseId),
          idempotencyKey: key && `${key}:${canonicalId(caseId)}`,
          request: stepForms.completion.request,
          input: { completedOn },
        } as const;
        return this.inProcess.command(completion, (input, recorder) => this.steps.conditionalCaution.complete(recorder, completion.on, input));
      },
    );
    const refused = results.filter((result) => result.refusal !== undefined).map((result) => result.caseId);
    // The names of those refused come from the register's own read (audited), only when someone was refused.
    const names = refused.length > 0 ? await this.registerNames(actor, courseId) : new Map<string, string>();
    const outcome = completionOutcome(results, (caseId) => names.get(canonicalId(caseId)));
    if (outcome.errors.summary.length === 0) {
      flash(request, response, completedText(outcome.recorded));
      response.redirect(303, `/conditional-caution/courses/${courseId}${outcome.position ? `?after=${outcome.position}` : ''}`);
      return;
    }
    // Those refused are ticked again, with the date as typed, on the register's own page, which says how many were recorded.
    const kept = { completeCaseIds: refused, ...Object.fromEntries(['day', 'month', 'year'].map((part) => [`completedOn-${part}`, text(form, `completedOn-${part}`) ?? ''])) };
    const banner = outcome.recorded > 0 ? completedText(outcome.recorded) : undefined;
    if (await redrawOnGet(request, response, outcome.errors, { form: kept, after: outcome.position, flash: banner })) return;
    await this.drawRegister(request, response, courseId, { status: 422, errors: outcome.errors, picked: new Set(), after: outcome.position, banner, form: kept });
  }

  @Get('deadlines')
  async deadlines(@Req() request: WebRequest, @Res() response: Response, @Query('within') within?: string): Promise<void> {
    const days = windowOf(within);
    const cases = await this.underwayCases(request);
    response.render('conditional-caution/deadlines', {
      within: days,
      windows: deadlineWindows,
      cases: nearDeadlines(cases, this.clock.today(), days).map((each) => ({ ...each, reference: shortReference(each.caseId) })),
    });
  }

  private submitStep<Step extends CautionStep>(request: WebRequest, response: Response, caseId: string, step: Step, form: FormBody): Promise<void> {
    return submitCaseStep({ inProcess: this.inProcess, steps: this.steps }, request, response, canonicalId(caseId), stepForms[step], form, {
      casePage: `/conditional-caution/cases/${caseId}`,
      again: (errors, status) => this.drawCase(request, response, caseId, status, errors, form),
    });
  }

  /** Ids are lower-cased as the API's edge does, so a case address typed in capitals still finds its case. */
  protected placeOf(caseId: string): CasePlace {
    return { caseId: canonicalId(caseId), casePage: `/conditional-caution/cases/${caseId}` };
  }

  protected correctionPages(): CorrectionPages {
    return { inProcess: this.inProcess, cases: this.caseQueries, commands: this.steps.cases, clock: this.clock };
  }

  /** Every open caution still working towards its course, page by page through the case list's cursor. */
  private async underwayCases(request: WebRequest): Promise<CaseListItem[]> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(afterOf(request));
    const cases: CaseListItem[] = [];
    for (const status of underwayStatuses) {
      let cursor: string | undefined;
      do {
        const page = await this.caseQueries.list(actor, { programme, status, closed: 'false', limit: listLimit, cursor });
        cases.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return cases;
  }

  private async drawCase(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(afterOf(request));
    const read = await this.caseQueries.get(actor, canonicalId(caseId));
    const view = cautionViewOf(read);
    const people = await this.caseQueries.people(actor, auditActorOf(actor), view.caseId);
    const volunteers = await this.caseQueries.volunteerNames(actor, auditActorOf(actor), read);
    const today = this.clock.today();
    const { state } = view;
    const referral = referralOf(view);
    const deadline = cautionDeadline(referral);
    const steps = offeredSteps(view);
    const bookedCourse = state.booking ? await this.courseQueries.get(actor, state.booking.courseId) : undefined;
    const referredLate = deadlinePassedBeforeReferral(referral.referredOn, deadline);
    const calendar: CourseSummary[] = steps.includes('book') && !referredLate ? (await this.courseQueries.calendar(actor, { from: referral.referredOn, to: deadline })).items : [];
    const pickedCourse = text(form, 'courseId');
    const pickedReason = text(form, 'breachReason') ?? (referredLate ? 'deadline-passed' : undefined);
    const place = this.placeOf(caseId);
    response.status(status).render('conditional-caution/case', {
      title: caseTitle(people.subject, shortReference(caseId)),
      case: view,
      reference: shortReference(caseId),
      referral,
      deadline,
      deadlineNote: isUnderway(view) ? daysLeftText(daysLeft(deadline, today)) : undefined,
      referredLate,
      bookedCourse,
      fee: poundsOf(courseFeePence),
      people,
      can: Object.fromEntries(steps.map((step) => [step, true])),
      anyStep: steps.length > 0,
      courseItems: bookableCourses(calendar, referral.referredOn, deadline).map((course) => ({
        value: course.courseId,
        text: course.venue ? `${formatDate(course.date)}, ${course.venue}` : formatDate(course.date),
        hint: { text: placesText(course.placesLeft) },
        checked: course.courseId === pickedCourse,
      })),
      breachItems: Object.entries(breachReasonLabels).map(([value, label]) => ({ value, text: label, checked: value === pickedReason })),
      // Dates of what happened are typed, never offered as today; attendance can only be on the booked course's date, so that one is given.
      dates: {
        ...Object.fromEntries(todayDateFields.map((field) => [field, dateParts(form, field)])),
        attendedOn: dateParts(form, 'attendedOn', state.booking?.courseDate),
      },
      timeline: caseHistoryOf(
        timelineOf(read, actor.role, (revision) => strikeOutPath(place, revision)),
        volunteers,
      ),
      reopen: reopenFormOf(read, actor, place, form, today),
      amount: typeof form.amount === 'string' ? form.amount : (courseFeePence / 100).toFixed(2),
      keys: Object.fromEntries(cautionSteps.map((step) => [step, newIdempotencyKey()])),
      form: { closeReason: text(form, 'closeReason') },
      errors,
    });
  }

  private async drawCalendar(request: WebRequest, response: Response, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const query = queryForm(request.query);
    const filter = { from: date(query, 'from'), to: date(query, 'to') };
    let courses: CourseSummary[] = [];
    let filterErrors = noErrors();
    await this.inProcess.caughtUp(afterOf(request));
    try {
      const calendarQuery = await this.inProcess.input(CourseCalendarQuery, filter, 'query');
      courses = (await this.courseQueries.calendar(actorOf(request), calendarQuery)).items;
    } catch (error) {
      // A filter the calendar refuses (a date that is not one, "to" before "from") is shown beside its inputs.
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      filterErrors = formErrorsFrom(refusal, filterLabels);
    }
    const { upcoming, past } = calendarOf(courses, this.clock.today());
    response.status(filterErrors.summary.length > 0 ? 400 : status).render('conditional-caution/courses', {
      upcoming,
      past,
      filtered: filter.from !== undefined || filter.to !== undefined,
      filter,
      fromParts: dateParts(query, 'from'),
      toParts: dateParts(query, 'to'),
      courseDate: dateParts(form, 'courseDate'),
      capacity: typeof form.capacity === 'string' ? form.capacity : String(defaultCourseCapacity),
      venue: text(form, 'venue'),
      idempotencyKey: newIdempotencyKey(),
      errors: { summary: [...filterErrors.summary, ...errors.summary], fields: { ...filterErrors.fields, ...errors.fields } },
    });
  }

  private async drawRegister(
    request: WebRequest,
    response: Response,
    courseId: string,
    drawn: { status: number; errors: FormErrors; picked: ReadonlySet<string>; after?: string; banner?: string; form?: FormBody },
  ): Promise<void> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(drawn.after);
    // One read of the read models for the course and everyone booked on it, and one of the names they hold, however many are booked.
    const { course, booked } = await this.courseQueries.register(actor, auditActorOf(actor), canonicalId(courseId));
    const names = new Map(booked.map((each) => [each.caseId, nameOf(each.subject)]));
    const form = drawn.form ?? {};
    const register = registerRows(course.courseId, booked, drawn.picked, new Set(list(form, 'completeCaseIds').map(canonicalId)));
    const firstToMark = register.find((row) => row.markable)?.caseId;
    const rows = register.map((row) => ({ ...row, name: names.get(row.caseId), checkboxId: row.caseId === firstToMark ? 'attendance' : `attendance-${row.caseId}` }));
    response.status(drawn.status).render('conditional-caution/register', {
      course,
      rows,
      booked: course.bookedCount,
      attended: rows.filter((row) => row.attended).length,
      toMark: rows.filter((row) => row.markable).length,
      toComplete: rows.filter((row) => row.completable),
      held: course.date <= this.clock.today(),
      idempotencyKey: newIdempotencyKey(),
      completionKey: newIdempotencyKey(),
      // The date of a fact is typed, never offered as today.
      completedOn: dateParts(form, 'completedOn'),
      errors: drawn.errors,
      ...(drawn.banner ? { flash: drawn.banner } : {}),
    });
  }

  /** What the completion form lacks before anything is sent: someone ticked, and a real date that is not in the future. */
  private async completionFormErrors(caseIds: readonly string[], completedOn: string | undefined): Promise<FormErrors> {
    const errors = caseIds.length === 0 ? choiceMissing('completion', 'Select at least one person') : noErrors();
    try {
      await this.inProcess.input(stepForms.completion.request, { completedOn }, 'body');
    } catch (error) {
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      const dateErrors = formErrorsFrom(refusal, stepForms.completion.labels);
      return { summary: [...errors.summary, ...dateErrors.summary], fields: { ...errors.fields, ...dateErrors.fields } };
    }
    return errors;
  }

  /** The names on a course's register, by case, from the register's own read (each read audited). */
  private async registerNames(actor: Actor, courseId: string): Promise<Map<string, string>> {
    const { booked } = await this.courseQueries.register(actor, auditActorOf(actor), canonicalId(courseId));
    return new Map(booked.map((each) => [each.caseId, nameOf(each.subject)]));
  }
}
