import { randomUUID } from 'node:crypto';
import { addDays, CalendarDate, caseStreamId, Command, Decider, Event, Programme } from '@safer-cases/domain';
import { Courses } from './courses';
import { VolunteerPool } from './volunteers';
import { Calendar, World } from './world';

/** A case whose programme's work was completed: the pathway into coaching may name it. */
export type CompletedCase = { caseId: string; programme: Programme; personId: string };

export type History = {
  world: World;
  calendar: Calendar;
  courses: Courses;
  facilitators: VolunteerPool;
  coaches: VolunteerPool;
  completed: CompletedCase[];
};

/** Commands on one case stream, through its programme's decider. */
export const caseStream = <C extends Command, E extends Event, S>(history: History, decider: Decider<C, E, S>, caseId: string, recorder: string) => {
  const streamId = caseStreamId(caseId);
  return {
    decide: (command: C, correlationId?: string): E[] => history.world.decide(decider, streamId, command, recorder, correlationId),
    attempt: (command: C, correlationId?: string): E[] | undefined => history.world.attempt(decider, streamId, command, recorder, correlationId),
    state: (): S => history.world.state(decider, streamId),
  };
};

export const referrers = ['police', 'police', 'police', 'probation', 'council'] as const;

export const reference = (history: History): string => `REF/${history.world.random.int(100000, 999999)}`;

/** Reoffending, found out (and recorded) some while after the offence, often once the case is closed. */
export const maybeReoffend = (
  history: History,
  caseId: string,
  referredOn: CalendarDate,
  probability: number,
  record: (offenceDate: CalendarDate, today: CalendarDate) => void,
): void => {
  const { random } = history.world;
  if (!random.chance(probability)) return;
  const offenceDate = addDays(referredOn, random.int(20, 600));
  history.calendar.at(addDays(offenceDate, random.int(0, 45)), (today) => record(offenceDate, today));
};

export const newId = (): string => randomUUID();
