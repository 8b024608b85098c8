import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { InProcess } from '../../application/in-process';
import { AuditActor } from '../../audit/audit-actor';
import { Actor } from '../../auth/actor';
import { CaseQueries } from '../../cases/case-queries';
import { canonicalId } from '../../http/canonical-ids';
import { CaseListQuery } from '../../queries/case-list.query';
import { VolunteerRosterQuery } from '../../queries/volunteer-roster.query';
import { Clock } from '../../shared/clock';
import { VolunteerCommands } from '../../volunteers/volunteer-commands';
import { VolunteerQueries } from '../../volunteers/volunteer-queries';
import { dateParts, FormBody, FormErrors, newIdempotencyKey, text } from '../forms';
import { actorOf, afterOf, CaseStepServices, submitCaseStep } from '../submit';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { recordVolunteerStep, recruitVolunteer, VolunteerPages, VolunteerStep, volunteerStepOf, volunteerSteps } from '../volunteer-forms';
import { interventionProgress } from './coaching-guide';
import { CaseListItem, CaseListPage, caseloadOf, coachChoices, coachName, isActiveCoach, loadOf, progressOf, RosterVolunteer } from './coaching.caseload';
import { CoachingStep, coachingSteps, isCoachingStep, offeredSteps, shortReference, stepDateFields, stepForms } from './coaching.steps';

const programme = 'community-coaching';

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

const uuid = new ParseUUIDPipe();

/** A page of the case list is at most 100; a caseload of 25 coaches at 5 each is two pages a status. */
const listLimit = 100;
const maxListPages = 20;

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A case's state as the case page reads it: field by field, each checked for its type where used. */
const fieldsOf = (state: unknown): Record<string, unknown> => (typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {});

/** Who the audit log says read the names and details a page shows. */
const auditActorOf = (actor: Actor): AuditActor => ({ userId: actor.userId, username: actor.username });

/** Home-Start's pages: the caseload per coach, each case with the steps it allows next, and the coach roster. */
@WebPages('community-coaching', ['coaching-coordinator'])
export class CommunityCoachingPagesController {
  private readonly volunteerPages: VolunteerPages;

  constructor(
    private readonly inProcess: InProcess,
    private readonly cases: CaseQueries,
    private readonly volunteers: VolunteerQueries,
    volunteerCommands: VolunteerCommands,
    private readonly steps: CaseStepServices,
    private readonly clock: Clock,
  ) {
    this.volunteerPages = { inProcess, volunteers: volunteerCommands };
  }

  @Get()
  async caseload(@Req() request: WebRequest, @Res() response: Response, @Query('cursor') cursor?: string): Promise<void> {
    const actor = actorOf(request);
    // The page's cursor is checked as the API checks it (400 for one it did not give) before anything is read.
    const waitingQuery = await this.inProcess.input(CaseListQuery, { programme, status: 'referred', closed: 'false', cursor: cursor || undefined }, 'query');
    await this.inProcess.caughtUp(afterOf(request));
    const roster = await this.roster(actor);
    const coachOf = (volunteerId: string | undefined) =>
      volunteerId ? coachName(roster.find((volunteer) => volunteer.volunteerId === volunteerId) ?? { volunteerId }) : undefined;
    const waiting: CaseListPage = await this.cases.list(actor, waitingQuery);
    const [assigned, open, completed, withdrawn] = await Promise.all([
      this.allCases(actor, 'coach-assigned'),
      this.allCases(actor, 'intervention-open'),
      this.listPage(actor, 'completed'),
      this.listPage(actor, 'withdrawn'),
    ]);
    const today = this.clock.today();
    const ended = [...completed.items, ...withdrawn.items].sort((a, b) => (a.completedOn ?? a.withdrawnOn ?? '').localeCompare(b.completedOn ?? b.withdrawnOn ?? ''));
    response.render('community-coaching/caseload', {
      coaches: caseloadOf(roster, [...assigned, ...open], today),
      activeCoaches: roster.filter(isActiveCoach).length,
      withRoom: coachChoices(roster).length,
      waiting: waiting.items.map((item) => ({ ...item, reference: shortReference(item.caseId) })),
      firstPage: cursor ? '/community-coaching' : undefined,
      nextPage: waiting.nextCursor ? `/community-coaching?cursor=${encodeURIComponent(waiting.nextCursor)}` : undefined,
      ended: ended.map((item) => ({ ...item, reference: shortReference(item.caseId), coach: coachOf(item.volunteerId), progress: progressOf(item, today) })),
      moreEnded: completed.nextCursor !== null || withdrawn.nextCursor !== null,
    });
  }

  @Get('cases/:id')
  async casePage(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string): Promise<void> {
    await this.drawCase(request, response, caseId, 200, noErrors(), {});
  }

  @Post('cases/:id/:step')
  async recordStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('step') step: string, @Body() form: FormBody): Promise<void> {
    if (!isCoachingStep(step)) throw new NotFoundException({ message: 'There is no such step for a coaching case', code: 'not-found' });
    await this.submitStep(request, response, caseId, step, form);
  }

  @Get('coaches')
  async coaches(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.drawRoster(request, response, 200, noErrors(), {});
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
    await this.drawCoachStep(request, response, volunteerId, volunteerStepOf(step, 'coach'), 200, noErrors(), {});
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

  /** Home-Start's volunteers with their names; each name read is audited. */
  private async roster(actor: Actor): Promise<RosterVolunteer[]> {
    const query = await this.inProcess.input(VolunteerRosterQuery, { names: 'true' }, 'query');
    return (await this.volunteers.roster(actor, auditActorOf(actor), query)).items;
  }

  /** One page of the open coaching cases of a status. */
  private async listPage(actor: Actor, status: string, cursor?: string): Promise<CaseListPage> {
    return this.cases.list(actor, await this.inProcess.input(CaseListQuery, { programme, status, closed: 'false', limit: listLimit, cursor }, 'query'));
  }

  /** Every open case of a status, page by page (a caseload is at most coaches × 5). */
  private async allCases(actor: Actor, status: string): Promise<CaseListItem[]> {
    const items: CaseListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxListPages; page += 1) {
      const answer = await this.listPage(actor, status, cursor);
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
    const steps = offeredSteps(view);
    const state = fieldsOf(view.state);
    const volunteerId = stringOf(state.volunteerId);
    const roster = steps.includes('coach') || volunteerId ? await this.roster(actor) : [];
    const today = this.clock.today();
    const startedOn = stringOf(state.startedOn);
    const referral = view.history.find((entry) => entry.type === 'CaseReferred')?.data ?? {};
    response.status(status).render('community-coaching/case', {
      case: view,
      reference: shortReference(caseId),
      referral,
      coach: volunteerId
        ? { name: coachName(roster.find((volunteer) => volunteer.volunteerId === volunteerId) ?? { volunteerId }), assignedOn: stringOf(state.assignedOn) }
        : undefined,
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
      dates: Object.fromEntries(stepDateFields.map((field) => [field, dateParts(form, field, today)])),
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
      recruitedOn: dateParts(form, 'recruitedOn', this.clock.today()),
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
      parts: dateParts(form, field, this.clock.today()),
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }
}
