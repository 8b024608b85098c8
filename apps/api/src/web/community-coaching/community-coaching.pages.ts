import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CaseSummaryView } from '@safer-cases/projections/case-summaries';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { InProcess } from '../../application/in-process';
import { auditActorOf } from '../../audit/audit-actor';
import { Actor } from '../../auth/actor';
import { CaseQueries, shortCaseReference } from '../../cases/case-queries';
import { caseTitle, personName } from '../../people/person-name';
import { canonicalId } from '../../http/canonical-ids';
import { CaseListQuery } from '../../queries/case-list.query';
import { VolunteerRosterQuery } from '../../queries/volunteer-roster.query';
import { Clock } from '../../shared/clock';
import { VolunteerCommands } from '../../volunteers/volunteer-commands';
import { VolunteerQueries } from '../../volunteers/volunteer-queries';
import { caseHistoryOf, volunteerLabel } from '../case-views';
import { CasePlace, checkClose, confirmed, CorrectionPages, reopenCase, reopenFormOf, strikeOutPath, timelineOf } from '../corrections';
import { casesDue, dueView, eachCaseOnce } from '../due';
import { formAsLeft } from '../form-drafts';
import { dateParts, FormBody, FormErrors, newIdempotencyKey, text } from '../forms';
import { actorOf, afterOf, CaseStepServices, submitCaseStep } from '../submit';
import { CaseCorrectionRoutes } from '../case-correction-routes';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { recordVolunteerStep, recruitVolunteer, VolunteerPages, VolunteerStep, volunteerStepOf, volunteerSteps } from '../volunteer-forms';
import { interventionProgress } from './coaching-guide';
import { caseloadOf, coachChoices, coachName, isActiveCoach, loadOf, progressOf, RosterVolunteer } from './coaching.caseload';
import { CoachingStep, coachingSteps, isCoachingStep, offeredSteps, shortReference, stepDateFields, stepForms } from './coaching.steps';
import { coachingDue } from './community-coaching.due';

const programme = 'community-coaching';

const uuid = new ParseUUIDPipe();

/** A page of the case list is at most 100; a caseload of 25 coaches at 5 each is two pages a status. */
const listLimit = 100;
const maxListPages = 20;

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A case's state as the case page reads it: field by field, each checked for its type where used. */
const fieldsOf = (state: unknown): Record<string, unknown> => (typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {});

/** Who the audit log says read the names and details a page shows. */

/** Home-Start's pages: the caseload per coach, each case with the steps it allows next, and the coach roster. */
@WebPages('community-coaching', ['coaching-coordinator'])
export class CommunityCoachingPagesController extends CaseCorrectionRoutes {
  protected readonly closeForm = stepForms.close;

  private readonly volunteerPages: VolunteerPages;

  constructor(
    private readonly inProcess: InProcess,
    private readonly cases: CaseQueries,
    private readonly volunteers: VolunteerQueries,
    volunteerCommands: VolunteerCommands,
    private readonly steps: CaseStepServices,
    private readonly clock: Clock,
  ) {
    super();
    this.volunteerPages = { inProcess, volunteers: volunteerCommands };
  }

  /**
   * The caseload; with `q`, every part of it narrowed to the cases the search finds (and only the
   * coaches carrying one of them). Each case is shown with its subject's name, each read audited.
   */
  @Get()
  async caseload(@Req() request: WebRequest, @Res() response: Response, @Query('cursor') cursor?: string, @Query('q') q?: string): Promise<void> {
    const actor = actorOf(request);
    const search = q || undefined;
    // The page's cursor and search are checked as the API checks them (400 for a cursor it did not give) before anything is read.
    const waitingQuery = await this.inProcess.input(CaseListQuery, { programme, status: 'referred', closed: 'false', q: search, cursor: cursor || undefined }, 'query');
    await this.inProcess.caughtUp(afterOf(request));
    const roster = await this.roster(actor);
    const coachOf = (volunteerId: string | undefined) =>
      volunteerId ? coachName(roster.find((volunteer) => volunteer.volunteerId === volunteerId) ?? { volunteerId }) : undefined;
    const waiting = await this.cases.list(actor, waitingQuery);
    const [assigned, open, completed, withdrawn] = await Promise.all([
      this.allCases(actor, 'coach-assigned', search),
      this.allCases(actor, 'intervention-open', search),
      this.listPage(actor, 'completed', undefined, search),
      this.listPage(actor, 'withdrawn', undefined, search),
    ]);
    const today = this.clock.today();
    const ended = [...completed.items, ...withdrawn.items].sort((a, b) => (a.completedOn ?? a.withdrawnOn ?? '').localeCompare(b.completedOn ?? b.withdrawnOn ?? ''));
    const caseloads = caseloadOf(roster, [...assigned, ...open], today);
    const coaches = search ? caseloads.map((coach) => ({ ...coach, cases: coach.cases.filter((each) => each.summary) })).filter((coach) => coach.cases.length > 0) : caseloads;
    const carried = new Set(coaches.flatMap((coach) => coach.cases.map(({ caseId }) => caseId)));
    // What is due heads the first page only: one read-model query, whatever the search.
    const candidates = cursor ? [] : await this.cases.dueCandidates(actor, programme);
    const due = coachingDue(candidates, today);
    // The caseload's names and the reminders' in one read, each case's audited once.
    const names = await this.cases.subjects(
      actor,
      auditActorOf(actor),
      eachCaseOnce([...waiting.items, ...[...assigned, ...open].filter(({ caseId }) => carried.has(caseId)), ...ended, ...casesDue(candidates, due)]),
    );
    const named = <Item extends { caseId: string }>(item: Item) => ({ ...item, name: personName(names.get(item.caseId)) });
    response.render('community-coaching/caseload', {
      due: cursor
        ? undefined
        : dueView(due, names, { casePath: '/community-coaching/cases', nothing: 'Nothing is due: every open intervention has had a session in the last three weeks.' }),
      search: { action: '/community-coaching', q: search, kept: {}, clear: '/community-coaching' },
      coaches: coaches.map((coach) => ({ ...coach, cases: coach.cases.map(named) })),
      activeCoaches: roster.filter(isActiveCoach).length,
      withRoom: coachChoices(roster).length,
      waiting: waiting.items.map((item) => named({ ...item, reference: shortReference(item.caseId) })),
      firstPage: cursor ? this.caseloadAddress(search) : undefined,
      nextPage: waiting.nextCursor ? this.caseloadAddress(search, waiting.nextCursor) : undefined,
      ended: ended.map((item) => named({ ...item, reference: shortReference(item.caseId), coach: coachOf(item.volunteerId), progress: progressOf(item, today) })),
      moreEnded: completed.nextCursor !== null || withdrawn.nextCursor !== null,
    });
  }

