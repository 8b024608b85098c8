import { CalendarDate, Programme, programmes } from '@safer-cases/domain';
import type { TargetsReport } from '@safer-cases/projections/targets';
import { WebApi } from '../web-api';
import { WebRequest } from '../web-request';
import { Period, trendSteps } from './dashboard.period';
import { ProgrammeFigures } from './dashboard.tiles';

/** At most this many API calls at once: the trend charts take two per month per programme, and the API's pool is small. */
const parallelCalls = 4;

const inTurns = async <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelCalls, items.length) }, worker));
  return results;
};

type TargetsCall = { programme: Programme; from: CalendarDate; to: CalendarDate; asOf: CalendarDate };

const key = (call: TargetsCall): string => `${call.programme} ${call.from} ${call.to} ${call.asOf}`;

/** Every programme's figures for the period as of today: what the tiles and the CSV show. */
export const readReports = (api: WebApi, request: WebRequest, period: Period, today: CalendarDate): Promise<TargetsReport[]> =>
  inTurns(programmes, (programme) => api.get<TargetsReport>(request, '/api/targets', { programme, from: period.from, to: period.to, asOf: today }));

/**
 * Every programme's figures, with its trend: per step, the period as of the step's last day and
 * the step alone as known today. Each figure is one GET /api/targets answer; a call asked twice
 * (the current step "to date" is the period as of today) is made once.
 */
export const readProgrammeFigures = async (api: WebApi, request: WebRequest, period: Period, today: CalendarDate): Promise<ProgrammeFigures[]> => {
  const steps = trendSteps(period, today);
  const plans = programmes.map((programme) => ({
    programme,
    report: { programme, from: period.from, to: period.to, asOf: today },
    toDate: steps.map((step) => ({ programme, from: period.from, to: period.to, asOf: step.asOf })),
    byStep: steps.map((step) => ({ programme, from: step.start, to: step.end, asOf: today })),
  }));
  const calls = new Map<string, TargetsCall>();
  for (const plan of plans) for (const call of [plan.report, ...plan.toDate, ...plan.byStep]) calls.set(key(call), call);
  const unique = [...calls.values()];
  const answers = await inTurns(unique, (call) => api.get<TargetsReport>(request, '/api/targets', call));
  const answerOf = new Map(unique.map((call, index) => [key(call), answers[index]]));
  const answer = (call: TargetsCall): TargetsReport => {
    const found = answerOf.get(key(call));
    if (found === undefined) throw new Error(`No answer was read for ${key(call)}`);
    return found;
  };
  return plans.map((plan) => ({ programme: plan.programme, report: answer(plan.report), steps, toDate: plan.toDate.map(answer), byStep: plan.byStep.map(answer) }));
};
