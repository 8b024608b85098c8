import { Body, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { InProcess } from '../../application/in-process';
import { auditActorOf } from '../../audit/audit-actor';
import { Actor } from '../../auth/actor';
import { CaseQueries, shortCaseReference } from '../../cases/case-queries';
import { caseTitle, personName } from '../../people/person-name';
import { VolunteerRosterQuery } from '../../queries/volunteer-roster.query';
import { CaseListQuery } from '../../queries/case-list.query';
import { Clock } from '../../shared/clock';
import { VolunteerCommands } from '../../volunteers/volunteer-commands';
import { RosterEntry, VolunteerQueries } from '../../volunteers/volunteer-queries';
import { caseHistoryOf, volunteerLabel } from '../case-views';
import { CasePlace, checkClose, confirmed, CorrectionPages, reopenCase, reopenFormOf, strikeOutPath, timelineOf } from '../corrections';
import { formAsLeft } from '../form-drafts';
import { casesDue, dueView, eachCaseOnce } from '../due';
import { dateParts, FormBody, FormErrors, list, newIdempotencyKey, text } from '../forms';
import { actorOf, afterOf, CaseStepServices, submitCaseStep } from '../submit';
import { CaseCorrectionRoutes } from '../case-correction-routes';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { recordVolunteerStep, recruitVolunteer, VolunteerPages, VolunteerStep, volunteerStepOf, volunteerSteps } from '../volunteer-forms';
import { facilitatorChoices, isRjStep, offeredSteps, RjStep, rjSteps, shortReference, stepDateFields, stepForms } from './restorative-justice.steps';
import { rjDue } from './restorative-justice.due';
import { CaseListFilter, caseListQuery, caseStatuses, panelFacilitatorsOf, referralOf, volunteerRow } from './restorative-justice.views';

const uuid = new ParseUUIDPipe();

/** Who a read of personal data (a case's people, volunteers' names) is audited as: the signed-in coordinator. */

/** Victim Support's pages: the case list, each case with a form per step it allows next, and the volunteer roster. */
@WebPages('restorative-justice', ['rj-coordinator'])
export class RestorativeJusticePagesController extends CaseCorrectionRoutes {
  protected readonly closeForm = stepForms.close;

  constructor(
    private readonly inProcess: InProcess,
    private readonly caseQueries: CaseQueries,
    private readonly steps: CaseStepServices,
    private readonly volunteerQueries: VolunteerQueries,
    private readonly volunteerCommands: VolunteerCommands,
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
    const query = await this.inProcess.input(CaseListQuery, { programme: 'restorative-justice', ...filter, cursor: cursor || undefined }, 'query');
    await this.inProcess.caughtUp(afterOf(request));
    const actor = actorOf(request);
    const page = await this.caseQueries.list(actor, query);
    // What is due heads the first page only: one read-model query, whatever the filter.
    const candidates = cursor ? [] : await this.caseQueries.dueCandidates(actor, 'restorative-justice');
    const due = rjDue(candidates, this.clock.today());
    // The list's names and the reminders' in one read, each case's audited once.
    const names = await this.caseQueries.subjects(actor, auditActorOf(actor), eachCaseOnce([...page.items, ...casesDue(candidates, due)]));
    const kept = { status: filter.status, closed: filter.closed };
    response.render('restorative-justice/cases', {
      due: cursor
        ? undefined
        : dueView(due, names, { casePath: '/restorative-justice/cases', nothing: 'Nothing is due: every panel has its victim survey and every outcome agreement its outcome.' }),
      filter,
      statuses: caseStatuses,
      search: { action: '/restorative-justice', q: filter.q, kept, clear: `/restorative-justice${caseListQuery(kept)}` },
      cases: page.items.map((item) => ({ ...item, reference: shortReference(item.caseId), name: personName(names.get(item.caseId)) })),
      firstPage: cursor ? `/restorative-justice${caseListQuery(filter)}` : undefined,
      nextPage: page.nextCursor ? `/restorative-justice${caseListQuery(filter, page.nextCursor)}` : undefined,
    });
  }

  /** A case by its id, or by the short reference staff type (sent on to the case's own address). */
  @Get('cases/:id')
  async casePage(@Req() request: WebRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    if (shortCaseReference.test(id)) {
      response.redirect(302, `/restorative-justice/cases/${await this.caseQueries.idOfReference(actorOf(request), id, 'restorative-justice')}`);
      return;
    }
    const { errors, form } = formAsLeft(request);
    await this.drawCase(request, response, await uuid.transform(id, { type: 'param', data: 'id' }), 200, errors, form);
  }

  @Post('cases/:id/:step')
  async recordStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('step') step: string, @Body() form: FormBody): Promise<void> {
    const again = (errors: FormErrors, status: number) => this.drawCase(request, response, caseId, status, errors, form);
    if (step === 'reopen') return reopenCase(this.correctionPages(), request, response, this.placeOf(caseId), form, again);
    if (!isRjStep(step)) throw new NotFoundException({ message: 'There is no such step for a restorative-justice case', code: 'not-found' });
    if (step === 'close' && !confirmed(form)) return checkClose(this.correctionPages(), request, response, this.placeOf(caseId), form, stepForms.close, again);
    await this.submitStep(request, response, caseId, step, form);
  }

  @Get('volunteers')
  async volunteers(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawRoster(request, response, 200, errors, form);
  }

  @Post('volunteers')
  async recruit(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    await recruitVolunteer(this.volunteerPages(), request, response, form, {
      noun: 'volunteer',
      again: (errors, status) => this.drawRoster(request, response, status, errors, form),
      next: '/restorative-justice/volunteers',
    });
  }

  @Get('volunteers/:id/:step')
  async volunteerStep(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) volunteerId: string, @Param('step') step: string): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.drawVolunteerStep(request, response, volunteerId, volunteerStepOf(step, 'volunteer'), 200, errors, form);
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
    await recordVolunteerStep(this.volunteerPages(), request, response, volunteerId, known, form, {
      noun: 'volunteer',
      again: (errors, status) => this.drawVolunteerStep(request, response, volunteerId, known, status, errors, form),
      next: '/restorative-justice/volunteers',
    });
  }

  /** Generic in the step, so that its form's input and its command service's input are one type. */
  private submitStep<S extends RjStep>(request: WebRequest, response: Response, caseId: string, step: S, form: FormBody): Promise<void> {
    return submitCaseStep({ inProcess: this.inProcess, steps: this.steps }, request, response, caseId, stepForms[step], form, {
      casePage: `/restorative-justice/cases/${caseId}`,
      again: (errors, status) => this.drawCase(request, response, caseId, status, errors, form),
    });
  }

  protected placeOf(caseId: string): CasePlace {
    return { caseId, casePage: `/restorative-justice/cases/${caseId}` };
  }

  protected correctionPages(): CorrectionPages {
    return { inProcess: this.inProcess, cases: this.caseQueries, commands: this.steps.cases, clock: this.clock };
  }

  private volunteerPages(): VolunteerPages {
    return { inProcess: this.inProcess, volunteers: this.volunteerCommands };
  }

  /** The coordinator's roster with each volunteer's name (every name read audited). */
  private async roster(actor: Actor): Promise<RosterEntry[]> {
    return (await this.volunteerQueries.roster(actor, auditActorOf(actor), await this.inProcess.input(VolunteerRosterQuery, { names: 'true' }, 'query'))).items;
  }

  private async drawCase(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(afterOf(request));
    const view = await this.caseQueries.get(actor, caseId);
    const people = await this.caseQueries.people(actor, auditActorOf(actor), caseId);
    const volunteers = await this.caseQueries.volunteerNames(actor, auditActorOf(actor), view);
    const steps = offeredSteps(view);
    const roster = steps.includes('panel') ? await this.roster(actor) : [];
    const picked = new Set(list(form, 'facilitatorIds'));
    const place = this.placeOf(caseId);
    response.status(status).render('restorative-justice/case', {
      title: caseTitle(people.subject, shortReference(caseId)),
      case: view,
      reference: shortReference(caseId),
      referral: referralOf(view),
      panelFacilitators: panelFacilitatorsOf(view).map((volunteerId) => volunteerLabel(volunteerId, volunteers)),
      people,
      can: Object.fromEntries(steps.map((step) => [step, true])),
      anyStep: steps.length > 0,
      facilitators: facilitatorChoices(roster).map((volunteer) => ({ ...volunteerRow(volunteer), checked: picked.has(volunteer.volunteerId) })),
      // Dates of what happened are typed, never offered as today: a date left as it was is how wrong facts get recorded.
      dates: Object.fromEntries(stepDateFields.map((field) => [field, dateParts(form, field)])),
      timeline: caseHistoryOf(
        timelineOf(view, actor.role, (revision) => strikeOutPath(place, revision)),
        volunteers,
      ),
      reopen: reopenFormOf(view, actor, place, form, this.clock.today()),
      keys: Object.fromEntries(rjSteps.map((step: RjStep) => [step, newIdempotencyKey()])),
      form: { ...form, reparation: text(form, 'reparation') ?? '' },
      errors,
    });
  }

  private async drawRoster(request: WebRequest, response: Response, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    await this.inProcess.caughtUp(afterOf(request));
    const items = await this.roster(actorOf(request));
    const volunteerId = text(form, 'volunteerId') ?? randomUUID();
    response.status(status).render('restorative-justice/volunteers', {
      volunteers: items.map(volunteerRow),
      activeTrained: facilitatorChoices(items).length,
      recruitedOn: dateParts(form, 'recruitedOn'),
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
    const volunteer = await this.volunteerQueries.get(actorOf(request), volunteerId);
    const { field, title } = volunteerSteps[step];
    const legend = volunteerSteps[step].legend('volunteer');
    response.status(status).render('restorative-justice/volunteer-step', {
      title: `${title}: volunteer ${shortReference(volunteerId)}`,
      button: title,
      volunteer: volunteerRow({ ...volunteer, volunteerId }),
      action: `/restorative-justice/volunteers/${volunteerId}/${step}`,
      field,
      legend,
      parts: dateParts(form, field),
      idempotencyKey: newIdempotencyKey(),
      errors,
    });
  }
}
