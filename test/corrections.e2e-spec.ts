import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { Role } from '../apps/api/src/auth/actor';
import { expectAccepted, expectRefused } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';

const today = '2015-12-31';

type CaseView = {
  status: string;
  closed: boolean;
  allowedSteps: string[];
  strikeable: number[];
  history: { revision: number; type: string; data: Record<string, unknown>; struckOut?: Record<string, unknown> }[];
};
type CoachingSpell = { caseId: string; takenOn: string; releasedOn?: string };

/** Striking out entries recorded in error, and reopening a closed case (DOMAIN.md "Corrections"; API.md 1.1). */
describe('corrections through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);
  const as = (role: Role, organisation?: string) => app.as(role, organisation as never);
  const view = async (caseId: string, role: Role = 'rj-coordinator'): Promise<CaseView> => {
    const response = await as(role).get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body as CaseView;
  };
  const strike = (role: Role, caseId: string, revision: number, reason = 'Recorded in error') => as(role).post(`/api/cases/${caseId}/corrections`).send({ revision, reason });

  const refer = async (programme: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const caseId = randomUUID();
    await accepted(
      as('referrer', 'police')
        .post('/api/cases')
        .send({
          caseId,
          programme,
          referredOn: '2015-11-02',
          referrer: { organisation: 'police' },
          subject: { givenName: 'Sam' },
          offence: { type: 'theft', date: '2015-11-01' },
          ...extra,
        }),
    );
    return caseId;
  };

  const facilitator = async (): Promise<string> => {
    const volunteerId = randomUUID();
    await accepted(as('rj-coordinator').post('/api/volunteers').send({ volunteerId, organisation: 'victim-support', recruitedOn: '2015-01-05' }));
    await accepted(as('rj-coordinator').post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn: '2015-02-01' }));
    return volunteerId;
  };

  it('strikes the latest step, so the case is as if it had never been recorded, and shows the strike in the history', async () => {
    const caseId = await refer('restorative-justice');
    await accepted(as('rj-coordinator').post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2015-11-05' }));
    await accepted(
      as('rj-coordinator')
        .post(`/api/cases/${caseId}/panel`)
        .send({ heldOn: '2015-11-20', facilitatorIds: [await facilitator()], victimAttended: true }),
    );
    const held = await view(caseId);
    expect(held.status).toBe('panel-held');
    expect(held.strikeable).toEqual([2]);

    await expectRefused(app, () => strike('rj-coordinator', caseId, 1), 422, 'strike-latest-step-first');
    await accepted(strike('rj-coordinator', caseId, 2, 'Panel recorded on the wrong case'));

    const struck = await view(caseId);
    expect(struck.status).toBe('accepted');
    expect(struck.allowedSteps).toContain('panel');
    expect(struck.history.at(-1)).toMatchObject({ revision: 3, type: 'EntryStruckOut', data: { caseId, revision: 2, reason: 'Panel recorded on the wrong case' } });
    expect(struck.history[2]).toMatchObject({
      revision: 2,
      type: 'PanelHeld',
      struckOut: { revision: 3, reason: 'Panel recorded on the wrong case', recordedBy: 'rj-coordinator' },
    });
    expect(struck.history[1].struckOut).toBeUndefined();
    expect(struck.strikeable).toEqual([1]);
    await expectRefused(app, () => strike('rj-coordinator', caseId, 2), 422, 'entry-already-struck');

    // Then the step before it, which is now the latest.
    await accepted(strike('rj-coordinator', caseId, 1));
    expect((await view(caseId)).status).toBe('referred');
  });

  it('never strikes the referral, an entry that does not exist, or a strike', async () => {
    const caseId = await refer('restorative-justice');
    await accepted(as('rj-coordinator').post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2015-11-05' }));
    await accepted(strike('rj-coordinator', caseId, 1));
    await expectRefused(app, () => strike('rj-coordinator', caseId, 0), 422, 'referral-cannot-be-struck');
    await expectRefused(app, () => strike('rj-coordinator', caseId, 9), 404, 'entry-not-found');
    await expectRefused(app, () => strike('rj-coordinator', caseId, 2), 422, 'entry-cannot-be-struck');
    await expectRefused(app, () => strike('rj-coordinator', randomUUID(), 1), 404, 'case-not-found');
  });

  it('refuses a reason that is missing or blank, and a revision that is not a whole number, at the edge', async () => {
    const caseId = await refer('restorative-justice');
    await expectRefused(app, () => as('rj-coordinator').post(`/api/cases/${caseId}/corrections`).send({ revision: 1 }), 400, 'invalid-request');
    await expectRefused(app, () => strike('rj-coordinator', caseId, 1, '   '), 400, 'invalid-request');
    await expectRefused(app, () => as('rj-coordinator').post(`/api/cases/${caseId}/corrections`).send({ revision: 1.5, reason: 'x' }), 400, 'invalid-request');
  });

  it('lets whoever may record an entry strike it: the referrer its reoffences, in any order, and no coordinator', async () => {
    const caseId = await refer('restorative-justice');
    await accepted(as('referrer', 'police').post(`/api/cases/${caseId}/reoffences`).send({ offenceDate: '2015-12-01' }));
    await accepted(as('referrer', 'police').post(`/api/cases/${caseId}/reoffences`).send({ offenceDate: '2015-12-02' }));
    await expectRefused(app, () => strike('rj-coordinator', caseId, 1), 403, 'forbidden');
    await accepted(strike('referrer', caseId, 1, 'Another person'));
    await accepted(strike('referrer', caseId, 2, 'Another person'));
    // A referrer may not strike a coordinator's step.
    await accepted(as('rj-coordinator').post(`/api/cases/${caseId}/acceptance`).send({ acceptedOn: '2015-11-05' }));
    await expectRefused(app, () => strike('referrer', caseId, 5), 403, 'forbidden');
  });

  it('reopens a closed case for its coordinator, and only a closed one', async () => {
    const caseId = await refer('restorative-justice');
    await expectRefused(app, () => as('rj-coordinator').post(`/api/cases/${caseId}/reopening`).send({ on: '2015-12-01', reason: 'Closed by mistake' }), 422, 'case-not-closed');
    await accepted(as('rj-coordinator').post(`/api/cases/${caseId}/closure`).send({ closedOn: '2015-11-10' }));
    expect((await view(caseId)).allowedSteps).toEqual(['reoffence']);
    await expectRefused(app, () => as('referrer', 'police').post(`/api/cases/${caseId}/reopening`).send({ on: '2015-12-01', reason: 'x' }), 403, 'forbidden');
    await expectRefused(app, () => as('rj-coordinator').post(`/api/cases/${caseId}/reopening`).send({ on: '2015-11-09', reason: 'x' }), 422, 'date-before-previous-step');
    await accepted(as('rj-coordinator').post(`/api/cases/${caseId}/reopening`).send({ on: '2015-12-01', reason: 'Closed by mistake' }));
    const reopened = await view(caseId);
    expect(reopened.closed).toBe(false);
    expect(reopened.allowedSteps).toEqual(['accept', 'decline', 'close', 'reoffence']);
  });

  it('gives a struck booking’s place back to its course, and takes it again when the cancellation is struck', async () => {
    const courseId = randomUUID();
    await accepted(as('caution-officer').post('/api/courses').send({ courseId, date: '2015-12-10', capacity: 2 }));
    const caseId = await refer('conditional-caution');
    const placesLeft = async (): Promise<number> => (await as('caution-officer').get(`/api/courses/${courseId}`)).body.placesLeft as number;
    await accepted(as('caution-officer').post(`/api/cases/${caseId}/booking`).send({ courseId }));
    expect(await placesLeft()).toBe(1);
    await accepted(strike('caution-officer', caseId, 1, 'Booked the wrong person'));
    expect(await placesLeft()).toBe(2);
    expect((await view(caseId, 'caution-officer')).status).toBe('referred');

    await accepted(as('caution-officer').post(`/api/cases/${caseId}/booking`).send({ courseId }));
    await accepted(as('caution-officer').delete(`/api/cases/${caseId}/booking`));
    expect(await placesLeft()).toBe(2);
    await accepted(strike('caution-officer', caseId, 4, 'Cancelled by mistake'));
    expect(await placesLeft()).toBe(1);
    expect((await view(caseId, 'caution-officer')).status).toBe('booked');
  });

  it('frees the coach of a struck assignment, and gives a case back to its coach when its completion is struck', async () => {
    const coachId = randomUUID();
    await accepted(as('coaching-coordinator').post('/api/volunteers').send({ volunteerId: coachId, organisation: 'home-start', recruitedOn: '2015-01-05' }));
    await accepted(as('coaching-coordinator').post(`/api/volunteers/${coachId}/training`).send({ trainedOn: '2015-02-01' }));
    const spells = async (): Promise<CoachingSpell[]> => (await as('coaching-coordinator').get(`/api/volunteers/${coachId}`)).body.coachingSpells as CoachingSpell[];
    const caseId = await refer('community-coaching', { offence: undefined, eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] } });

    await accepted(as('coaching-coordinator').post(`/api/cases/${caseId}/coach`).send({ volunteerId: coachId, assignedOn: '2015-11-05' }));
    await accepted(strike('coaching-coordinator', caseId, 1, 'Wrong coach'));
    expect(await spells()).toEqual([{ caseId, takenOn: '2015-11-05', releasedOn: '2015-11-05' }]);

    await accepted(as('coaching-coordinator').post(`/api/cases/${caseId}/coach`).send({ volunteerId: coachId, assignedOn: '2015-11-06' }));
    await accepted(as('coaching-coordinator').post(`/api/cases/${caseId}/intervention/start`).send({ startedOn: '2015-11-07' }));
    await accepted(as('coaching-coordinator').post(`/api/cases/${caseId}/intervention/completion`).send({ completedOn: '2015-12-01' }));
    expect((await spells()).at(-1)).toEqual({ caseId, takenOn: '2015-11-06', releasedOn: '2015-12-01' });
    await accepted(strike('coaching-coordinator', caseId, 5, 'Not finished yet'));
    expect((await view(caseId, 'coaching-coordinator')).status).toBe('intervention-open');
    expect((await spells()).at(-1)).toEqual({ caseId, takenOn: '2015-12-01' });
  });
});
