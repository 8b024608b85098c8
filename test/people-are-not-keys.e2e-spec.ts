import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Ids are canonical and a person id is not a key (issue 19, items 1 and 2): an id in upper case
 * is the same id, the server alone creates person records, a referral may name an existing
 * person only where the referrer can already see them, an erased person is never brought back,
 * and subjects, victims and volunteers never share a record.
 */
const today = '2026-11-22';
const subject = { givenName: 'Araminta', familyName: 'Polglase', dateOfBirth: '1988-03-09' };
const offence = { type: 'Criminal damage', date: '2026-11-01' };
const referral = (extra: Record<string, unknown> = {}) => ({
  programme: 'restorative-justice',
  referredOn: '2026-11-20',
  referrer: { organisation: 'police', reference: 'CRN 1' },
  subject,
  offence,
  victim: { givenName: 'Hepzibah', familyName: 'Tregunna' },
  ...extra,
});

describe('canonical ids and person records', () => {
  let app: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  const refer = (body: Record<string, unknown>, organisation: 'police' | 'probation' | 'council' = 'police') =>
    app
      .as('referrer', organisation)
      .post('/api/cases')
      .send({ ...body, referrer: { organisation, reference: 'CRN' } });
  const personalDataRows = async (): Promise<number> => Number((await pool.query<{ n: string }>('select count(*) as n from personal_data')).rows[0].n);

  describe('an id in upper case', () => {
    it('is the same case: a second referral with it is refused, it reads the case, and the read models carry on', async () => {
      const caseId = randomUUID();
      expect((await refer(referral({ caseId }))).status).toBe(201);
      const events = await app.eventCount();

      const again = await refer(referral({ caseId: caseId.toUpperCase() }));
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'case-already-exists' });
      expect(await app.eventCount()).toBe(events);

      const read = await app.as('referrer', 'police').get(`/api/cases/${caseId.toUpperCase()}`);
      expect({ status: read.status, caseId: read.body.caseId }).toEqual({ status: 200, caseId });
      await app.caughtUp();
      const list = await app.as('referrer', 'police').get('/api/cases');
      expect(list.status).toBe(200);
      expect(list.body.items.filter((item: { caseId: string }) => item.caseId === caseId)).toHaveLength(1);
    });

    it('in a step’s path and body is stored lower case', async () => {
      const caseId = randomUUID().toUpperCase();
      const made = await refer(referral({ caseId }));
      expect({ status: made.status, caseId: made.body.caseId }).toEqual({ status: 201, caseId: caseId.toLowerCase() });
      const declined = await app.as('rj-coordinator').post(`/api/cases/${caseId}/decline`).send({ declinedOn: '2026-11-21', reason: 'Victim did not consent' });
      expect(declined.status).toBe(201);
      expect(await app.streamLength(`case-${caseId.toLowerCase()}`)).toBe(2);
      expect(await app.streamLength(`case-${caseId}`)).toBe(0);
    });
  });

  describe('naming an existing person in a referral', () => {
    let policeSubject: string;
    let policeCase: string;

    beforeAll(async () => {
      const made = await refer(referral());
      expect(made.status).toBe(201);
      policeSubject = made.body.personId;
      policeCase = made.body.caseId;
      await app.caughtUp();
    });

    it('is refused to another organisation as if the person did not exist, and neither reads nor overwrites them', async () => {
      const events = await app.eventCount();
      const rows = await personalDataRows();
      const stranger = await refer(referral({ subject: { personId: policeSubject } }), 'probation');
      const nobody = await refer(referral({ subject: { personId: randomUUID() } }), 'probation');
      expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 404, code: 'person-not-found' });
      expect({ status: nobody.status, code: nobody.body.code }).toEqual({ status: 404, code: 'person-not-found' });
      expect(JSON.stringify(stranger.body)).not.toContain(subject.familyName);
      const overwrite = await refer(referral({ subject: { personId: policeSubject, givenName: 'Mallory' } }), 'probation');
      expect(overwrite.status).toBeGreaterThanOrEqual(400);
      expect(overwrite.status).toBeLessThan(500);
      expect(await app.eventCount()).toBe(events);
      expect(await personalDataRows()).toBe(rows);
      const held = await app.as('admin').get(`/api/people/${policeSubject}/export`);
      expect(held.body.personalData).toMatchObject({ givenName: subject.givenName });
    });

    it('is allowed to the organisation that referred them, without their details given again', async () => {
      const again = await refer({ ...referral(), subject: { personId: policeSubject.toUpperCase() } });
      expect({ status: again.status, personId: again.body.personId }).toEqual({ status: 201, personId: policeSubject });
      const withDetails = await refer({ ...referral(), subject: { personId: policeSubject, givenName: 'Mallory' } });
      expect({ status: withDetails.status, code: withDetails.body.code }).toEqual({ status: 422, code: 'existing-person-details' });
    });

    it('through an earlier case the referrer may not see answers exactly as a case that does not exist', async () => {
      const coaching = (linkedCaseId: string) => ({
        programme: 'community-coaching',
        referredOn: '2026-11-20',
        subject: { personId: policeSubject },
        eligibility: { basis: 'completed-restorative-justice', linkedCaseId },
      });
      const missing = randomUUID();
      const hidden = await refer(coaching(policeCase), 'probation');
      const absent = await refer(coaching(missing), 'probation');
      expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: absent.status, code: absent.body.code });
      expect(hidden.body.message.replace(policeCase, 'X')).toBe(absent.body.message.replace(missing, 'X'));
      expect(JSON.stringify(hidden.body)).not.toMatch(/restorative|completed|Polglase/i);
    });

    it('never brings back an erased person', async () => {
      const made = await refer(referral());
      const personId: string = made.body.personId;
      await app.caughtUp();
      expect((await app.as('admin').post(`/api/people/${personId}/erasure`)).status).toBe(200);
      const events = await app.eventCount();
      const revived = await refer({ ...referral(), subject: { personId } });
      expect({ status: revived.status, code: revived.body.code }).toEqual({ status: 422, code: 'person-erased' });
      expect(await app.eventCount()).toBe(events);
      const held = await app.as('admin').get(`/api/people/${personId}/export`);
      expect(held.body.personalData).toMatchObject({ erased: true, givenName: '[erased]' });
    });
  });

  it('refuses a date of birth after the app’s today, and writes nothing', async () => {
    const events = await app.eventCount();
    const rows = await personalDataRows();
    const unborn = await refer(referral({ subject: { ...subject, dateOfBirth: '2026-11-23' } }));
    expect({ status: unborn.status, code: unborn.body.code, field: unborn.body.details?.field }).toEqual({ status: 422, code: 'date-in-future', field: 'subject.dateOfBirth' });
    expect(await app.eventCount()).toBe(events);
    expect(await personalDataRows()).toBe(rows);
  });

  describe('a volunteer recruited under an id', () => {
    it('that is a subject’s is refused, and the roster never shows the subject', async () => {
      const made = await refer(referral());
      await app.caughtUp();
      const events = await app.eventCount();
      const taken = await app
        .as('rj-coordinator')
        .post('/api/volunteers')
        .send({ volunteerId: made.body.personId, organisation: 'victim-support', recruitedOn: '2026-11-01', givenName: 'Imposter' });
      expect({ status: taken.status, code: taken.body.code }).toEqual({ status: 409, code: 'person-of-other-kind' });
      expect(await app.eventCount()).toBe(events);
      const held = await app.as('admin').get(`/api/people/${made.body.personId}/export`);
      expect(held.body.personalData).toMatchObject({ givenName: subject.givenName, familyName: subject.familyName });
    });

    it('that is new is kept, in lower case', async () => {
      const volunteerId = randomUUID();
      const recruited = await app
        .as('rj-coordinator')
        .post('/api/volunteers')
        .send({ volunteerId: volunteerId.toUpperCase(), organisation: 'victim-support', recruitedOn: '2026-11-01', givenName: 'Perpetua' });
      expect({ status: recruited.status, volunteerId: recruited.body.volunteerId }).toEqual({ status: 201, volunteerId });
    });
  });
});
