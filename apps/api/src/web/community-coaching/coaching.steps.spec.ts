import { BadRequestException } from '@nestjs/common';
import { allowedSteps, caseDecider, communityCoachingDecider, CommunityCoachingCommand, CommunityCoachingEvent, fold } from '@safer-cases/domain';
import { Role } from '../../auth/actor';
import { CaseCommands } from '../../cases/case-commands';
import { CommunityCoachingCommands } from '../../community-coaching/community-coaching.commands';
import { validationPipe } from '../../http/validation';
import { Recorder } from '../../shared/recorder';
import { FormBody } from '../forms';
import { CaseStepServices } from '../submit';
import { CoachingStep, coachingSteps, offeredSteps, StepForm, stepForms } from './coaching.steps';

const caseId = '7d1e4b2c-0000-4000-8000-000000000001';
const coachId = '7d1e4b2c-0000-4000-8000-0000000000f1';
const today = '2026-11-22';
const stepOn = '2026-11-20';

const referred: CommunityCoachingEvent = {
  type: 'CaseReferred',
  data: {
    caseId,
    programme: 'community-coaching',
    referredOn: '2026-09-01',
    referrer: { organisation: 'council' },
    personId: '7d1e4b2c-0000-4000-8000-0000000000a1',
    eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] },
  },
};
const assigned: CommunityCoachingEvent = { type: 'CoachAssigned', data: { caseId, volunteerId: coachId, assignedOn: '2026-09-05' } };
const started: CommunityCoachingEvent = { type: 'InterventionStarted', data: { caseId, startedOn: '2026-09-08' } };
const session: CommunityCoachingEvent = { type: 'CoachingSessionLogged', data: { caseId, sessionOn: '2026-09-15', hours: 1.5 } };
const completed: CommunityCoachingEvent = { type: 'InterventionCompleted', data: { caseId, completedOn: '2026-11-10' } };
const withdrawn: CommunityCoachingEvent = { type: 'InterventionWithdrawn', data: { caseId, on: '2026-10-10', reason: 'moved away' } };
const closed: CommunityCoachingEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-11-12' } };

/** Each step as the decider's command, dated after anything the histories below hold. */
const commandOf: Record<CoachingStep, CommunityCoachingCommand> = {
  coach: { type: 'AssignCoach', data: { caseId, volunteerId: coachId, assignedOn: stepOn, coach: { exists: true, organisation: 'home-start', trainedOn: '2026-01-01' }, today } },
  start: { type: 'StartIntervention', data: { caseId, startedOn: stepOn, today } },
  session: { type: 'LogCoachingSession', data: { caseId, sessionOn: stepOn, hours: 1, today } },
  complete: { type: 'CompleteIntervention', data: { caseId, completedOn: stepOn, today } },
  withdraw: { type: 'WithdrawIntervention', data: { caseId, on: stepOn, reason: 'moved away', today } },
  close: { type: 'CloseCase', data: { caseId, closedOn: stepOn, today } },
};

const histories: Record<string, CommunityCoachingEvent[]> = {
  referred: [referred],
  'coach assigned': [referred, assigned],
  'intervention open': [referred, assigned, started],
  'intervention open, a session logged': [referred, assigned, started, session],
  completed: [referred, assigned, started, session, completed],
  withdrawn: [referred, assigned, started, withdrawn],
  'closed when referred': [referred, closed],
  'closed after completion': [referred, assigned, started, completed, closed],
};

/** What the case page offers for the history: the steps the case decider allows today, kept to this page's. */
const offeredFor = (events: CommunityCoachingEvent[]): CoachingStep[] =>
  offeredSteps({ allowedSteps: allowedSteps(events.reduce(caseDecider.evolve, caseDecider.initialState()), today) });

const decidable = (events: CommunityCoachingEvent[], step: CoachingStep): boolean => {
  try {
    communityCoachingDecider.decide(commandOf[step], fold(communityCoachingDecider, events));
    return true;
  } catch {
    return false;
  }
};

describe('the steps a coaching case offers next', () => {
  it.each(Object.entries(histories))('offers, when %s, exactly the steps the rules accept', (_name, events) => {
    expect(offeredFor(events)).toEqual(coachingSteps.filter((step) => decidable(events, step)));
  });

  it('offers the quick session log only while the intervention is open', () => {
    expect(offeredFor([referred, assigned, started])).toEqual(['session', 'complete', 'withdraw', 'close']);
    expect(offeredFor([referred, assigned])).toEqual(['start', 'close']);
    expect(offeredFor([referred, assigned, started, session, completed])).toEqual(['close']);
  });

  it('offers nothing on a closed case', () => {
    expect(offeredFor([referred, assigned, started, closed])).toEqual([]);
  });
});