  /** A case by its id, or by the short reference staff type (sent on to the case's own address). */
  @Get('cases/:id')
  async casePage(@Req() request: WebRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    if (shortCaseReference.test(id)) {
      response.redirect(302, `/community-coaching/cases/${await this.cases.idOfReference(actorOf(request), id, programme)}`);
      return;
    }
    const { errors, form } = formAsLeft(request);
    await this.drawCase(request, response, await uuid.transform(id, { type: 'param', data: 'id' }), 200, errors, form);
  }

  @Post('cases/:id/:step')
  async recordStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('step') step: string, @Body() form: FormBody): Promise<void> {
    const again = (errors: FormErrors, status: number) => this.drawCase(request, response, caseId, status, errors, form);
    if (step === 'reopen') return reopenCase(this.correctionPages(), request, response, this.placeOf(caseId), form, again);
    if (!isCoachingStep(step)) throw new NotFoundException({ message: 'There is no such step for a coaching case', code: 'not-found' });
    if (step === 'close' && !confirmed(form)) return checkClose(this.correctionPages(), request, response, this.placeOf(caseId), form, stepForms.close, again);
    await this.submitStep(request, response, caseId, step, form);
  }

  @Get('coaches')
  async coaches(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawRoster(request, response, 200, errors, form);
  }

  @Post('coaches')
  async addCoach(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    await recruitVolunteer(this.volunteerPages, request, response, form, {
      noun: 'coach',
      again: (errors, status) => this.drawRoster(request, response, status, errors, form),
      next: '/community-coaching/coaches',
    });
  }

  @Get('coaches/:id/:step')
  async coachStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) volunteerId: string, @Param('step') step: string): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawCoachStep(request, response, volunteerId, volunteerStepOf(step, 'coach'), 200, errors, form);
  }

  @Post('coaches/:id/:step')
  async recordCoachStep(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', uuid) volunteerId: string,
    @Param('step') step: string,
    @Body() form: FormBody,
  ): Promise<void> {
    const known = volunteerStepOf(step, 'coach');
    await recordVolunteerStep(this.volunteerPages, request, response, canonicalId(volunteerId), known, form, {
      noun: 'coach',
      again: (errors, status) => this.drawCoachStep(request, response, volunteerId, known, status, errors, form),
      next: '/community-coaching/coaches',
    });
  }

  /**
   * A step's form sent in process; generic in the step so that its request class and its
   * service call stay a pair. Ids are lower-cased as the API's edge does, so a case address
   * typed in capitals still finds its case.
   */
  private submitStep<Step extends CoachingStep>(request: WebRequest, response: Response, caseId: string, step: Step, form: FormBody): Promise<void> {
    return submitCaseStep({ inProcess: this.inProcess, steps: this.steps }, request, response, canonicalId(caseId), stepForms[step], form, {
      casePage: `/community-coaching/cases/${caseId}`,
      again: (errors, status) => this.drawCase(request, response, caseId, status, errors, form),
    });
  }

  protected placeOf(caseId: string): CasePlace {
    return { caseId: canonicalId(caseId), casePage: `/community-coaching/cases/${caseId}` };
  }

  protected correctionPages(): CorrectionPages {
    return { inProcess: this.inProcess, cases: this.cases, commands: this.steps.cases, clock: this.clock };
  }

  /** Home-Start's volunteers with their names; each name read is audited. */
  private async roster(actor: Actor): Promise<RosterVolunteer[]> {
    const query = await this.inProcess.input(VolunteerRosterQuery, { names: 'true' }, 'query');
    return (await this.volunteers.roster(actor, auditActorOf(actor), query)).items;
  }

  /** The caseload's own address, with its search and the waiting list's cursor. */
  private caseloadAddress(q: string | undefined, cursor?: string): string {
    const query = new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) }).toString();
    return query ? `/community-coaching?${query}` : '/community-coaching';
  }

  /** One page of the open coaching cases of a status (those the search finds, given one). */
  private async listPage(actor: Actor, status: string, cursor?: string, q?: string) {
    return this.cases.list(actor, await this.inProcess.input(CaseListQuery, { programme, status, closed: 'false', limit: listLimit, cursor, q }, 'query'));
  }

  /** Every open case of a status, page by page (a caseload is at most coaches × 5). */
  private async allCases(actor: Actor, status: string, q?: string): Promise<CaseSummaryView[]> {
    const items: CaseSummaryView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxListPages; page += 1) {
      const answer = await this.listPage(actor, status, cursor, q);
      items.push(...answer.items);
      if (answer.nextCursor === null) break;
      cursor = answer.nextCursor;
    }
    return items;
  }

  private async drawCase(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(afterOf(request));
    const view = await this.cases.get(actor, canonicalId(caseId));
    const people = await this.cases.people(actor, auditActorOf(actor), view.caseId);
    // The coach is named with the history's volunteers, in one read; the roster only when a coach is to be chosen.
    const volunteers = await this.cases.volunteerNames(actor, auditActorOf(actor), view);
    const steps = offeredSteps(view);
    const state = fieldsOf(view.state);
    const volunteerId = stringOf(state.volunteerId);
    const roster = steps.includes('coach') ? await this.roster(actor) : [];
    const today = this.clock.today();
    const startedOn = stringOf(state.startedOn);
    const referral = view.history.find((entry) => entry.type === 'CaseReferred')?.data ?? {};
    const place = this.placeOf(caseId);
    response.status(status).render('community-coaching/case', {
      title: caseTitle(people.subject, shortReference(caseId)),
      case: view,
      reference: shortReference(caseId),
      referral,
      coach: volunteerId ? { name: volunteerLabel(volunteerId, volunteers, 'Coach'), assignedOn: stringOf(state.assignedOn) } : undefined,
      startedOn,
      sessionCount: typeof state.sessionCount === 'number' ? state.sessionCount : 0,
      progress: startedOn
        ? interventionProgress({
            startedOn,
            endedOn: stringOf(state.completedOn) ?? stringOf(state.withdrawnOn),
            quarterHours: typeof state.quarterHours === 'number' ? state.quarterHours : 0,
            today,
          })
        : undefined,
      people,
      can: Object.fromEntries(steps.map((step) => [step, true])),
      anyStep: steps.length > 0,
      coaches: coachChoices(roster).map((choice) => ({ ...choice, checked: form.volunteerId === choice.volunteerId })),
      // Dates of what happened are typed, never offered as today: a date left as it was is how wrong facts get recorded.
      dates: Object.fromEntries(stepDateFields.map((field) => [field, dateParts(form, field)])),
      timeline: caseHistoryOf(
        timelineOf(view, actor.role, (revision) => strikeOutPath(place, revision)),
        volunteers,
      ),
      reopen: reopenFormOf(view, actor, place, form, today),
      keys: Object.fromEntries(coachingSteps.map((step: CoachingStep) => [step, newIdempotencyKey()])),
      form,
      errors,
    });
  }

  private async drawRoster(request: WebRequest, response: Response, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    await this.inProcess.caughtUp(afterOf(request));
    const items = await this.roster(actorOf(request));
    const volunteerId = text(form, 'volunteerId') ?? randomUUID();
    const coaches = items.filter((volunteer) => volunteer.organisation === 'home-start');
    response.status(status).render('community-coaching/coaches', {
      coaches: coaches.map((coach) => ({ ...coach, ...loadOf(coach.openCoachingCases), reference: shortReference(coach.volunteerId), displayName: coachName(coach) })),
      activeTrained: coaches.filter(isActiveCoach).length,
      recruitedOn: dateParts(form, 'recruitedOn'),
      volunteerId,
      newReference: shortReference(volunteerId),
      form: { givenName: text(form, 'givenName'), familyName: text(form, 'familyName') },
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }

  private async drawCoachStep(
    request: WebRequest,
    response: Response,
    volunteerId: string,
    step: VolunteerStep,
    status: number,
    errors: FormErrors,
    form: FormBody,
  ): Promise<void> {
    const coach = await this.volunteers.get(actorOf(request), canonicalId(volunteerId));
    const { field, title } = volunteerSteps[step];
    const legend = volunteerSteps[step].legend('coach');
    response.status(status).render('community-coaching/coach-step', {
      title: `${title}: coach ${shortReference(volunteerId)}`,
      button: title,
      coach,
      action: `/community-coaching/coaches/${volunteerId}/${step}`,
      field,
      legend,
      parts: dateParts(form, field),
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }
}
