import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response, Test } from 'supertest';
import { expectAccepted, expectRefused } from './support/expectations';
import { PersonalDataStore } from '../apps/api/src/people/personal-data.store';
import { startTestApp, TestApp, usernameOf } from './support/test-app';

const today = '2015-12-31';
const tomorrow = '2016-01-01';

/** Police refer and record reoffences; Victim Support's coordinator records every other step. */
const referrer = usernameOf('referrer', 'police');
const coordinator = usernameOf('rj-coordinator');

const on = {
  offence: '2015-01-10',
  referred: '2015-01-20',
  accepted: '2015-01-27',
  panel: '2015-02-10',
  agreement: '2015-02-10',
  upheld: '2015-05-01',
  surveyed: '2015-05-05',
  reoffence: '2015-06-01',
  closed: '2015-06-15',
};

type HistoryEntry = { type: string; date?: string; recordedAt: string; recordedBy: string; position: string; data: Record<string, unknown> };

type Stage = 'referred' | 'accepted' | 'panel-held' | 'agreement-reached';

describe('restorative justice through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterEach(() => app.clock.setToday(today));
  afterAll(() => app.close());

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);

  const step = (caseId: string, path: string, body: Record<string, unknown>): Test =>
    app
      .as(path === 'reoffences' ? 'referrer' : 'rj-coordinator')
      .post(`/api/cases/${caseId}/${path}`)
      .send(body);

  const referral = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    caseId: randomUUID(),
    programme: 'restorative-justice',
    referredOn: on.referred,
    referrer: { organisation: 'police', reference: 'CRIS 1234/15' },
    subject: { givenName: 'Jordan', familyName: 'Hale', dateOfBirth: '1997-03-14' },
    offence: { type: 'criminal damage', date: on.offence },
    victim: { givenName: 'Pat', familyName: 'Morgan', contact: '020 8359 0000' },
    ...overrides,
  });

  const refer = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const response = await accepted(app.as('referrer').post('/api/cases').send(referral(overrides)));
    return response.body.caseId;
  };

  /** A volunteer recruited on 2014-12-01; trained on 2015-01-05 unless `trainedOn` is false. */
  const volunteer = async ({
    organisation = 'victim-support',
    trainedOn = '2015-01-05',
    leftOn,
  }: { organisation?: string; trainedOn?: string | false; leftOn?: string } = {}): Promise<string> => {
    const volunteerId = randomUUID();
    const keeper = organisation === 'home-start' ? 'coaching-coordinator' : 'rj-coordinator';
    await accepted(app.as(keeper).post('/api/volunteers').send({ volunteerId, organisation, recruitedOn: '2014-12-01' }));
    if (trainedOn !== false) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn }));
    if (leftOn !== undefined) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/departure`).send({ leftOn }));
    return volunteerId;
  };

  /** A panel's body; its two trained facilitators are recruited first unless ids are given. */
  const panel = async ({ facilitatorIds, ...overrides }: { heldOn?: string; facilitatorIds?: string[]; victimAttended?: boolean } = {}) => ({
    heldOn: on.panel,
    facilitatorIds: facilitatorIds ?? [await volunteer(), await volunteer()],
    victimAttended: true,
    ...overrides,
  });

  const caseAt = async (stage: Stage): Promise<string> => {
    const caseId = await refer();
    if (stage === 'referred') return caseId;
    await accepted(step(caseId, 'acceptance', { acceptedOn: on.accepted }));
    if (stage === 'accepted') return caseId;
    await accepted(step(caseId, 'panel', await panel()));
    if (stage === 'panel-held') return caseId;
    await accepted(step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['written apology'] }));
    return caseId;
  };

  const closedCase = async (): Promise<string> => {
    const caseId = await caseAt('agreement-reached');
    await accepted(step(caseId, 'closure', { closedOn: on.closed }));
    return caseId;
  };

  const read = async (caseId: string): Promise<{ status: string; closed: boolean; personId: string; history: HistoryEntry[] }> => {
    const response = await app.as('rj-coordinator').get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const timeline = (history: HistoryEntry[]) => history.map(({ type, date, recordedAt, recordedBy }) => ({ type, date, recordedAt, recordedBy }));

  const recordedOn = (date: string): string => `${date}T12:00:00.000Z`;

  describe('the journey from referral to closure', () => {
    it('records a case from police referral to closure and shows its history in order', async () => {
      const facilitatorIds = [await volunteer(), await volunteer()];
      app.clock.setToday('2015-03-01');
      const referred = await accepted(
        app
          .as('referrer')
          .post('/api/cases')
          .send(referral({ caseId: undefined })),
      );
      expect(referred.status).toBe(201);
      expect(referred.body).toEqual({ caseId: expect.any(String), personId: expect.any(String), position: expect.stringMatching(/^\d+$/) });
      const { caseId, personId } = referred.body;
      await accepted(step(caseId, 'acceptance', { acceptedOn: on.accepted }));
      await accepted(step(caseId, 'panel', { heldOn: on.panel, facilitatorIds, victimAttended: true }));
      await accepted(step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['written apology', 'repaint the bus shelter'] }));
      app.clock.setToday('2015-05-10');
      await accepted(step(caseId, 'agreement/upheld', { on: on.upheld }));
      await accepted(step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: true, score: 4 }));
      app.clock.setToday(today);
      await accepted(step(caseId, 'reoffences', { offenceDate: on.reoffence, reference: 'CRIS 9876/15' }));
      const closure = await accepted(step(caseId, 'closure', { closedOn: on.closed, reason: 'work complete' }));

      const view = await read(caseId);
      expect(view).toMatchObject({ caseId, programme: 'restorative-justice', personId, status: 'agreement-upheld', closed: true });
      expect(timeline(view.history)).toEqual([
        { type: 'CaseReferred', date: on.referred, recordedAt: recordedOn('2015-03-01'), recordedBy: referrer },
        { type: 'ReferralAccepted', date: on.accepted, recordedAt: recordedOn('2015-03-01'), recordedBy: coordinator },
        { type: 'PanelHeld', date: on.panel, recordedAt: recordedOn('2015-03-01'), recordedBy: coordinator },
        { type: 'OutcomeAgreementReached', date: on.agreement, recordedAt: recordedOn('2015-03-01'), recordedBy: coordinator },
        { type: 'OutcomeAgreementUpheld', date: on.upheld, recordedAt: recordedOn('2015-05-10'), recordedBy: coordinator },
        { type: 'VictimSatisfactionRecorded', date: on.surveyed, recordedAt: recordedOn('2015-05-10'), recordedBy: coordinator },
        { type: 'ReoffenceRecorded', date: on.reoffence, recordedAt: recordedOn(today), recordedBy: referrer },
        { type: 'CaseClosed', date: on.closed, recordedAt: recordedOn(today), recordedBy: coordinator },
      ]);
      expect(view.history[2].data).toEqual({ caseId, heldOn: on.panel, facilitatorIds, victimAttended: true });
      expect(view.history[5].data).toEqual({ caseId, surveyedOn: on.surveyed, satisfied: true, score: 4 });
      expect(await app.streamLength(`case-${caseId}`)).toBe(8);
      expect(closure.body.position).toBe(view.history[7].position);
    });

    it('records a declined referral, which may then be closed but not accepted', async () => {
      const caseId = await caseAt('referred');
      await accepted(step(caseId, 'decline', { declinedOn: on.accepted, reason: 'the victim did not consent' }));
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: on.accepted }), 422, 'referral-already-decided');
      const body = await panel();
      await expectRefused(app, () => step(caseId, 'panel', body), 422, 'panel-before-acceptance');
      await accepted(step(caseId, 'closure', { closedOn: on.accepted, reason: 'declined' }));

      const view = await read(caseId);
      expect(view).toMatchObject({ status: 'declined', closed: true });
      expect(timeline(view.history)).toEqual([
        { type: 'CaseReferred', date: on.referred, recordedAt: recordedOn(today), recordedBy: referrer },
        { type: 'ReferralDeclined', date: on.accepted, recordedAt: recordedOn(today), recordedBy: coordinator },
        { type: 'CaseClosed', date: on.accepted, recordedAt: recordedOn(today), recordedBy: coordinator },
      ]);
      expect(view.history[1].data).toEqual({ caseId, declinedOn: on.accepted, reason: 'the victim did not consent' });
    });

    it('records a panel that reached no agreement: nothing to uphold, the victim still surveyed', async () => {
      const caseId = await caseAt('panel-held');
      await accepted(step(caseId, 'no-agreement', { on: '2015-02-11', reason: 'no reparation offered' }));
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: '2015-03-01' }), 422, 'no-agreement-to-uphold');
      await expectRefused(app, () => step(caseId, 'agreement', { reachedOn: '2015-03-01', reparation: ['apology'] }), 422, 'agreement-already-decided');
      await accepted(step(caseId, 'victim-survey', { surveyedOn: '2015-02-20', satisfied: false }));
      await accepted(step(caseId, 'closure', { closedOn: '2015-03-01' }));

      const view = await read(caseId);
      expect(view).toMatchObject({ status: 'no-agreement', closed: true });
      expect(timeline(view.history).map(({ type, date }) => ({ type, date }))).toEqual([
        { type: 'CaseReferred', date: on.referred },
        { type: 'ReferralAccepted', date: on.accepted },
        { type: 'PanelHeld', date: on.panel },
        { type: 'NoAgreementReached', date: '2015-02-11' },
        { type: 'VictimSatisfactionRecorded', date: '2015-02-20' },
        { type: 'CaseClosed', date: '2015-03-01' },
      ]);
      expect(view.history[4].data).toEqual({ caseId, surveyedOn: '2015-02-20', satisfied: false });
    });

    it('records a breached outcome agreement, after which it cannot also be upheld', async () => {
      const caseId = await caseAt('agreement-reached');
      await accepted(step(caseId, 'agreement/breached', { on: '2015-04-01', reason: 'apology not written' }));
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: '2015-04-02' }), 422, 'agreement-outcome-already-recorded');
      await expectRefused(app, () => step(caseId, 'agreement/breached', { on: '2015-04-02', reason: 'again' }), 422, 'agreement-outcome-already-recorded');

      const view = await read(caseId);
      expect(view).toMatchObject({ status: 'agreement-breached', closed: false });
      expect(timeline(view.history).map(({ type, date }) => ({ type, date }))).toEqual([
        { type: 'CaseReferred', date: on.referred },
        { type: 'ReferralAccepted', date: on.accepted },
        { type: 'PanelHeld', date: on.panel },
        { type: 'OutcomeAgreementReached', date: on.agreement },
        { type: 'OutcomeAgreementBreached', date: '2015-04-01' },
      ]);
      expect(view.history[4].data).toEqual({ caseId, on: '2015-04-01', reason: 'apology not written' });
    });

    it('answers 404 for a case that does not exist', async () => {
      const response = await app.as('rj-coordinator').get(`/api/cases/${randomUUID()}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'case-not-found' });
    });
  });

  describe('referral and decision refusals', () => {
    it('refuses a second referral with the same case id (409)', async () => {
      const caseId = await refer();
      await expectRefused(app, () => app.as('referrer').post('/api/cases').send(referral({ caseId })), 409, 'case-already-exists');
    });

    it('refuses a referral dated after today, and one whose offence is after the referral', async () => {
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ referredOn: tomorrow })),
        422,
        'date-in-future',
      );
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ offence: { type: 'theft', date: '2015-01-21' } })),
        422,
        'offence-after-referral',
      );
      await refer({ referredOn: today, offence: { type: 'theft', date: today } });
    });

    it('refuses a step on a case that does not exist (404)', async () => {
      await expectRefused(app, () => step(randomUUID(), 'acceptance', { acceptedOn: on.accepted }), 404, 'case-not-found');
      await expectRefused(app, () => step(randomUUID(), 'reoffences', { offenceDate: on.reoffence }), 404, 'case-not-found');
    });

    it('refuses to decide a referral twice', async () => {
      const caseId = await caseAt('accepted');
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: on.accepted }), 422, 'referral-already-decided');
      await expectRefused(app, () => step(caseId, 'decline', { declinedOn: on.accepted, reason: 'changed our mind' }), 422, 'referral-already-decided');
    });

    it('refuses an acceptance dated after today or before the referral; today itself is accepted', async () => {
      const caseId = await caseAt('referred');
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: '2015-01-19' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'acceptance', { acceptedOn: today }));
    });

    it('refuses a restorative-justice step on a conditional-caution case: not a case its coordinator works on (403)', async () => {
      const caseId = await refer({ programme: 'conditional-caution', victim: undefined });
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: on.accepted }), 403, 'forbidden');
      const body = await panel();
      await expectRefused(app, () => step(caseId, 'panel', body), 403, 'forbidden');
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: true }), 403, 'forbidden');
    });
  });

  describe('panel refusals', () => {
    it('refuses a panel before the referral is accepted', async () => {
      const caseId = await caseAt('referred');
      const body = await panel();
      await expectRefused(app, () => step(caseId, 'panel', body), 422, 'panel-before-acceptance');
    });

    it('refuses a facilitator who was never trained, or trained after the panel date', async () => {
      const caseId = await caseAt('accepted');
      const withUntrained = await panel({ facilitatorIds: [await volunteer(), await volunteer({ trainedOn: false })] });
      const trainedLater = await panel({ facilitatorIds: [await volunteer({ trainedOn: '2015-02-11' })] });
      await expectRefused(app, () => step(caseId, 'panel', withUntrained), 422, 'facilitator-not-trained');
      await expectRefused(app, () => step(caseId, 'panel', trainedLater), 422, 'facilitator-not-trained');
      await accepted(step(caseId, 'panel', await panel({ facilitatorIds: [await volunteer({ trainedOn: on.panel })] })));
    });

    it('refuses a facilitator who left on the panel date, and accepts one who left the day after', async () => {
      const leftThatDay = await panel({ facilitatorIds: [await volunteer(), await volunteer({ leftOn: on.panel })] });
      const leftNextDay = await panel({ facilitatorIds: [await volunteer({ leftOn: '2015-02-11' })] });
      const caseId = await caseAt('accepted');
      await expectRefused(app, () => step(caseId, 'panel', leftThatDay), 422, 'facilitator-left');
      await accepted(step(caseId, 'panel', leftNextDay));
    });

    it('refuses a Home-Start volunteer as facilitator', async () => {
      const caseId = await caseAt('accepted');
      const withCoach = await panel({ facilitatorIds: [await volunteer(), await volunteer({ organisation: 'home-start' })] });
      await expectRefused(app, () => step(caseId, 'panel', withCoach), 422, 'facilitator-not-victim-support');
    });

    it('refuses a facilitator who is not a volunteer at all (404)', async () => {
      const caseId = await caseAt('accepted');
      const withStranger = await panel({ facilitatorIds: [await volunteer(), randomUUID()] });
      await expectRefused(app, () => step(caseId, 'panel', withStranger), 404, 'facilitator-not-found');
    });

    it('refuses no facilitator or four at the edge (400), and the same facilitator twice (422)', async () => {
      const caseId = await caseAt('accepted');
      const four = [await volunteer(), await volunteer(), await volunteer(), await volunteer()];
      const none = await expectRefused(app, () => step(caseId, 'panel', { heldOn: on.panel, facilitatorIds: [], victimAttended: true }), 400, 'invalid-request');
      expect(none.body.details).toEqual([expect.objectContaining({ field: 'facilitatorIds' })]);
      const tooMany = await expectRefused(app, () => step(caseId, 'panel', { heldOn: on.panel, facilitatorIds: four, victimAttended: true }), 400, 'invalid-request');
      expect(tooMany.body.details).toEqual([expect.objectContaining({ field: 'facilitatorIds' })]);
      await expectRefused(app, () => step(caseId, 'panel', { heldOn: on.panel, facilitatorIds: [four[0], four[0]], victimAttended: true }), 422, 'facilitator-count');
      await accepted(step(caseId, 'panel', { heldOn: on.panel, facilitatorIds: four.slice(0, 3), victimAttended: false }));
    });

    it('refuses a second panel', async () => {
      const caseId = await caseAt('panel-held');
      const second = await panel({ heldOn: '2015-03-01' });
      await expectRefused(app, () => step(caseId, 'panel', second), 422, 'panel-already-held');
    });

    it('refuses a panel dated after today or before the acceptance', async () => {
      const caseId = await caseAt('accepted');
      const facilitatorIds = [await volunteer()];
      await expectRefused(app, () => step(caseId, 'panel', { heldOn: tomorrow, facilitatorIds, victimAttended: true }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'panel', { heldOn: '2015-01-26', facilitatorIds, victimAttended: true }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'panel', { heldOn: on.accepted, facilitatorIds, victimAttended: true }));
    });
  });

  describe('agreement and survey refusals', () => {
    it('refuses an agreement, or its absence, before the panel', async () => {
      const caseId = await caseAt('accepted');
      await expectRefused(app, () => step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['written apology'] }), 422, 'agreement-before-panel');
      await expectRefused(app, () => step(caseId, 'no-agreement', { on: on.agreement, reason: 'no panel yet' }), 422, 'agreement-before-panel');
    });

    it('refuses an agreement twice, with blank reparation terms, or with none', async () => {
      const caseId = await caseAt('panel-held');
      const blank = await expectRefused(app, () => step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['   '] }), 400, 'invalid-request');
      expect(blank.body.details).toEqual([{ field: 'reparation', problems: ['reparation must not be blank (item 1)'], constraints: ['isFreeText'] }]);
      await expectRefused(app, () => step(caseId, 'agreement', { reachedOn: on.agreement, reparation: [] }), 400, 'invalid-request');
      await accepted(step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['written apology'] }));
      await expectRefused(app, () => step(caseId, 'agreement', { reachedOn: on.agreement, reparation: ['written apology'] }), 422, 'agreement-already-decided');
      await expectRefused(app, () => step(caseId, 'no-agreement', { on: on.agreement, reason: 'second thoughts' }), 422, 'agreement-already-decided');
    });

    it('refuses to uphold or breach an agreement that was never reached', async () => {
      const caseId = await caseAt('panel-held');
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: '2015-03-01' }), 422, 'no-agreement-to-uphold');
      await expectRefused(app, () => step(caseId, 'agreement/breached', { on: '2015-03-01', reason: 'other' }), 422, 'no-agreement-to-uphold');
    });

    it('refuses to uphold an agreement twice, after today, or before it was reached', async () => {
      const caseId = await caseAt('agreement-reached');
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: '2015-02-09' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'agreement/upheld', { on: on.upheld }));
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: on.upheld }), 422, 'agreement-outcome-already-recorded');
    });

    it('refuses a victim survey before the panel, dated before it or after today, and a second survey', async () => {
      const caseId = await caseAt('accepted');
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: true }), 422, 'survey-before-panel');
      await accepted(step(caseId, 'panel', await panel()));
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: '2015-02-09', satisfied: true }), 422, 'date-before-previous-step');
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: tomorrow, satisfied: true }), 422, 'date-in-future');
      await accepted(step(caseId, 'victim-survey', { surveyedOn: on.panel, satisfied: true, score: 5 }));
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: false }), 422, 'survey-already-recorded');
    });

    it('dates the survey against the panel only: it may precede a later agreement', async () => {
      const caseId = await caseAt('panel-held');
      await accepted(step(caseId, 'agreement', { reachedOn: '2015-03-01', reparation: ['written apology'] }));
      await accepted(step(caseId, 'victim-survey', { surveyedOn: '2015-02-20', satisfied: true }));
    });

    it('refuses a satisfaction score outside 1 to 5 at the edge (400)', async () => {
      const caseId = await caseAt('panel-held');
      for (const score of [6, 0, 2.5]) {
        const response = await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: true, score }), 400, 'invalid-request');
        expect(response.body.details).toEqual([expect.objectContaining({ field: 'score' })]);
      }
      await accepted(step(caseId, 'victim-survey', { surveyedOn: on.surveyed, satisfied: true, score: 1 }));
    });
  });

  describe('a closed case', () => {
    it('refuses every further step but a reoffence', async () => {
      const caseId = await closedCase();
      await expectRefused(app, () => step(caseId, 'agreement/upheld', { on: on.closed }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'agreement/breached', { on: on.closed, reason: 'other' }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'victim-survey', { surveyedOn: on.closed, satisfied: true }), 422, 'case-closed');
      const lateBody = await panel({ heldOn: on.closed });
      await expectRefused(app, () => step(caseId, 'panel', lateBody), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'acceptance', { acceptedOn: on.closed }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: on.closed }), 422, 'case-closed');
      await accepted(step(caseId, 'reoffences', { offenceDate: '2015-11-30' }));
      expect(await app.streamLength(`case-${caseId}`)).toBe(6);
    });

    it('refuses a closure dated before the last step, the victim survey included, or after today', async () => {
      const caseId = await caseAt('agreement-reached');
      await accepted(step(caseId, 'victim-survey', { surveyedOn: '2015-03-10', satisfied: true }));
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: '2015-03-09' }), 422, 'date-before-previous-step');
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: tomorrow }), 422, 'date-in-future');
      await accepted(step(caseId, 'closure', { closedOn: '2015-03-10' }));
    });
  });

  describe('reoffences', () => {
    it('refuses a reoffence before the referral date or after today; on the referral date it is accepted', async () => {
      const caseId = await caseAt('referred');
      await expectRefused(app, () => step(caseId, 'reoffences', { offenceDate: '2015-01-19' }), 422, 'reoffence-before-referral');
      await expectRefused(app, () => step(caseId, 'reoffences', { offenceDate: tomorrow }), 422, 'date-in-future');
      await accepted(step(caseId, 'reoffences', { offenceDate: on.referred }));
    });
  });

  describe('personal data', () => {
    const withDatabase = async <T>(query: (client: Client) => Promise<T>): Promise<T> => {
      const client = new Client(app.databaseUrl);
      await client.connect();
      try {
        return await query(client);
      } finally {
        await client.end();
      }
    };

    const eventsContaining = (text: string): Promise<number> =>
      withDatabase(async (client) => Number((await client.query<{ n: string }>('select count(*) as n from events e where strpos(e::text, $1) > 0', [text])).rows[0].n));

    const personalData = (id: string) => app.app.get(PersonalDataStore).find(id);
    const personalDataRows = (): Promise<number> =>
      withDatabase(async (client) => Number((await client.query<{ n: string }>('select count(*) as n from personal_data')).rows[0].n));

    it('keeps names and date of birth out of every event, under the person and victim ids instead', async () => {
      const marker = randomUUID().slice(0, 8);
      const subject = { givenName: `Riley${marker}`, familyName: `Okafor${marker}`, dateOfBirth: '1996-07-29' };
      const victim = { givenName: `Casey${marker}`, familyName: `Lindqvist${marker}`, contact: `casey.${marker}@example.org` };
      const response = await accepted(
        app
          .as('referrer')
          .post('/api/cases')
          .send(referral({ caseId: undefined, subject, victim })),
      );
      const { caseId, personId } = response.body;
      await accepted(step(caseId, 'acceptance', { acceptedOn: on.accepted }));

      for (const text of [subject.givenName, subject.familyName, subject.dateOfBirth, victim.givenName, victim.familyName, victim.contact]) {
        expect({ text, events: await eventsContaining(text) }).toEqual({ text, events: 0 });
      }
      const [referred] = (await read(caseId)).history;
      expect(referred.data).toEqual({
        caseId,
        programme: 'restorative-justice',
        referredOn: on.referred,
        referrer: { organisation: 'police', reference: 'CRIS 1234/15' },
        personId,
        victimId: expect.any(String),
        offence: { type: 'criminal damage', date: on.offence },
      });
      expect(await personalData(personId)).toEqual({ kind: 'subject', ...subject });
      expect(await personalData(String(referred.data.victimId))).toEqual({ kind: 'victim', ...victim });
    });

    it('stores no personal data for a refused referral', async () => {
      const marker = randomUUID().slice(0, 8);
      const rowsBefore = await personalDataRows();
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ referredOn: tomorrow, subject: { givenName: `Refused${marker}` }, victim: { givenName: `Victim${marker}` } })),
        422,
        'date-in-future',
      );
      expect(await personalDataRows()).toBe(rowsBefore);
    });
  });
});