describe('what each step’s form sends to the API', () => {
  it('sends a session’s date and hours, and hours that are not a number as typed, for the API to name', () => {
    expect(stepForms.session.body({ 'sessionOn-day': '3', 'sessionOn-month': '11', 'sessionOn-year': '2026', hours: ' 1.5 ' })).toEqual({ sessionOn: '2026-11-03', hours: 1.5 });
    expect(stepForms.session.body({ hours: 'an hour' })).toEqual({ sessionOn: undefined, hours: 'an hour' });
  });

  it('confirms a session with its hours', () => {
    expect(stepForms.session.done({ hours: '1.5' })).toBe('Session of 1.5 hours logged');
    expect(stepForms.session.done({ hours: '1' })).toBe('Session of 1 hour logged');
  });

  it('sends the chosen coach and the withdrawal’s date and reason from inputs of their own', () => {
    expect(stepForms.coach.body({ volunteerId: coachId, 'assignedOn-day': '1', 'assignedOn-month': '2', 'assignedOn-year': '2026' })).toEqual({
      volunteerId: coachId,
      assignedOn: '2026-02-01',
    });
    expect(stepForms.withdraw.body({ 'withdrawnOn-day': '1', 'withdrawnOn-month': '2', 'withdrawnOn-year': '2026', withdrawReason: ' moved away ' })).toEqual({
      on: '2026-02-01',
      reason: 'moved away',
    });
    expect(stepForms.withdraw.labels.on.id).toBe('withdrawnOn-day');
  });

  it('gives every input of the case page an id of its own, so an error links to the right one', () => {
    const inputIds = Object.values(stepForms).flatMap((form) => Object.values(form.labels).map((label) => label.id));
    expect(new Set(inputIds).size).toBe(inputIds.length);
  });
});

/** Each step's form as a coordinator fills it in, every input given. */
const filledIn: Record<CoachingStep, FormBody> = {
  coach: { volunteerId: coachId, 'assignedOn-day': '20', 'assignedOn-month': '11', 'assignedOn-year': '2026' },
  start: { 'startedOn-day': '20', 'startedOn-month': '11', 'startedOn-year': '2026' },
  session: { 'sessionOn-day': '20', 'sessionOn-month': '11', 'sessionOn-year': '2026', hours: '1.5' },
  complete: { 'completedOn-day': '20', 'completedOn-month': '11', 'completedOn-year': '2026' },
  withdraw: { 'withdrawnOn-day': '20', 'withdrawnOn-month': '11', 'withdrawnOn-year': '2026', withdrawReason: 'moved away' },
  close: { 'closedOn-day': '20', 'closedOn-month': '11', 'closedOn-year': '2026', closeReason: 'family moved' },
};

/** A form's input validated into its request class, as InProcess.input does it for the page. */
const validInput = (form: StepForm<unknown>, body: FormBody): Promise<unknown> =>
  validationPipe.transform(JSON.parse(JSON.stringify(form.body(body) ?? {})), { type: 'body', metatype: form.request });

/**
 * The real command services with none of their dependencies: enough to see which policy key a
 * method asks, since every service method asks the policy before anything else.
 */
const policyOnlyServices = (): CaseStepServices =>
  ({
    cases: Object.create(CaseCommands.prototype) as CaseCommands,
    communityCoaching: Object.create(CommunityCoachingCommands.prototype) as CommunityCoachingCommands,
  }) as CaseStepServices;

type Fake = Record<string, jest.Mock>;

/** A stand-in for each method of a service, answering as a command does. */
const fakeOf = (service: { prototype: object }): Fake =>
  Object.fromEntries(
    Object.getOwnPropertyNames(service.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => [name, jest.fn().mockResolvedValue({ position: '42' })]),
  );

const recorderAs = (role: Role): Recorder => ({
  recordedBy: 'someone',
  correlationId: 'correlation',
  actor: { userId: 'user-1', username: 'someone', role, organisation: role === 'coaching-coordinator' ? 'home-start' : 'police' },
});

describe('what each step runs', () => {
  const forms = Object.entries(stepForms) as [CoachingStep, StepForm<unknown>][];

  it.each(forms)('validates the filled-in %s form into its request class, with no field the request does not know', async (step, form) => {
    expect(await validInput(form, filledIn[step])).toBeInstanceOf(form.request);
  });

  it.each(forms)('names, for an empty %s form, only fields the form has an input for', async (_step, form) => {
    const refusal = await validInput(form, {}).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BadRequestException);
    const { details } = (refusal as BadRequestException).getResponse() as { details: { field: string }[] };
    expect(details.length).toBeGreaterThan(0);
    expect(details.map((detail) => detail.field).filter((field) => !(field in form.labels))).toEqual([]);
  });

  it.each(forms)('sends the %s step to the service method of its own policy key, which refuses a role the key does not allow', async (step, form) => {
    const input = await validInput(form, filledIn[step]);
    // The service refuses before it returns a promise; the page's command is refused all the same.
    await expect((async () => form.send(policyOnlyServices(), recorderAs('referrer'), caseId, input))()).rejects.toThrow(`(${form.key})`);
  });

  it.each(forms)('hands the %s step to exactly one service method, with the recorder, the case and the validated input', async (step, form) => {
    const fakes = { cases: fakeOf(CaseCommands), communityCoaching: fakeOf(CommunityCoachingCommands) };
    const recorder = recorderAs('coaching-coordinator');
    const input = await validInput(form, filledIn[step]);
    await expect(form.send(fakes as unknown as CaseStepServices, recorder, caseId, input)).resolves.toEqual({ position: '42' });
    const called = [...Object.values(fakes.cases), ...Object.values(fakes.communityCoaching)].filter((method) => method.mock.calls.length > 0);
    expect(called.map((method) => method.mock.calls)).toEqual([[[recorder, caseId, input]]]);
  });
});
