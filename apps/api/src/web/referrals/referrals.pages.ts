import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { Programme } from '@safer-cases/domain';
import type { Response } from 'express';
import { Clock } from '../../shared/clock';
import { dateParts, FieldLabels, FormBody, FormErrors, newIdempotencyKey, text, date } from '../forms';
import { afterOf, submit } from '../submit';
import { ApiProblem, WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { shortReference } from '../short-reference';
import { referralOf } from '../case-views';
import {
  completedStatuses,
  deadlinePassedOnReferral,
  eligibilityBases,
  isProgramme,
  programmeHints,
  programmeNames,
  referralBody,
  referralDates,
  referralLabels,
  riskIndicators,
  subjectMissing,
} from './referral-form';

type CaseListItem = {
  caseId: string;
  programme: Programme;
  status: string;
  closed: boolean;
  personId: string;
  referrer: { reference?: string };
  referredOn: string;
  reoffenceCount: number;
};
type CaseListPage = { items: CaseListItem[]; nextCursor: string | null };
type CaseView = { caseId: string; programme: Programme; personId: string; status: string; closed: boolean; history: { type: string; data: Record<string, unknown> }[] };

const noErrors = (): FormErrors => ({ summary: [], fields: {} });
const isUuid = (value: string | undefined): value is string => value !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The events that make an earlier case a completed one, for a coaching referral that follows it. */
const completionEvents = ['OutcomeAgreementReached', 'CourseCompleted'];

const reoffenceLabels: FieldLabels = {
  offenceDate: { id: 'offenceDate-day', label: 'Date of the new offence' },
  reference: { id: 'reoffenceReference', label: 'Reference' },
};

/** Police, probation and council referrers: their referrals, a referral form per programme, and recording a reoffence. */
@WebPages('referrals', ['referrer'])
export class ReferralPagesController {
  constructor(
    private readonly api: WebApi,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query('programme') programme?: string, @Query('cursor') cursor?: string): Promise<void> {
    const chosen = isProgramme(programme) ? programme : undefined;
    const page = await this.api.get<CaseListPage>(request, '/api/cases', { programme: chosen, cursor, after: afterOf(request) });
    const filterQuery = chosen ? `programme=${chosen}&` : '';
    response.render('referrals/list', {
      title: 'Your referrals',
      organisation: request.webActor?.organisation,
      programme: chosen,
      programmes: Object.entries(programmeNames).map(([value, name]) => ({ value, text: name, selected: value === chosen })),
      referrals: page.items.map((item) => ({
        ...item,
        reference: shortReference(item.caseId),
        yourReference: item.referrer.reference,
        programmeName: programmeNames[item.programme],
      })),
      nextPage: page.nextCursor ? `/referrals?${filterQuery}cursor=${encodeURIComponent(page.nextCursor)}` : undefined,
      firstPage: cursor ? `/referrals${chosen ? `?programme=${chosen}` : ''}` : undefined,
    });
  }

  @Get('new')
  choose(@Res() response: Response, @Query('programme') programme?: string, @Query('chosen') chosen?: string): void {
    if (isProgramme(programme)) return response.redirect(303, `/referrals/new/${programme}`);
    const errors = noErrors();
    if (chosen) {
      errors.summary.push({ text: 'Select the programme you are referring to', href: '#programme' });
      errors.fields.programme = { text: 'Select the programme you are referring to' };
    }
    response.status(chosen ? 400 : 200).render('referrals/choose', {
      title: 'Make a referral',
      errors,
      programmes: Object.entries(programmeNames).map(([value, name]) => ({ value, text: name, hint: { text: programmeHints[value as Programme] } })),
    });
  }

  @Get('new/:programme')
  async form(@Req() request: WebRequest, @Res() response: Response, @Param('programme') programme: string, @Query('linkedCaseId') linkedCaseId?: string): Promise<void> {
    if (!isProgramme(programme)) return response.redirect(303, '/referrals/new');
    await this.drawForm(request, response, programme, 200, noErrors(), linkedCaseId ? { basis: basisFollowing(await this.caseOf(request, linkedCaseId)), linkedCaseId } : {});
  }

  @Post('new/:programme')
  async refer(@Req() request: WebRequest, @Res() response: Response, @Param('programme') programme: string, @Body() form: FormBody): Promise<void> {
    if (!isProgramme(programme)) return response.redirect(303, '/referrals/new');
    const linked = programme === 'community-coaching' && text(form, 'basis') !== 'risk-identified' ? await this.caseOf(request, text(form, 'linkedCaseId')) : undefined;
    const body = referralBody(programme, form, request.webActor?.organisation ?? '', linked?.personId);
    const unnamed = linked ? undefined : subjectMissing(body, text(form, 'basis'));
    if (unnamed) return this.drawForm(request, response, programme, 400, unnamed, form);
    const deadline = deadlinePassedOnReferral(programme, body);
    if (deadline && text(form, 'lateReferralOffenceDate') !== date(form, 'offenceDate')) {
      return this.drawForm(request, response, programme, 200, noErrors(), form, { deadline, offenceDate: date(form, 'offenceDate') });
    }
    await submit<{ caseId: string }>(request, response, {
      send: () => this.api.send(request, 'POST', '/api/cases', body, text(form, 'idempotencyKey')),
      labels: referralLabels,
      again: (errors, status) => this.drawForm(request, response, programme, status, errors, form),
      done: `Referral made to ${programmeNames[programme]}`,
      next: ({ caseId }) => `/referrals/${caseId}`,
    });
  }

  @Get(':id')
  async referral(@Req() request: WebRequest, @Res() response: Response, @Param('id', new ParseUUIDPipe()) caseId: string): Promise<void> {
    await this.drawReferral(request, response, caseId, 200, noErrors(), {});
  }

  @Post(':id/reoffences')
  async reoffence(@Req() request: WebRequest, @Res() response: Response, @Param('id', new ParseUUIDPipe()) caseId: string, @Body() form: FormBody): Promise<void> {
    await submit(request, response, {
      send: () =>
        this.api.send(
          request,
          'POST',
          `/api/cases/${caseId}/reoffences`,
          { offenceDate: date(form, 'offenceDate'), reference: text(form, 'reoffenceReference') },
          text(form, 'idempotencyKey'),
        ),
      labels: reoffenceLabels,
      again: (errors, status) => this.drawReferral(request, response, caseId, status, errors, form),
      done: 'Reoffence recorded',
      next: `/referrals/${caseId}`,
    });
  }

  /** An earlier case the referrer may read, or undefined (its absence is then the API's to explain). */
  private async caseOf(request: WebRequest, caseId: string | undefined): Promise<CaseView | undefined> {
    if (!isUuid(caseId)) return undefined;
    try {
      return await this.api.get<CaseView>(request, `/api/cases/${caseId}`);
    } catch (error) {
      if (error instanceof ApiProblem && [403, 404].includes(error.body.statusCode)) return undefined;
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
      dates: referralDates(Object.keys(form).length > 0 ? form : undefined, this.clock.today()),
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
  private async completedCases(request: WebRequest): Promise<CaseListItem[]> {
    const pages = await Promise.all(
      (['restorative-justice', 'conditional-caution'] as const).map((programme) => this.api.get<CaseListPage>(request, '/api/cases', { programme, limit: 100 })),
    );
    return pages.flatMap((page) => page.items).filter((item) => item.programme !== 'community-coaching' && completedStatuses[item.programme].includes(item.status));
  }

  private async drawReferral(request: WebRequest, response: Response, caseId: string, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const after = afterOf(request);
    const [view, people] = await Promise.all([this.api.get<CaseView>(request, `/api/cases/${caseId}`, { after }), this.api.get<unknown>(request, `/api/cases/${caseId}/people`)]);
    const referred = referralOf(view);
    const completed = view.programme !== 'community-coaching' && view.history.some((entry) => completionEvents.includes(entry.type));
    response.status(status).render('referrals/case', {
      title: `Referral ${shortReference(caseId)}`,
      case: view,
      programmeName: programmeNames[view.programme],
      referredOn: referred.referredOn,
      yourReference: referred.reference,
      offence: referred.offenceType || referred.offenceDate ? { type: referred.offenceType, date: referred.offenceDate } : undefined,
      people,
      errors,
      form,
      offenceDate: dateParts(Object.keys(form).length > 0 ? form : undefined, 'offenceDate', this.clock.today()),
      idempotencyKey: newIdempotencyKey(),
      coachingReferral: completed ? `/referrals/new/community-coaching?linkedCaseId=${caseId}` : undefined,
    });
  }
}

/** The eligibility a coaching referral has when it follows this earlier case. */
const basisFollowing = (earlier: CaseView | undefined): string | undefined =>
  earlier?.programme === 'restorative-justice' ? 'completed-restorative-justice' : earlier?.programme === 'conditional-caution' ? 'completed-conditional-caution' : undefined;
