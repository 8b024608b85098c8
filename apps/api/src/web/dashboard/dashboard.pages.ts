import { BadRequestException, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../shared/clock';
import { FormBody } from '../forms';
import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';
import { WebRequest } from '../web-request';
import { renderTrendChart } from './dashboard.chart';
import { csvFileName, figuresCsv } from './dashboard.csv';
import { readProgrammeFigures, readReports } from './dashboard.figures';
import { describeChoice, financialYearChoices, isWholeFinancialYear, PeriodReading, periodOf, periodQuery, quarterChoices, readPeriodChoice } from './dashboard.period';
import { programmeView } from './dashboard.tiles';

/** The query string's single values, as the picker's form fields. */
const queryOf = (request: WebRequest): FormBody => Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/**
 * The commissioners' live targets dashboard. Every figure on it is an answer of GET
 * /api/targets, asked with the commissioner's own token: counts and rates only, no personal data.
 */
@WebPages('dashboard', ['commissioner'])
export class DashboardPagesController {
  constructor(
    private readonly api: WebApi,
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
    const figures = await readProgrammeFigures(this.api, request, period, today);
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
    const reports = await readReports(this.api, request, period, today);
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
