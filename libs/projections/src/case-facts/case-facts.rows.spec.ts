import { CaseFactsEvent, emptyCaseFacts, emptyVolunteerFacts, evolveCaseFacts, evolveVolunteerFacts, VolunteerFactsEvent } from './case-facts.rows';

const caseId = '00000000-0000-4000-8000-000000000001';
const volunteerId = '00000000-0000-4000-8000-000000000002';
const courseId = '00000000-0000-4000-8000-000000000003';

const foldCase = (events: CaseFactsEvent[]) => events.reduce(evolveCaseFacts, emptyCaseFacts(caseId));
const foldVolunteer = (events: VolunteerFactsEvent[]) => events.reduce(evolveVolunteerFacts, emptyVolunteerFacts(volunteerId));

const referred = (programme: 'restorative-justice' | 'conditional-caution' | 'community-coaching'): CaseFactsEvent => ({
  type: 'CaseReferred',
  data: { caseId, programme, referredOn: '2014-05-01', referrer: { organisation: 'police' }, personId: caseId },
});

describe('case facts', () => {
  it('keeps each restorative-justice step’s business date', () =>
    expect(
      foldCase([
        referred('restorative-justice'),
        { type: 'PanelHeld', data: { caseId, heldOn: '2014-06-02', facilitatorIds: [volunteerId], victimAttended: true } },
        { type: 'OutcomeAgreementReached', data: { caseId, reachedOn: '2014-06-02', reparation: ['apology'] } },
        { type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: '2014-06-09', satisfied: false, score: 2 } },
        { type: 'OutcomeAgreementUpheld', data: { caseId, on: '2014-08-01' } },
      ]),
    ).toEqual({
      ...emptyCaseFacts(caseId),
      programme: 'restorative-justice',
      referred_on: '2014-05-01',
      panel_held_on: '2014-06-02',
      agreement_reached_on: '2014-06-02',
      surveyed_on: '2014-06-09',
      satisfied: false,
      agreement_upheld_on: '2014-08-01',
    }));

  it('keeps the attended course and the completion of a conditional caution', () =>
    expect(
      foldCase([
        referred('conditional-caution'),
        { type: 'CourseAttended', data: { caseId, courseId, attendedOn: '2014-05-20' } },
        { type: 'CourseCompleted', data: { caseId, completedOn: '2014-05-21' } },
      ]),
    ).toEqual({
      ...emptyCaseFacts(caseId),
      programme: 'conditional-caution',
      referred_on: '2014-05-01',
      course_id: courseId,
      course_attended_on: '2014-05-20',
      course_completed_on: '2014-05-21',
    }));

  it('adds up coaching hours in quarter hours', () =>
    expect(
      foldCase([
        referred('community-coaching'),
        { type: 'InterventionStarted', data: { caseId, startedOn: '2014-06-01' } },
        { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2014-06-02', hours: 1.25 } },
        { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2014-06-09', hours: 0.25 } },
        { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2014-06-16', hours: 8 } },
        { type: 'InterventionCompleted', data: { caseId, completedOn: '2014-08-01' } },
      ]),
    ).toEqual({
      ...emptyCaseFacts(caseId),
      programme: 'community-coaching',
      referred_on: '2014-05-01',
      intervention_started_on: '2014-06-01',
      intervention_completed_on: '2014-08-01',
      support_quarter_hours: 38,
    }));

  it('keeps a volunteer’s organisation, training and departure', () =>
    expect(
      foldVolunteer([
        { type: 'VolunteerRecruited', data: { volunteerId, organisation: 'home-start', recruitedOn: '2014-01-06' } },
        { type: 'VolunteerTrained', data: { volunteerId, trainedOn: '2014-01-20' } },
        { type: 'VolunteerLeft', data: { volunteerId, leftOn: '2015-01-20' } },
      ]),
    ).toEqual({ volunteer_id: volunteerId, organisation: 'home-start', trained_on: '2014-01-20', left_on: '2015-01-20' }));
});
