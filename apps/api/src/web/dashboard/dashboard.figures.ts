import { CalendarDate } from '@safer-cases/domain';
import type { TargetsReport, TargetsWindow } from '@safer-cases/projections/targets';
import { Actor } from '../../auth/actor';
import { TargetsQueries } from '../../targets/targets.queries';
import { Period, trendSteps } from './dashboard.period';
import { ProgrammeFigures } from './dashboard.tiles';

/** The figures for the period as of today of every programme the actor sees: what the tiles and the CSV show. */
export const readReports = async (targets: TargetsQueries, actor: Actor, period: Period, today: CalendarDate): Promise<TargetsReport[]> =>
  Promise.all(targets.programmesOf(actor).map((programme) => targets.report(actor, { programme, ...period, asOf: today })));

/**
 * The figures of every programme the actor sees (a commissioner all, a provider its own), with
 * its trend: per step, the period as of the step's last day and the step alone as known today.
 * A programme's windows are read together, in one statement.
 */
export const readProgrammeFigures = async (targets: TargetsQueries, actor: Actor, period: Period, today: CalendarDate): Promise<ProgrammeFigures[]> => {
  const steps = trendSteps(period, today);
  const windows: TargetsWindow[] = [
    { ...period, asOf: today },
    ...steps.map((step) => ({ ...period, asOf: step.asOf })),
    ...steps.map((step) => ({ from: step.start, to: step.end, asOf: today })),
  ];
  return Promise.all(
    targets.programmesOf(actor).map(async (programme) => {
      const [report, ...trend] = await targets.reports(actor, programme, windows);
      return { programme, report, steps, toDate: trend.slice(0, steps.length), byStep: trend.slice(steps.length) };
    }),
  );
};
