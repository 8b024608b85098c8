import { BadRequestException, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../../auth/actor';
import { Clock } from '../../shared/clock';
import { TargetsQueries } from '../../targets/targets.queries';
import { FormBody } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { SignInRequired } from '../web.guard';
import { renderTrendChart } from './dashboard.chart';
import { csvFileName, figuresCsv } from './dashboard.csv';
import { readProgrammeFigures, readReports } from './dashboard.figures';
import { describeChoice, financialYearChoices, isWholeFinancialYear, PeriodReading, periodOf, periodQuery, quarterChoices, readPeriodChoice } from './dashboard.period';
import { programmeView } from './dashboard.tiles';

/** The signed-in commissioner or provider, whom the guard has already let through. */
const actorOf = (request: WebRequest): Actor => {
  if (!request.webActor) throw new SignInRequired(request.originalUrl);
  return request.webActor;
};

/** The query string's single values, as the picker's form fields. */
const queryOf = (request: WebRequest): FormBody => Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/**
 * The live targets dashboard: a commissioner's of every programme, a provider's coordinator's of
 * their own programme. Every figure on it is GET /api/targets' figure, from the same queries
 * called in process for the signed-in user: counts and rates only, no personal data.
 */
@WebPages('dashboard', ['commissioner', 'rj-coordinator', 'caution-officer', 'coaching-coordinator'])
export class DashboardPagesController {
  constructor(
    private readonly targets: TargetsQueries,
    private readonly clock: Clock,
  ) {}

  @Get()
  async dashboard(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const today = this.clock.today();
    const reading = readPeriodChoice(queryOf(request), today);
    const picker = this.picker(reading, today);
    if (reading.errors) {
      response.status(400).render('dashboard/dashboard', { ...picker, errors: reading.errors });
      return;
    }
    const period = periodOf(reading.choice);
    const figures = await readProgrammeFigures(this.targets, actorOf(request), period, today);
    const programmes = figures.map(programmeView).map((view) => ({
      ...view,
      tiles: view.tiles.map((tile) => ({ ...tile, chartSvg: tile.trend ? renderTrendChart(tile.trend.chart) : undefined })),
    }));
    response.render('dashboard/dashboard', {
      ...picker,
      today,
      period,
      periodWords: describeChoice(reading.choice),
      wholeYear: isWholeFinancialYear(period),
      csvHref: `/dashboard/figures.csv?${periodQuery(reading.choice)}`,
      programmes,
    });
  }

  @Get('figures.csv')
  async figures(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const today = this.clock.today();
    const reading = readPeriodChoice(queryOf(request), today);
    if (reading.errors) {
      throw new BadRequestException({
        message: `The period is not right: ${reading.errors.summary.map((item) => item.text).join('; ')}. Choose it again on the dashboard.`,
        code: 'invalid-period',
      });
    }
    const period = periodOf(reading.choice);
    const reports = await readReports(this.targets, actorOf(request), period, today);
    response.status(200).attachment(csvFileName(period.from, period.to)).type('text/csv; charset=utf-8').send(figuresCsv(reports));
  }

  private picker(reading: PeriodReading, today: string) {
    return {
      form: reading.form,
      years: financialYearChoices(today, reading.form.year),
      quarters: quarterChoices(reading.form.quarter),
    };
  }
}
