import {
  addDays,
  CalendarDate,
  caseStreamId,
  communityCoachingDecider,
  CommunityCoachingCommand,
  Eligibility,
  LinkedCaseFacts,
  volunteerDecider,
  volunteerStreamId,
} from '@safer-cases/domain';
import { caseStream, CompletedCase, History, maybeReoffend, newId, reference } from './history';

const indicators = ['regular truancy', 'school suspension', 'police contact', 'council contact', 'missing from home'];
const sessionHours = [1, 1.5, 1.75, 2, 2, 2.25, 2.5, 3];

/**
 * A coaching case: referred for a risk of offending or after a completed restorative-justice or
 * conditional-caution case of the same person, a trained Home-Start coach with room (taken on
 * the coach's own stream, as the API does), the intervention with weekly sessions, completion
 * or withdrawal (the coach released), closure; sometimes a reoffence.
 */
export const referCommunityCoaching = (history: History, referredOn: CalendarDate): void => {
  const { world, calendar, coaches } = history;
  const { random } = world;
  const caseId = newId();
  const linked: CompletedCase | undefined = random.chance(0.2) && history.completed.length > 0 ? takeRandom(history) : undefined;
  const personId = linked?.personId ?? newId();
  const eligibility: Eligibility = linked
    ? { basis: linked.programme === 'restorative-justice' ? 'completed-restorative-justice' : 'completed-conditional-caution', linkedCaseId: linked.caseId }
    : { basis: 'risk-identified', indicators: [random.pick(indicators), ...(random.chance(0.4) ? [random.pick(indicators)] : [])] };
  const linkedCase: LinkedCaseFacts | undefined = linked && { exists: true, programme: linked.programme, personId, completed: true };
  const organisation = random.pick(['police', 'council', 'council', 'probation'] as const);
  const command: CommunityCoachingCommand = {
    type: 'ReferCase',
    data: { caseId, programme: 'community-coaching', referredOn, referrer: { organisation, reference: reference(history) }, personId, eligibility, linkedCase, today: referredOn },
  };
  world.decide(communityCoachingDecider, caseStreamId(caseId), command, `${organisation}.officer`);
  const stream = caseStream(history, communityCoachingDecider, caseId, 'home-start.coaching-coordinator');
  maybeReoffend(history, caseId, referredOn, 0.07, (offenceDate, today) => stream.decide({ type: 'RecordReoffence', data: { caseId, offenceDate, today } }));

  const close = (after: CalendarDate, reason?: string): void =>
    calendar.at(addDays(after, random.int(7, 30)), (today) => stream.decide({ type: 'CloseCase', data: { caseId, closedOn: today, reason, today } }));

  const assign = (today: CalendarDate): void => {
    const [volunteerId] = coaches.available(today, 1, (id) => coaches.carries(id, today) < 4);
    if (volunteerId === undefined) return addDays(today, -60) > referredOn ? close(today, 'no coach available') : calendar.at(addDays(today, 7), assign);
    const correlationId = newId();
    const taken = world.attempt(
      volunteerDecider,
      volunteerStreamId(volunteerId),
      { type: 'TakeCoachingCase', data: { volunteerId, caseId, takenOn: today, today } },
      'home-start.coaching-coordinator',
      correlationId,
    );
    if (taken === undefined) return calendar.at(addDays(today, 1), assign);
    stream.decide({ type: 'AssignCoach', data: { caseId, volunteerId, assignedOn: today, coach: coaches.coachFacts(volunteerId), today } }, correlationId);
    calendar.at(addDays(today, random.int(1, 10)), (startedOn) => start(volunteerId, startedOn));
  };

  const end = (volunteerId: string, on: CalendarDate, ending: (correlationId: string) => void): void => {
    const correlationId = newId();
    ending(correlationId);
    world.decide(
      volunteerDecider,
      volunteerStreamId(volunteerId),
      { type: 'ReleaseCoachingCase', data: { volunteerId, caseId, releasedOn: on, today: on } },
      'home-start.coaching-coordinator',
      correlationId,
    );
    close(on);
  };

  const start = (volunteerId: string, startedOn: CalendarDate): void => {
    stream.decide({ type: 'StartIntervention', data: { caseId, startedOn, today: startedOn } });
    const sessions = random.int(7, 12);
    const withdrawnAfter = random.chance(0.12) ? random.int(1, sessions - 1) : undefined;
    let sessionOn = startedOn;
    for (let n = 1; n <= (withdrawnAfter ?? sessions); n++) {
      sessionOn = addDays(startedOn, 7 * (n - 1) + random.int(0, 2));
      const hours = random.pick(sessionHours);
      calendar.at(sessionOn, (today) => stream.decide({ type: 'LogCoachingSession', data: { caseId, sessionOn: today, hours, today } }));
    }
    const endOn = addDays(sessionOn, random.int(1, 7));
    calendar.at(endOn, (on) =>
      end(volunteerId, on, (correlationId) =>
        withdrawnAfter === undefined
          ? stream.decide({ type: 'CompleteIntervention', data: { caseId, completedOn: on, today: on } }, correlationId)
          : stream.decide({ type: 'WithdrawIntervention', data: { caseId, on, reason: 'moved away', today: on } }, correlationId),
      ),
    );
  };

  calendar.at(addDays(referredOn, random.int(2, 14)), assign);
};

const takeRandom = (history: History): CompletedCase => {
  const index = history.world.random.int(0, history.completed.length - 1);
  const [taken] = history.completed.splice(index, 1);
  return taken;
};
