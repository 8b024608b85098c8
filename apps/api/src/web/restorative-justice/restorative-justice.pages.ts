import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../shared/clock';
import { dateParts, FormBody, FormErrors, list, newIdempotencyKey, text } from '../forms';
import { afterOf, submitCaseStep } from '../submit';
import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { recordVolunteerStep, recruitVolunteer, VolunteerStep, volunteerStepOf, volunteerSteps } from '../volunteer-forms';
import { facilitatorChoices, isRjStep, nextSteps, RjStep, rjSteps, shortReference, stepDateFields, stepForms } from './restorative-justice.steps';
import {
  CaseListFilter,
  CaseListPage,
  caseListQuery,
  caseStatuses,
  CaseView,
  isSurveyed,
  panelFacilitatorsOf,
  referralOf,
  VolunteerView,
  volunteerRow,
} from './restorative-justice.views';

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

const uuid = new ParseUUIDPipe();

/** Victim Support's pages: the case list, each case with a form per step it allows next, and the volunteer roster. */
@WebPages('restorative-justice', ['rj-coordinator'])
export class RestorativeJusticePagesController {
  constructor(
    private readonly api: WebApi,
    private readonly clock: Clock,
  ) {}

  @Get()
  async cases(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('status') status?: string,
    @Query('closed') closed?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const filter: CaseListFilter = { status: status || undefined, closed: closed === 'true' || closed === 'false' ? closed : undefined };
    const page = await this.api.get<CaseListPage>(request, '/api/cases', { programme: 'restorative-justice', ...filter, cursor, after: afterOf(request) });
    response.render('restorative-justice/cases', {
      filter,
      statuses: caseStatuses,
      cases: page.items.map((item) => ({ ...item, reference: shortReference(item.caseId) })),
      firstPage: cursor ? `/restorative-justice${caseListQuery(filter)}` : undefined,
      nextPage: page.nextCursor ? `/restorative-justice${caseListQuery(filter, page.nextCursor)}` : undefined,
    });
  }

  @Get('cases/:id')
  async casePage(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string): Promise<void> {
    await this.drawCase(request, response, caseId, 200, noErrors(), {});
  }

  @Post('cases/:id/:step')
  async recordStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('step') step: string, @Body() form: FormBody): Promise<void> {
    if (!isRjStep(step)) throw new NotFoundException({ message: 'There is no such step for a restorative-justice case', code: 'not-found' });
    await submitCaseStep(this.api, request, response, caseId, stepForms[step], form, {
      casePage: `/restorative-justice/cases/${caseId}`,
      again: (errors, status) => this.drawCase(request, response, caseId, status, errors, form),
    });
  }

  @Get('volunteers')
  async volunteers(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.drawRoster(request, response, 200, noErrors(), {});
  }

  @Post('volunteers')
  async recruit(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    await recruitVolunteer(this.api, request, response, form, {
      noun: 'volunteer',
      again: (errors, status) => this.drawRoster(request, response, status, errors, form),
      next: '/restorative-justice/volunteers',
    });
  }

  @Get('volunteers/:id/:step')
  async volunteerStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) volunteerId: string, @Param('step') step: string): Promise<void> {
    await this.drawVolunteerStep(request, response, volunteerId, volunteerStepOf(step, 'volunteer'), 200, noErrors(), {});
  }

  @Post('volunteers/:id/:step')
  async recordVolunteerStep(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', uuid) volunteerId: string,
    @Param('step') step: string,
    @Body() form: FormBody,
  ): Promise<void> {
    const known = volunteerStepOf(step, 'volunteer');
    await recordVolunteerStep(this.api, request, response, volunteerId, known, form, {
      noun: 'volunteer',
      again: (errors, status) => this.drawVolunteerStep(request, response, volunteerId, known, status, errors, form),
      next: '/restorative-justice/volunteers',
    });
  }

  private async drawCase(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const after = afterOf(request);
    const view = await this.api.get<CaseView>(request, `/api/cases/${caseId}`, { after });
    const people = await this.api.get<unknown>(request, `/api/cases/${caseId}/people`);
    const steps = nextSteps({ status: view.status, closed: view.closed, surveyed: isSurveyed(view) });
    const roster = steps.includes('panel') ? (await this.api.get<{ items: VolunteerView[] }>(request, '/api/volunteers', { after, names: true })).items : [];
    const today = this.clock.today();
    const picked = new Set(list(form, 'facilitatorIds'));
    response.status(status).render('restorative-justice/case', {
      case: view,
      reference: shortReference(caseId),
      referral: referralOf(view),
      panelFacilitators: panelFacilitatorsOf(view),
      people,
      can: Object.fromEntries(steps.map((step) => [step, true])),
      anyStep: steps.length > 0,
      facilitators: facilitatorChoices(roster).map((volunteer) => ({ ...volunteerRow(volunteer), checked: picked.has(volunteer.volunteerId) })),
      dates: Object.fromEntries(stepDateFields.map((field) => [field, dateParts(form, field, today)])),
      keys: Object.fromEntries(rjSteps.map((step: RjStep) => [step, newIdempotencyKey()])),
      form: { ...form, reparation: text(form, 'reparation') ?? '' },
      errors,
    });
  }

  private async drawRoster(request: WebRequest, response: Response, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const { items } = await this.api.get<{ items: VolunteerView[] }>(request, '/api/volunteers', { after: afterOf(request), names: true });
    const volunteerId = text(form, 'volunteerId') ?? randomUUID();
    response.status(status).render('restorative-justice/volunteers', {
      volunteers: items.map(volunteerRow),
      activeTrained: facilitatorChoices(items).length,
      recruitedOn: dateParts(form, 'recruitedOn', this.clock.today()),
      volunteerId,
      newReference: shortReference(volunteerId),
      form: { givenName: text(form, 'givenName'), familyName: text(form, 'familyName') },
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }

  private async drawVolunteerStep(
    request: WebRequest,
    response: Response,
    volunteerId: string,
    step: VolunteerStep,
    status: number,
    errors: FormErrors,
    form: FormBody,
  ): Promise<void> {
    const volunteer = await this.api.get<VolunteerView>(request, `/api/volunteers/${volunteerId}`);
    const { field, title } = volunteerSteps[step];
    const legend = volunteerSteps[step].legend('volunteer');
    response.status(status).render('restorative-justice/volunteer-step', {
      title: `${title}: volunteer ${shortReference(volunteerId)}`,
      button: title,
      volunteer: volunteerRow({ ...volunteer, volunteerId }),
      action: `/restorative-justice/volunteers/${volunteerId}/${step}`,
      field,
      legend,
      parts: dateParts(form, field, this.clock.today()),
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }
}
