import { ForbiddenException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { allowedSteps, caseDecider, fold, RestorativeJusticeCommand, restorativeJusticeDecider, RestorativeJusticeEvent } from '@safer-cases/domain';
import { ruleOf } from '../../auth/policy';
import { CaseCommands } from '../../cases/case-commands';
import { validationPipe } from '../../http/validation';
import { RestorativeJusticeCommands } from '../../restorative-justice/restorative-justice.commands';
import { Recorder } from '../../shared/recorder';
import { FormBody } from '../forms';
import { CaseStepServices } from '../submit';
import { facilitatorChoices, offeredSteps, reparationTerms, RjStep, rjSteps, shortReference, stepForms } from './restorative-justice.steps';

const caseId = '5b0c7e9a-0000-4000-8000-000000000001';
const facilitatorId = '5b0c7e9a-0000-4000-8000-0000000000f1';
const today = '2026-11-22';
const stepOn = '2026-11-20';

const referred: RestorativeJusticeEvent = {
  type: 'CaseReferred',
  data: { caseId, programme: 'restorative-justice', referredOn: '2026-10-01', referrer: { organisation: 'police' }, personId: '5b0c7e9a-0000-4000-8000-0000000000a1' },
};
const accepted: RestorativeJusticeEvent = { type: 'ReferralAccepted', data: { caseId, acceptedOn: '2026-10-05' } };
const declined: RestorativeJusticeEvent = { type: 'ReferralDeclined', data: { caseId, declinedOn: '2026-10-05', reason: 'no consent' } };
const panelHeld: RestorativeJusticeEvent = { type: 'PanelHeld', data: { caseId, heldOn: '2026-10-10', facilitatorIds: [facilitatorId], victimAttended: true } };
const agreement: RestorativeJusticeEvent = { type: 'OutcomeAgreementReached', data: { caseId, reachedOn: '2026-10-10', reparation: ['apology'] } };
const noAgreement: RestorativeJusticeEvent = { type: 'NoAgreementReached', data: { caseId, on: '2026-10-10', reason: 'none offered' } };
const upheld: RestorativeJusticeEvent = { type: 'OutcomeAgreementUpheld', data: { caseId, on: '2026-11-01' } };
const breached: RestorativeJusticeEvent = { type: 'OutcomeAgreementBreached', data: { caseId, on: '2026-11-01', reason: 'no apology' } };
const surveyed: RestorativeJusticeEvent = { type: 'VictimSatisfactionRecorded', data: { caseId, surveyedOn: '2026-10-12', satisfied: true } };
const closed: RestorativeJusticeEvent = { type: 'CaseClosed', data: { caseId, closedOn: '2026-11-02' } };

/** Each step as the decider's command, dated after anything the histories below hold. */
const commandOf: Record<RjStep, RestorativeJusticeCommand> = {
  accept: { type: 'AcceptReferral', data: { caseId, acceptedOn: stepOn, today } },
  decline: { type: 'DeclineReferral', data: { caseId, declinedOn: stepOn, reason: 'no consent', today } },
  panel: {
    type: 'HoldPanel',
    data: {
      caseId,
      heldOn: stepOn,
      facilitatorIds: [facilitatorId],
      victimAttended: true,
      facilitators: [{ volunteerId: facilitatorId, exists: true, organisation: 'victim-support', trainedOn: '2026-01-01' }],
      today,
    },
  },
  agreement: { type: 'ReachAgreement', data: { caseId, reachedOn: stepOn, reparation: ['apology'], today } },
  'no-agreement': { type: 'RecordNoAgreement', data: { caseId, on: stepOn, reason: 'none offered', today } },
  upheld: { type: 'UpholdAgreement', data: { caseId, on: stepOn, today } },
  breached: { type: 'RecordAgreementBreached', data: { caseId, on: stepOn, reason: 'no apology', today } },
  survey: { type: 'RecordVictimSatisfaction', data: { caseId, surveyedOn: stepOn, satisfied: true, today } },
  close: { type: 'CloseCase', data: { caseId, closedOn: stepOn, today } },
};

const histories: Record<string, RestorativeJusticeEvent[]> = {
  referred: [referred],
  declined: [referred, declined],
  accepted: [referred, accepted],
  'panel held': [referred, accepted, panelHeld],
  'panel held, victim surveyed': [referred, accepted, panelHeld, surveyed],
  'no agreement': [referred, accepted, panelHeld, noAgreement],
  'agreement reached': [referred, accepted, panelHeld, agreement],
  'agreement reached, victim surveyed': [referred, accepted, panelHeld, agreement, surveyed],
  'agreement upheld': [referred, accepted, panelHeld, agreement, upheld],
  'agreement upheld, victim surveyed': [referred, accepted, panelHeld, agreement, upheld, surveyed],
  'agreement breached': [referred, accepted, panelHeld, agreement, breached],
  'closed after the panel': [referred, accepted, panelHeld, closed],
  'closed when referred': [referred, closed],
};

/** What the case page offers for the history: the steps the case decider allows today, kept to this page's. */
const offeredFor = (events: RestorativeJusticeEvent[]): RjStep[] =>
  offeredSteps({ allowedSteps: allowedSteps(events.reduce(caseDecider.evolve, caseDecider.initialState()), today) });

const decidable = (events: RestorativeJusticeEvent[], step: RjStep): boolean => {
  try {
    restorativeJusticeDecider.decide(commandOf[step], fold(restorativeJusticeDecider, events));
    return true;
  } catch {
    return false;
  }
};

describe('the steps a restorative-justice case offers next', () => {
  it.each(Object.entries(histories))('offers, when %s, exactly the steps the rules accept', (_name, events) => {
    expect(offeredFor(events)).toEqual(rjSteps.filter((step) => decidable(events, step)));
  });

  it('offers a referral’s decision first, and closing at any time while open', () => {
    expect(offeredFor([referred])).toEqual(['accept', 'decline', 'close']);
    expect(offeredFor([referred, declined])).toEqual(['close']);
  });

  it('offers the victim survey once, only after the panel', () => {
    expect(offeredFor([referred, accepted])).toEqual(['panel', 'close']);
    expect(offeredFor([referred, accepted, panelHeld])).toEqual(['agreement', 'no-agreement', 'survey', 'close']);
    expect(offeredFor([referred, accepted, panelHeld, agreement, surveyed])).toEqual(['upheld', 'breached', 'close']);
    expect(offeredFor([referred, accepted, panelHeld, agreement, upheld])).toEqual(['survey', 'close']);
  });

  it('offers nothing on a closed case', () => {
    expect(offeredFor([referred, accepted, panelHeld, closed])).toEqual([]);
  });
});

describe('what each step’s form sends', () => {
  it('sends a panel’s date, its picked facilitators and whether the victim attended', () => {
    const body = stepForms.panel.body({ 'heldOn-day': '3', 'heldOn-month': '11', 'heldOn-year': '2026', facilitatorIds: ['a', 'b'], victimAttended: 'no' });
    expect(body).toEqual({ heldOn: '2026-11-03', facilitatorIds: ['a', 'b'], victimAttended: false });
  });

  it('sends the steps dated by `on` from inputs of their own, so that forms sharing a page do not clash', () => {
    expect(stepForms.breached.body({ 'breachedOn-day': '1', 'breachedOn-month': '2', 'breachedOn-year': '2026', breachReason: ' no apology ' })).toEqual({
      on: '2026-02-01',
      reason: 'no apology',
    });
    expect(stepForms.breached.labels.on.id).toBe('breachedOn-day');
    const inputIds = Object.values(stepForms).flatMap((form) => Object.values(form.labels).map((label) => label.id));
    expect(new Set(inputIds).size).toBe(inputIds.length);
  });

  it('sends a survey’s score only when one is given', () => {
    expect(stepForms.survey.body({ 'surveyedOn-day': '5', 'surveyedOn-month': '1', 'surveyedOn-year': '2026', satisfied: 'yes', score: '4' })).toEqual({
      surveyedOn: '2026-01-05',
      satisfied: true,
      score: 4,
    });
    expect(stepForms.survey.body({ satisfied: 'no', score: '' })).toEqual({ surveyedOn: undefined, satisfied: false, score: undefined });
  });

  it('reads reparation terms one a line, leaving blank lines out', () => {
    expect(reparationTerms({ reparation: 'written apology\r\n\r\n  repaint the bus shelter  \n' })).toEqual(['written apology', 'repaint the bus shelter']);
    expect(reparationTerms({})).toEqual([]);
  });
});

/** Each step's form as a coordinator fills it in. */
const filledIn: Record<RjStep, FormBody> = {
  accept: { 'acceptedOn-day': '20', 'acceptedOn-month': '11', 'acceptedOn-year': '2026' },
  decline: { 'declinedOn-day': '20', 'declinedOn-month': '11', 'declinedOn-year': '2026', declineReason: 'no consent' },
  panel: { 'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', facilitatorIds: [facilitatorId], victimAttended: 'yes' },
  agreement: { 'reachedOn-day': '20', 'reachedOn-month': '11', 'reachedOn-year': '2026', reparation: 'written apology' },
  'no-agreement': { 'noAgreementOn-day': '20', 'noAgreementOn-month': '11', 'noAgreementOn-year': '2026', noAgreementReason: 'none offered' },
  upheld: { 'upheldOn-day': '20', 'upheldOn-month': '11', 'upheldOn-year': '2026' },
  breached: { 'breachedOn-day': '20', 'breachedOn-month': '11', 'breachedOn-year': '2026', breachReason: 'no apology' },
  survey: { 'surveyedOn-day': '20', 'surveyedOn-month': '11', 'surveyedOn-year': '2026', satisfied: 'yes', score: '4' },
  close: { 'closedOn-day': '20', 'closedOn-month': '11', 'closedOn-year': '2026', closeReason: 'moved away' },
};

/**
 * The real command services; what they record with is left empty, since the policy is asked
 * before any of it is used.
 */
const commandServices = async (): Promise<CaseStepServices> => {
  const testing = await Test.createTestingModule({ providers: [CaseStepServices, CaseCommands, RestorativeJusticeCommands] })
    .useMocker(() => ({}))
    .compile();
  return testing.get(CaseStepServices);
};

const refusalOf = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('where each step’s form goes', () => {
  it.each(rjSteps)('makes of a filled-in %s form valid input for its request class', async (step) => {
    const { body, request } = stepForms[step];
    await expect(validationPipe.transform(body(filledIn[step]), { type: 'body', metatype: request })).resolves.toBeInstanceOf(request);
  });

  it.each(rjSteps)('names for %s a use case the policy opens to the coordinator', (step) => {
    expect(ruleOf(stepForms[step].key)).toMatchObject({ roles: expect.arrayContaining(['rj-coordinator']) });
  });

  it.each(rjSteps)('sends %s to the command service that asks the policy about the same use case', async (step) => {
    const form = stepForms[step];
    const input: unknown = await validationPipe.transform(form.body(filledIn[step]), { type: 'body', metatype: form.request });
    const commissioner: Recorder = {
      recordedBy: 'a.commissioner',
      correlationId: 'correlation',
      actor: { userId: caseId, username: 'a.commissioner', role: 'commissioner', organisation: 'council' },
    };
    const refusal = await refusalOf(async () => form.send(await commandServices(), commissioner, caseId, input as never));
    expect(refusal).toBeInstanceOf(ForbiddenException);
    expect((refusal as Error).message).toContain(`(${form.key})`);
  });
});

describe('the volunteers a panel may be given', () => {
  it('lists those trained and not left, in roster order', () => {
    const roster = [
      { volunteerId: 'a', status: 'recruited', recruitedOn: '2026-01-01' },
      { volunteerId: 'b', status: 'trained', recruitedOn: '2026-01-01', trainedOn: '2026-02-01' },
      { volunteerId: 'c', status: 'left', recruitedOn: '2026-01-01', trainedOn: '2026-02-01', leftOn: '2026-06-01' },
      { volunteerId: 'd', status: 'left', recruitedOn: '2026-01-01', leftOn: '2026-03-01' },
      { volunteerId: 'e', status: 'trained', recruitedOn: '2026-03-01', trainedOn: '2026-04-01' },
    ];
    expect(facilitatorChoices(roster).map((volunteer) => volunteer.volunteerId)).toEqual(['b', 'e']);
  });

  it('names a volunteer or case by the first eight characters of its id', () => {
    expect(shortReference('3f2a9c1e-0000-4000-8000-000000000001')).toBe('3f2a9c1e');
  });
});
