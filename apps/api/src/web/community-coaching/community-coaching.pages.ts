import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../shared/clock';
import { dateParts, FormBody, FormErrors, newIdempotencyKey, text } from '../forms';
import { afterOf, submitCaseStep } from '../submit';
import { Query as ApiQuery, WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { recordVolunteerStep, recruitVolunteer, VolunteerStep, volunteerStepOf, volunteerSteps } from '../volunteer-forms';
import { interventionProgress } from './coaching-guide';
import { CaseListItem, CaseListPage, caseloadOf, coachChoices, coachName, isActiveCoach, loadOf, progressOf, RosterVolunteer } from './coaching.caseload';
import { CoachingStep, coachingSteps, isCoachingStep, nextSteps, shortReference, stepDateFields, stepForms } from './coaching.steps';

const programme = 'community-coaching';

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

const uuid = new ParseUUIDPipe();

/** A page of the case list is at most 100; a caseload of 25 coaches at 5 each is two pages a status. */
const listLimit = 100;
const maxListPages = 20;

type HistoryEntry = { type: string; date?: string; recordedAt: string; recordedBy: string; data: Record<string, unknown> };

type CaseView = { caseId: string; programme: string; status: string; closed: boolean; state: Record<string, unknown>; history: HistoryEntry[] };

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Home-Start's pages: the caseload per coach, each case with the steps it allows next, and the coach roster. */
@WebPages('community-coaching', ['coaching-coordinator'])
export class CommunityCoachingPagesController {
  constructor(
    private readonly api: WebApi,
    private readonly clock: Clock,
  ) {}

  @Get()
  async caseload(@Req() request: WebRequest, @Res() response: Response, @Query('cursor') cursor?: string): Promise<void> {
    const after = afterOf(request);
    const { items: roster } = await this.api.get<{ items: RosterVolunteer[] }>(request, '/api/volunteers', { after, names: true });
    const coachOf = (volunteerId: string | undefined) =>
      volunteerId ? coachName(roster.find((volunteer) => volunteer.volunteerId === volunteerId) ?? { volunteerId }) : undefined;
    const waiting = await this.api.get<CaseListPage>(request, '/api/cases', { programme, status: 'referred', closed: false, cursor, after });
    const [assigned, open, completed, withdrawn] = await Promise.all([
      this.allCases(request, 'coach-assigned'),
      this.allCases(request, 'intervention-open'),
      this.api.get<CaseListPage>(request, '/api/cases', { programme, status: 'completed', closed: false, limit: listLimit }),
      this.api.get<CaseListPage>(request, '/api/cases', { programme, status: 'withdrawn', closed: false, limit: listLimit }),
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
    await submitCaseStep(this.api, request, response, caseId, stepForms[step], form, {
      casePage: `/community-coaching/cases/${caseId}`,
      again: (errors, status) => this.drawCase(request, response, caseId, status, errors, form),
    });
  }

  @Get('coaches')
  async coaches(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.drawRoster(request, response, 200, noErrors(), {});
  }

  @Post('coaches')
  async addCoach(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    await recruitVolunteer(this.api, request, response, form, {
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
    await recordVolunteerStep(this.api, request, response, volunteerId, known, form, {
      noun: 'coach',
      again: (errors, status) => this.drawCoachStep(request, response, volunteerId, known, status, errors, form),
      next: '/community-coaching/coaches',
    });
  }

  /** Every open case of a status, page by page (a caseload is at most coaches × 5). */
  private async allCases(request: WebRequest, status: string): Promise<CaseListItem[]> {
    const items: CaseListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxListPages; page += 1) {
      const query: ApiQuery = { programme, status, closed: false, limit: listLimit, cursor };
      const answer = await this.api.get<CaseListPage>(request, '/api/cases', query);
      items.push(...answer.items);
      if (answer.nextCursor === null) break;
      cursor = answer.nextCursor;
    }
    return items;
  }

  private async drawCase(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const after = afterOf(request);
    const view = await this.api.get<CaseView>(request, `/api/cases/${caseId}`, { after });
    const people = await this.api.get<unknown>(request, `/api/cases/${caseId}/people`);
    const steps = nextSteps(view);
    const state = view.state;
    const volunteerId = stringOf(state.volunteerId);
    const roster = steps.includes('coach') || volunteerId ? (await this.api.get<{ items: RosterVolunteer[] }>(request, '/api/volunteers', { after, names: true })).items : [];
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
    const { items } = await this.api.get<{ items: RosterVolunteer[] }>(request, '/api/volunteers', { after: afterOf(request), names: true });
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
    const coach = await this.api.get<Omit<RosterVolunteer, 'volunteerId' | 'openCoachingCases' | 'openCaseIds'>>(request, `/api/volunteers/${volunteerId}`);
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
