import { auditActorOf } from '../../audit/audit-actor';
import { Body, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { Programme } from '@safer-cases/domain';
import { CaseSummaryView } from '@safer-cases/projections/case-summaries';
import type { Response } from 'express';
import { InProcess } from '../../application/in-process';
import { CaseCommands } from '../../cases/case-commands';
import { CaseQueries, shortCaseReference } from '../../cases/case-queries';
import { caseTitle, personName } from '../../people/person-name';
import { CaseView } from '../../cases/case-reader';
import { ReferCaseRequest } from '../../cases/refer-case.request';
import { toErrorBody } from '../../http/domain-error.filter';
import { CaseListQuery } from '../../queries/case-list.query';
import { Clock } from '../../shared/clock';
import { CasePlace, checkReoffence, confirmed, CorrectionPages, reoffenceCheckPage, reoffenceForm, strikeOut, strikeOutPage, strikeOutPath, timelineOf } from '../corrections';
import { draftOf, formAsLeft, keepDrawnDraft, sendOnToPage } from '../form-drafts';
import { dateParts, FormBody, FormErrors, newIdempotencyKey, text, date } from '../forms';
import { actorOf, afterOf, refuseForm, sendCommand, submit } from '../submit';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { shortReference } from '../short-reference';
import { caseHistoryOf, referralOf } from '../case-views';
import {
  completedStatuses,
  deadlinePassedOnReferral,
  eligibilityBases,
  isFormProgramme,
  isProgramme,
  formProgrammes,
  programmeHints,
  programmeNames,
  referralBody,
  referralDates,
  referralLabels,
  riskIndicators,
  subjectMissing,
} from './referral-form';

const noErrors = (): FormErrors => ({ summary: [], fields: {} });
const isUuid = (value: string | undefined): value is string => value !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The events that make an earlier case a completed one, for a coaching referral that follows it. */
const completionEvents = ['OutcomeAgreementReached', 'CourseCompleted'];

const revisionPipe = new ParseIntPipe();

/**
 * The caution's deadline, when it had passed by the referral date and the form has not yet been
 * sent again from the warning about it (`lateReferralOffenceDate`, the offence date it warned of).
 */
const lateOf = (request: WebRequest, programme: Programme, form: FormBody): { deadline: string; offenceDate?: string } | undefined => {
  const deadline = deadlinePassedOnReferral(programme, referralBody(programme, form, request.webActor?.organisation ?? '', undefined));
  if (!deadline || text(form, 'lateReferralOffenceDate') === date(form, 'offenceDate')) return undefined;
  return { deadline, offenceDate: date(form, 'offenceDate') };
};

/** Police, probation and council referrers: their referrals, a referral form per programme, and recording a reoffence. */
@WebPages('referrals', ['referrer'])
export class ReferralPagesController {
  constructor(
    private readonly inProcess: InProcess,
    private readonly cases: CaseQueries,
    private readonly commands: CaseCommands,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('programme') programme?: string,
    @Query('cursor') cursor?: string,
    @Query('q') q?: string,
  ): Promise<void> {
    const chosen = isProgramme(programme) ? programme : undefined;
    const search = q || undefined;
    const query = await this.inProcess.input(CaseListQuery, { programme: chosen, q: search, cursor: cursor || undefined }, 'query');
    await this.inProcess.caughtUp(afterOf(request));
    const actor = actorOf(request);
    const page = await this.cases.list(actor, query);
    const names = await this.cases.subjects(actor, auditActorOf(actor), page.items);
    const listAddress = (parts: Record<string, string | undefined>): string => {
      const query = new URLSearchParams(Object.entries(parts).filter((part): part is [string, string] => Boolean(part[1]))).toString();
      return query ? `/referrals?${query}` : '/referrals';
    };
    response.render('referrals/list', {
      title: 'Your referrals',
      organisation: request.webActor?.organisation,
      programme: chosen,
      q: search,
      search: { action: '/referrals', q: search, kept: { programme: chosen }, clear: listAddress({ programme: chosen }) },
      programmes: Object.entries(programmeNames).map(([value, name]) => ({ value, text: name, selected: value === chosen })),
      referrals: page.items.map((item) => ({
        ...item,
        reference: shortReference(item.caseId),
        name: personName(names.get(item.caseId)),
        yourReference: item.referrer.reference,
        programmeName: programmeNames[item.programme],
      })),
      nextPage: page.nextCursor ? listAddress({ programme: chosen, q: search, cursor: page.nextCursor }) : undefined,
      firstPage: cursor ? listAddress({ programme: chosen, q: search }) : undefined,
    });
  }

  @Get('new')
  choose(@Res() response: Response, @Query('programme') programme?: string, @Query('chosen') chosen?: string): void {
    if (isFormProgramme(programme)) return response.redirect(303, `/referrals/new/${programme}`);
    const errors = noErrors();
    if (chosen) {
      errors.summary.push({ text: 'Select the programme you are referring to', href: '#programme' });
      errors.fields.programme = { text: 'Select the programme you are referring to' };
    }
    response.status(chosen ? 400 : 200).render('referrals/choose', {
      title: 'Make a referral',
      errors,
      programmes: formProgrammes.map((value) => ({ value, text: programmeNames[value], hint: { text: programmeHints[value] } })),
    });
  }

  @Get('new/:programme')
  async form(@Req() request: WebRequest, @Res() response: Response, @Param('programme') programme: string, @Query('linkedCaseId') linkedCaseId?: string): Promise<void> {
    if (!isFormProgramme(programme)) return response.redirect(303, '/referrals/new');
    const draft = draftOf(request);
    if (draft?.reason === 'to-confirm') {
      // The warning stays as it was on a reload or the back button, until the referral is sent anyway.
      await keepDrawnDraft(request);
      return this.drawForm(request, response, programme, 200, draft.errors, draft.form, lateOf(request, programme, draft.form));
    }
    if (draft) return this.drawForm(request, response, programme, 200, draft.errors, draft.form);
    await this.drawForm(request, response, programme, 200, noErrors(), linkedCaseId ? { basis: basisFollowing(await this.caseOf(request, linkedCaseId)), linkedCaseId } : {});
  }

  @Post('new/:programme')
  async refer(@Req() request: WebRequest, @Res() response: Response, @Param('programme') programme: string, @Body() form: FormBody): Promise<void> {
    if (!isFormProgramme(programme)) return response.redirect(303, '/referrals/new');
    const linked = programme === 'community-coaching' && text(form, 'basis') !== 'risk-identified' ? await this.caseOf(request, text(form, 'linkedCaseId')) : undefined;
    const body = referralBody(programme, form, request.webActor?.organisation ?? '', linked?.personId);
    const unnamed = linked ? undefined : subjectMissing(body, text(form, 'basis'));
    if (unnamed) return refuseForm(request, response, unnamed, { again: (errors, status) => this.drawForm(request, response, programme, status, errors, form) });
    // A late caution is asked about on the form's own page (post/redirect/get), and referred when sent again from there.
    if (lateOf(request, programme, form) && (await sendOnToPage(request, response, { form, errors: noErrors(), reason: 'to-confirm' }, { page: request.path }))) return;
    await submit<{ caseId: string }>(request, response, {
      send: () =>
        sendCommand(this.inProcess, request, form, { key: 'POST /api/cases', request: ReferCaseRequest, input: body }, (valid, recorder) => this.commands.refer(recorder, valid)),
      labels: referralLabels,
      again: (errors, status) => this.drawForm(request, response, programme, status, errors, form),
      done: `Referral made to ${programmeNames[programme]}`,
      next: ({ caseId }) => `/referrals/${caseId}`,
    });
  }

  /** A referral by its case id, or by the short reference staff type (sent on to the case's own address). */
  @Get(':id')
  async referral(@Req() request: WebRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    if (shortCaseReference.test(id)) {
      response.redirect(302, `/referrals/${await this.cases.idOfReference(actorOf(request), id)}`);
      return;
    }
    const { errors, form } = formAsLeft(request);
    await this.drawReferral(request, response, await new ParseUUIDPipe().transform(id, { type: 'param', data: 'id' }), 200, errors, form);
  }

  /** First sent, the reoffence is checked and a confirmation page asks; sent from there (`confirmed=yes`), it is recorded. */
  @Post(':id/reoffences')
  async reoffence(@Req() request: WebRequest, @Res() response: Response, @Param('id', new ParseUUIDPipe()) caseId: string, @Body() form: FormBody): Promise<void> {
    const again = (errors: FormErrors, status: number) => this.drawReferral(request, response, caseId, status, errors, form);
    if (!confirmed(form)) return checkReoffence(this.correctionPages(), request, response, placeOf(caseId), form, again);
    await submit(request, response, {
      send: () =>
        sendCommand(this.inProcess, request, form, { key: reoffenceForm.key, on: caseId, request: reoffenceForm.request, input: reoffenceForm.body(form) }, (valid, recorder) =>
          this.commands.recordReoffence(recorder, caseId, valid),
        ),
      labels: reoffenceForm.labels,
      again,
      done: 'Reoffence recorded',
      next: `/referrals/${caseId}`,
    });
  }

  /** Asks before the reoffence is recorded, with the form as it was sent (post/redirect/get). */
  @Get(':id/reoffences')
  async reoffenceCheck(@Req() request: WebRequest, @Res() response: Response, @Param('id', new ParseUUIDPipe()) caseId: string): Promise<void> {
    await reoffenceCheckPage(this.correctionPages(), request, response, placeOf(caseId));
  }

  /** A referrer strikes out what referrers record: a reoffence entered in error. */
  @Get(':id/strike-out/:revision')
  async strikeOutPage(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', new ParseUUIDPipe()) caseId: string,
    @Param('revision', revisionPipe) revision: number,
  ): Promise<void> {
    await strikeOutPage(this.correctionPages(), request, response, { ...placeOf(caseId), revision });
  }

  @Post(':id/strike-out/:revision')
  async strikeOutEntry(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', new ParseUUIDPipe()) caseId: string,
    @Param('revision', revisionPipe) revision: number,
    @Body() form: FormBody,
  ): Promise<void> {
    await strikeOut(this.correctionPages(), request, response, { ...placeOf(caseId), revision }, form);
  }

  private correctionPages(): CorrectionPages {
    return { inProcess: this.inProcess, cases: this.cases, commands: this.commands, clock: this.clock };
  }

  /** An earlier case the referrer may read, or undefined (its absence is then the referral's validation to explain). */
  private async caseOf(request: WebRequest, caseId: string | undefined): Promise<CaseView | undefined> {
    if (!isUuid(caseId)) return undefined;
    try {
      return await this.cases.get(actorOf(request), caseId);
    } catch (error) {
      if ([403, 404].includes(toErrorBody(error).statusCode)) return undefined;
      throw error;
    }
  }

  /** `late`: the caution's deadline had passed by the referral date; the form warns, and a second send refers anyway. */
  private async drawForm(
    request: WebRequest,
    response: Response,
    programme: Programme,
    status: number,
    errors: FormErrors,
    form: FormBody,
    late?: { deadline: string; offenceDate?: string },
  ): Promise<void> {
    const earlierCases = programme === 'community-coaching' ? await this.completedCases(request) : [];
    const chosenIndicators = new Set([form.indicators ?? []].flat());
    response.status(status).render('referrals/form', {
      title: `Refer to ${programmeNames[programme]}`,
      programme,
      programmeName: programmeNames[programme],
      errors,
      form,
      dates: referralDates(Object.keys(form).length > 0 ? form : undefined),
      idempotencyKey: newIdempotencyKey(),
      late,
      bases: eligibilityBases.map((basis) => ({ ...basis, checked: text(form, 'basis') === basis.value })),
      indicators: riskIndicators.map((indicator) => ({ value: indicator, text: indicator, checked: chosenIndicators.has(indicator) })),
      earlierCases: earlierCases.map((item) => ({
        value: item.caseId,
        text: `Case ${shortReference(item.caseId)}: ${programmeNames[item.programme]}, referred ${item.referredOn}, ${item.status.replace(/-/g, ' ')}`,
        selected: text(form, 'linkedCaseId') === item.caseId,
      })),
    });
  }

  /** The organisation's completed restorative-justice and conditional-caution cases: what a coaching referral may follow. */
  private async completedCases(request: WebRequest): Promise<CaseSummaryView[]> {
    const pages = await Promise.all(
      (['restorative-justice', 'conditional-caution'] as const).map(async (programme) =>
        this.cases.list(actorOf(request), await this.inProcess.input(CaseListQuery, { programme, limit: 100 }, 'query')),
      ),
    );
    return pages
      .flatMap((page) => page.items)
      .filter((item) => (item.programme === 'restorative-justice' || item.programme === 'conditional-caution') && completedStatuses[item.programme].includes(item.status));
  }

  private async drawReferral(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const actor = actorOf(request);
    await this.inProcess.caughtUp(afterOf(request));
    const [view, people] = await Promise.all([this.cases.get(actor, caseId), this.cases.people(actor, auditActorOf(actor), caseId)]);
    const volunteers = await this.cases.volunteerNames(actor, auditActorOf(actor), view);
    const referred = referralOf(view);
    const completed = view.programme !== 'community-coaching' && view.history.some((entry) => completionEvents.includes(entry.type) && entry.struckOut === undefined);
    response.status(status).render('referrals/case', {
      title: caseTitle(people.subject, shortReference(caseId), 'Referral'),
      case: view,
      programmeName: programmeNames[view.programme],
      referredOn: referred.referredOn,
      yourReference: referred.reference,
      offence: referred.offenceType || referred.offenceDate ? { type: referred.offenceType, date: referred.offenceDate } : undefined,
      people,
      errors,
      form,
      // The date of the new offence is typed, never offered as today: a date left as it was is how wrong facts get recorded.
      offenceDate: dateParts(Object.keys(form).length > 0 ? form : undefined, 'offenceDate'),
      timeline: caseHistoryOf(
        timelineOf(view, actor.role, (revision) => strikeOutPath(placeOf(caseId), revision)),
        volunteers,
      ),
      idempotencyKey: newIdempotencyKey(),
      coachingReferral: completed ? `/referrals/new/community-coaching?linkedCaseId=${caseId}` : undefined,
    });
  }
}

/** A referral's own page, where its corrections go back to. */
const placeOf = (caseId: string): CasePlace => ({ caseId, casePage: `/referrals/${caseId}` });

/** The eligibility a coaching referral has when it follows this earlier case. */
const basisFollowing = (earlier: CaseView | undefined): string | undefined =>
  earlier?.programme === 'restorative-justice' ? 'completed-restorative-justice' : earlier?.programme === 'conditional-caution' ? 'completed-conditional-caution' : undefined;
