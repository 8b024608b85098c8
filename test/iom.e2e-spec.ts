import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { Organisation } from '@safer-cases/domain';
import { sessionCookie } from '../apps/api/src/web/session';
import { expectAccepted, expectRefused } from './support/expectations';
import { startTestApp, TestApp, usernameOf } from './support/test-app';

const today = '2015-12-31';
const tomorrow = '2016-01-01';

/** One member's year: a baseline year of convictions entered after the referral, adoption, an arrest, a later conviction, leaving. */
const on = {
  baselineOffence: '2014-04-10',
  baselineConviction: '2014-05-20',
  secondOffence: '2014-09-01',
  secondConviction: '2014-10-15',
  referred: '2015-03-02',
  adopted: '2015-03-09',
  arrested: '2015-06-01',
  offence: '2015-06-01',
  convicted: '2015-08-03',
  left: '2015-10-01',
  arrestedAfterLeaving: '2015-11-02',
  closed: '2015-11-30',
};

type HistoryEntry = { revision: number; type: string; recordedBy: string; data: Record<string, unknown>; struckOut?: Record<string, unknown> };
type CaseView = { caseId: string; programme: string; status: string; closed: boolean; allowedSteps: string[]; history: HistoryEntry[] };

describe('integrated offender management through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const referral = (organisation: Organisation, extra: Record<string, unknown> = {}) => ({
    programme: 'iom',
    referredOn: on.referred,
    referrer: { organisation, reference: 'IOM 0231' },
    subject: { givenName: 'Dean', familyName: 'Hollis' },
    ...extra,
  });

  const refer = async (organisation: Organisation): Promise<string> =>
    expectAccepted(await app.as('referrer', organisation).post('/api/cases').send(referral(organisation))).body.caseId;

  const step = (caseId: string, path: string, body: Record<string, unknown>, organisation: Organisation = 'police'): Test =>
    app.as('iom-officer', organisation).post(`/api/cases/${caseId}/${path}`).send(body);

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);

  const view = async (caseId: string): Promise<CaseView> => {
    const response = await app.as('iom-officer').get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('walks a cohort member from the referral to leaving, with a baseline year before the referral, and keeps recording after leaving', async () => {
    const caseId = await refer('police');
    expect(await view(caseId)).toMatchObject({ programme: 'iom', status: 'referred', closed: false, allowedSteps: ['adoption', 'comparison', 'conviction', 'arrest', 'close'] });

    await accepted(step(caseId, 'adoption', { adoptedOn: on.adopted }));
    expect(await view(caseId)).toMatchObject({ status: 'cohort-member', allowedSteps: ['exit', 'conviction', 'arrest', 'close'] });

    await accepted(step(caseId, 'convictions', { offenceDate: on.baselineOffence, convictedOn: on.baselineConviction, reference: 'PNC 12/14' }));
    await accepted(step(caseId, 'convictions', { offenceDate: on.secondOffence, convictedOn: on.secondConviction }));
    await accepted(step(caseId, 'arrests', { arrestedOn: on.arrested, reference: 'CUST 881' }));
    await accepted(step(caseId, 'convictions', { offenceDate: on.offence, convictedOn: on.convicted, reference: 'PNC 40/15' }));
    await accepted(step(caseId, 'iom-exit', { leftOn: on.left, reason: 'custody' }));
    expect(await view(caseId)).toMatchObject({ status: 'left', allowedSteps: ['conviction', 'arrest', 'close'] });

    await accepted(step(caseId, 'arrests', { arrestedOn: on.arrestedAfterLeaving }));
    await accepted(app.as('iom-officer', 'probation').post(`/api/cases/${caseId}/closure`).send({ closedOn: on.closed }));

    const closed = await view(caseId);
    expect(closed).toMatchObject({ status: 'left', closed: true, allowedSteps: ['conviction', 'arrest'] });
    expect(closed.history.map((entry) => entry.type)).toEqual([
      'CaseReferred',
      'CohortMemberAdopted',
      'ConvictionRecorded',
      'ConvictionRecorded',
      'ArrestRecorded',
      'ConvictionRecorded',
      'CohortMemberLeft',
      'ArrestRecorded',
      'CaseClosed',
    ]);
    expect(closed.history[0].data).toMatchObject({ programme: 'iom', referredOn: on.referred, referrer: { organisation: 'police', reference: 'IOM 0231' } });
    expect(closed.history[0].data).not.toHaveProperty('offence');
    expect(closed.history[2].data).toEqual({ caseId, offenceDate: on.baselineOffence, convictedOn: on.baselineConviction, reference: 'PNC 12/14' });
    expect(closed.history[3].data).toEqual({ caseId, offenceDate: on.secondOffence, convictedOn: on.secondConviction });
    expect(closed.history[6].data).toEqual({ caseId, leftOn: on.left, reason: 'custody' });
    expect(closed.history.slice(1, 8).map((entry) => entry.recordedBy)).toEqual(Array(7).fill(usernameOf('iom-officer', 'police')));
    expect(closed.history[8].recordedBy).toBe(usernameOf('iom-officer', 'probation'));

    // A conviction is a fact, struck in any order: the first baseline conviction, though later entries stand.
    await accepted(app.as('iom-officer').post(`/api/cases/${caseId}/corrections`).send({ revision: 2, reason: 'Another person’s conviction' }));
    expect((await view(caseId)).history[2].struckOut).toMatchObject({ reason: 'Another person’s conviction' });
  });

  it('follows a comparison member, who is never also adopted, and lists both groups with their statuses', async () => {
    const caseId = await refer('probation');
    await accepted(step(caseId, 'comparison', { assignedOn: '2015-04-01' }, 'probation'));
    expect(await view(caseId)).toMatchObject({ status: 'comparison-member', allowedSteps: ['exit', 'conviction', 'arrest', 'close'] });
    await expectRefused(app, () => step(caseId, 'adoption', { adoptedOn: '2015-04-02' }), 422, 'already-in-comparison-group');
    await expectRefused(app, () => step(caseId, 'comparison', { assignedOn: '2015-04-02' }), 422, 'already-in-comparison-group');
    await accepted(step(caseId, 'iom-exit', { leftOn: '2015-12-01', reason: 'moved-away' }));
    expect(await view(caseId)).toMatchObject({ status: 'left' });

    const adopted = await refer('police');
    await accepted(step(adopted, 'adoption', { adoptedOn: on.adopted }));
    await app.caughtUp();
    const listed = await app.as('iom-officer', 'probation').get('/api/cases?programme=iom&limit=100');
    expect(listed.status).toBe(200);
    const statusOf = (id: string) => listed.body.items.find((item: { caseId: string }) => item.caseId === id)?.status;
    expect({ comparison: statusOf(caseId), cohort: statusOf(adopted) }).toEqual({ comparison: 'left', cohort: 'cohort-member' });
  });

  it('shows the referrer their IOM referral on their pages, and keeps IOM off the referral form until it has an IOM version', async () => {
    const caseId = await refer('police');
    await app.caughtUp();
    const page = (path: string) =>
      app
        .http()
        .get(path)
        .set('Cookie', `${sessionCookie}=${app.tokenFor('referrer', 'police')}`)
        .redirects(0);
    for (const path of ['/referrals', '/referrals?programme=iom', `/referrals/${caseId}`]) {
      const response = await page(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.text).toContain('Enhanced Integrated Offender Management');
    }
    const choose = await page('/referrals/new');
    expect(choose.status).toBe(200);
    expect(choose.text).not.toContain('value="iom"');
    const form = await page('/referrals/new/iom');
    expect({ status: form.status, location: form.headers.location }).toEqual({ status: 303, location: '/referrals/new' });
  });

  describe('refuses every rule it can be asked to break, writing nothing', () => {
    let referred: string;
    let adopted: string;
    let left: string;
    let closed: string;

    beforeAll(async () => {
      referred = await refer('police');
      adopted = await refer('probation');
      await accepted(step(adopted, 'adoption', { adoptedOn: on.adopted }));
      left = await refer('police');
      await accepted(step(left, 'adoption', { adoptedOn: on.adopted }));
      await accepted(step(left, 'iom-exit', { leftOn: on.left, reason: 'completed' }));
      closed = await refer('police');
      await accepted(step(closed, 'comparison', { assignedOn: on.adopted }));
      await accepted(app.as('iom-officer').post(`/api/cases/${closed}/closure`).send({ closedOn: on.closed }));
    });

    it('refuses an IOM referral from the council, and a second referral under the same id', async () => {
      await expectRefused(app, () => app.as('referrer', 'council').post('/api/cases').send(referral('council')), 422, 'iom-referrer-not-police-or-probation');
      await expectRefused(
        app,
        () =>
          app
            .as('referrer', 'police')
            .post('/api/cases')
            .send(referral('police', { caseId: referred })),
        409,
        'case-already-exists',
      );
      await expectRefused(
        app,
        () =>
          app
            .as('referrer', 'police')
            .post('/api/cases')
            .send(referral('police', { referredOn: tomorrow })),
        422,
        'date-in-future',
      );
    });

    it('refuses joining twice, or either group after the other', async () => {
      await expectRefused(app, () => step(adopted, 'adoption', { adoptedOn: '2015-04-01' }), 422, 'already-adopted');
      await expectRefused(app, () => step(adopted, 'comparison', { assignedOn: '2015-04-01' }), 422, 'already-adopted');
    });

    it('refuses a joining dated before the referral or in the future', async () => {
      await expectRefused(app, () => step(referred, 'adoption', { adoptedOn: '2015-03-01' }), 422, 'date-before-previous-step');
      await expectRefused(app, () => step(referred, 'comparison', { assignedOn: tomorrow }), 422, 'date-in-future');
    });

    it('refuses leaving before joining, twice, before the adoption, in the future, or for a reason not on the list', async () => {
      await expectRefused(app, () => step(referred, 'iom-exit', { leftOn: '2015-04-01', reason: 'completed' }), 422, 'member-not-joined');
      await expectRefused(app, () => step(left, 'iom-exit', { leftOn: '2015-11-01', reason: 'completed' }), 422, 'member-already-left');
      await expectRefused(app, () => step(adopted, 'iom-exit', { leftOn: '2015-03-08', reason: 'completed' }), 422, 'date-before-previous-step');
      await expectRefused(app, () => step(adopted, 'iom-exit', { leftOn: tomorrow, reason: 'completed' }), 422, 'date-in-future');
      // The list is checked where the request is read, so an unknown reason is an invalid field (the decider's own check backs it up).
      const unknown = await expectRefused(app, () => step(adopted, 'iom-exit', { leftOn: '2015-11-01', reason: 'bored' }), 400, 'invalid-request');
      expect(unknown.body.details.map((detail: { field: string }) => detail.field)).toEqual(['reason']);
    });

    it('refuses a conviction before its offence, and any conviction or arrest dated in the future', async () => {
      await expectRefused(app, () => step(adopted, 'convictions', { offenceDate: '2015-06-10', convictedOn: '2015-06-09' }), 422, 'conviction-before-offence');
      await expectRefused(app, () => step(adopted, 'convictions', { offenceDate: tomorrow, convictedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(adopted, 'convictions', { offenceDate: '2015-12-01', convictedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(adopted, 'arrests', { arrestedOn: tomorrow }), 422, 'date-in-future');
    });

    it('refuses a step on a closed case, but records its convictions and arrests', async () => {
      await expectRefused(app, () => step(closed, 'iom-exit', { leftOn: on.closed, reason: 'other' }), 422, 'case-closed');
      await expectRefused(app, () => app.as('iom-officer').post(`/api/cases/${closed}/closure`).send({ closedOn: on.closed }), 422, 'case-closed');
      await accepted(step(closed, 'convictions', { offenceDate: '2015-12-02', convictedOn: '2015-12-20' }));
      await accepted(step(closed, 'arrests', { arrestedOn: '2015-12-02' }));
    });

    it('refuses a reoffence on an IOM case: it records convictions', async () => {
      await expectRefused(app, () => app.as('referrer', 'police').post(`/api/cases/${referred}/reoffences`).send({ offenceDate: '2015-06-01' }), 422, 'reoffence-not-for-iom');
    });

    it('answers 404 for a case never referred, and 403 to those not in the IOM team or for another programme’s case', async () => {
      await expectRefused(app, () => step(randomUUID(), 'adoption', { adoptedOn: on.adopted }), 404, 'case-not-found');
      await expectRefused(app, () => app.as('rj-coordinator').post(`/api/cases/${referred}/adoption`).send({ adoptedOn: on.adopted }), 403, 'forbidden');
      await expectRefused(
        app,
        () => app.as('referrer', 'police').post(`/api/cases/${referred}/convictions`).send({ offenceDate: '2015-06-01', convictedOn: '2015-07-01' }),
        403,
        'forbidden',
      );
      const rjCase = expectAccepted(
        await app
          .as('referrer', 'police')
          .post('/api/cases')
          .send({
            programme: 'restorative-justice',
            referredOn: on.referred,
            referrer: { organisation: 'police' },
            subject: { givenName: 'Sam' },
            offence: { type: 'criminal damage', date: '2015-02-20' },
          }),
      ).body.caseId;
      await expectRefused(app, () => step(rjCase, 'adoption', { adoptedOn: on.adopted }), 403, 'forbidden');
      expect((await app.as('iom-officer').get(`/api/cases/${rjCase}`)).status).toBe(403);
      expect((await app.as('rj-coordinator').get(`/api/cases/${referred}`)).status).toBe(403);
    });
  });
});
