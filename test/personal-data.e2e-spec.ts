import { EventStore } from '@safer-cases/event-store';
import { rebuildProjections } from '@safer-cases/projections';
import { readModels } from '../apps/api/src/projections/read-models';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Response } from 'supertest';
import { erasedMarker, PersonalDataStore } from '../apps/api/src/people/personal-data.store';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The erasure proof: personal data is never in plain anywhere in the database, a subject access
 * export shows it decrypted, and an erasure leaves it nowhere (nor the key that sealed it) while
 * the events and the targets built from them stay exactly as they were.
 */
const today = '2015-03-10';
const subject = { givenName: 'Zebedee', familyName: 'Quarrington-Vale', dateOfBirth: '1993-07-14' };
const victim = { givenName: 'Ottoline', familyName: 'Marchbanks', contact: 'ottoline.marchbanks@example.org' };
const facilitator = { givenName: 'Wilhelmina', familyName: 'Fotheringay' };
const bystander = { givenName: 'Philippa', familyName: 'Stranraer', dateOfBirth: '1979-02-28' };
const targetsQuery = `programme=restorative-justice&from=2014-04-01&to=2015-03-31&asOf=${today}`;

/** Every row of every table of the database, as text (bytea as hex), in one string. */
const dumpDatabase = async (pool: Pool): Promise<string> => {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  expect(tables.map(({ name }) => name)).toEqual(expect.arrayContaining(['events', 'personal_data', 'person_keys', 'audit_log', 'case_summaries', 'case_facts']));
  const dumped: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`select t::text as row from "${name}" t`);
    dumped.push(`${name}:\n${rows.map(({ row }) => row).join('\n')}`);
  }
  return dumped.join('\n');
};

/** A value as it could sit in the dump: as written, or as the hex of its bytes in a bytea column. */
const forms = (value: string): string[] => [value, value.toLowerCase(), Buffer.from(value, 'utf8').toString('hex')];
const expectNowhere = (dump: string, values: readonly string[]): void => {
  for (const value of values) for (const form of forms(value)) expect({ value, found: dump.includes(form) }).toEqual({ value, found: false });
};

describe('personal data: encrypted, exported, erased', () => {
  let app: TestApp;
  let pool: Pool;
  let subjectId: string;
  let victimId: string;
  let caseId: string;
  let facilitatorId: string;
  let bystanderId: string;

  const accepted = async (request: PromiseLike<Response>): Promise<Response> => expectAccepted(await request);
  const asAdmin = () => app.as('admin');
  const exportOf = async (personId: string): Promise<Response> => {
    const response = await asAdmin().get(`/api/people/${personId}/export`);
    expect(response.status).toBe(200);
    return response;
  };
  const targets = async (): Promise<{ targets: { id: string }[] }> => {
    await rebuildProjections({ pool, store: app.app.get(EventStore), projections: readModels });
    await app.caughtUp();
    const response = await app.as('commissioner').get(`/api/targets?${targetsQuery}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const rj = (path: string, body: Record<string, unknown>) => accepted(app.as('rj-coordinator').post(`/api/cases/${caseId}/${path}`).send(body));

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 2 });
    facilitatorId = (
      await accepted(
        app
          .as('rj-coordinator')
          .post('/api/volunteers')
          .send({ organisation: 'victim-support', recruitedOn: '2014-02-01', ...facilitator }),
      )
    ).body.volunteerId;
    await accepted(app.as('rj-coordinator').post(`/api/volunteers/${facilitatorId}/training`).send({ trainedOn: '2014-03-01' }));
    const referral = await accepted(
      app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          programme: 'restorative-justice',
          referredOn: '2015-01-05',
          referrer: { organisation: 'police', reference: 'CR/0101/15' },
          subject,
          offence: { type: 'criminal damage', date: '2015-01-02' },
          victim,
        }),
    );
    ({ caseId, personId: subjectId } = referral.body);
    await rj('acceptance', { acceptedOn: '2015-01-10' });
    await rj('panel', { heldOn: '2015-01-20', facilitatorIds: [facilitatorId], victimAttended: true });
    await rj('agreement', { reachedOn: '2015-01-20', reparation: ['repaint the fence'] });
    await rj('victim-survey', { surveyedOn: '2015-01-25', satisfied: true, score: 5 });
    const caseView = await app.as('rj-coordinator').get(`/api/cases/${caseId}`);
    victimId = caseView.body.history[0].data.victimId;
    const other = await accepted(
      app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          programme: 'restorative-justice',
          referredOn: '2015-02-01',
          referrer: { organisation: 'police' },
          subject: bystander,
          offence: { type: 'criminal damage', date: '2015-01-30' },
        }),
    );
    bystanderId = other.body.personId;
  });

  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  it('keeps every name, date of birth and contact detail out of every table, in plain and in hex', async () => {
    expectNowhere(await dumpDatabase(pool), [...Object.values(subject), ...Object.values(victim), ...Object.values(facilitator), ...Object.values(bystander)]);
  });

  it('exports everything held about a subject, decrypted, with their case and its whole history', async () => {
    const { body, headers } = await exportOf(subjectId);
    expect(headers['cache-control']).toBe('no-store');
    expect(body).toMatchObject({ personId: subjectId, generatedAt: '2015-03-10T12:00:00.000Z', erasure: null, volunteer: null, audit: [] });
    expect(body.personalData).toEqual({ personId: subjectId, kind: 'subject', erased: false, ...subject });
    expect(body.cases).toHaveLength(1);
    expect(body.cases[0]).toMatchObject({ caseId, programme: 'restorative-justice', role: 'subject' });
    expect(body.cases[0].history.map(({ type }: { type: string }) => type)).toEqual([
      'CaseReferred',
      'ReferralAccepted',
      'PanelHeld',
      'OutcomeAgreementReached',
      'VictimSatisfactionRecorded',
    ]);
    expect(body.cases[0].history[0]).toMatchObject({ revision: 0, recordedBy: 'referrer.police', data: { caseId, personId: subjectId, victimId } });
  });

  it('exports a victim’s contact details with the case they are the victim of, and a volunteer’s record', async () => {
    const victimExport = (await exportOf(victimId)).body;
    expect(victimExport.personalData).toEqual({ personId: victimId, kind: 'victim', erased: false, ...victim });
    expect(victimExport.cases.map(({ caseId: id, role }: { caseId: string; role: string }) => ({ id, role }))).toEqual([{ id: caseId, role: 'victim' }]);
    const volunteerExport = (await exportOf(facilitatorId)).body;
    expect(volunteerExport.personalData).toMatchObject(facilitator);
    expect(volunteerExport.cases).toEqual([]);
    expect(volunteerExport.volunteer.history.map(({ type }: { type: string }) => type)).toEqual(['VolunteerRecruited', 'VolunteerTrained']);
  });

  it('erases a subject: nothing of them left in any table, not even their key, while events and targets stay the same', async () => {
    const figuresBefore = await targets();
    expect(figuresBefore.targets.filter(({ id }) => ['trained-volunteers', 'panels-held', 'victim-satisfaction'].includes(id))).toEqual([
      expect.objectContaining({ id: 'trained-volunteers', actual: 1 }),
      expect.objectContaining({ id: 'panels-held', actual: 1 }),
      expect.objectContaining({ id: 'victim-satisfaction', numerator: 1, denominator: 1 }),
    ]);
    const eventsBefore = await app.eventCount();
    const { rows: keys } = await pool.query<{ hex: string }>(`select encode(wrapped_key, 'hex') as hex from person_keys where person_id = $1`, [subjectId]);
    expect(keys).toHaveLength(1);

    app.clock.setToday('2015-03-11');
    const erasure = await asAdmin().post(`/api/people/${subjectId}/erasure`);
    expect({ status: erasure.status, body: erasure.body }).toEqual({ status: 200, body: { personId: subjectId, erasedAt: '2015-03-11T12:00:00.000Z' } });

    const dump = await dumpDatabase(pool);
    expectNowhere(dump, Object.values(subject));
    expect(dump).not.toContain(keys[0].hex);
    expect((await pool.query(`select 1 from person_keys where person_id = $1`, [subjectId])).rowCount).toBe(0);
    expect(await app.eventCount()).toBe(eventsBefore);
    expect(await targets()).toEqual(figuresBefore);
  });

  it('shows the erased subject as [erased] in every field, in the export and wherever pages display them', async () => {
    const markers = { givenName: erasedMarker, familyName: erasedMarker, dateOfBirth: erasedMarker, contact: erasedMarker };
    const { body } = await exportOf(subjectId);
    expect(body.personalData).toEqual({ personId: subjectId, kind: 'subject', erased: true, ...markers });
    expect(body.erasure).toEqual({ personId: subjectId, erasedAt: '2015-03-11T12:00:00.000Z', erasedBy: 'admin' });
    expect(body.cases[0].history).toHaveLength(5);
    await expect(app.app.get(PersonalDataStore).display(subjectId)).resolves.toEqual({ personId: subjectId, kind: 'subject', erased: true, ...markers });
  });

  it('leaves everyone else’s personal data readable', async () => {
    expect((await exportOf(victimId)).body.personalData).toMatchObject(victim);
    expect((await exportOf(bystanderId)).body.personalData).toMatchObject(bystander);
    expect((await exportOf(facilitatorId)).body.personalData).toMatchObject(facilitator);
  });

  it('answers a second erasure 200 with the first erasure’s time', async () => {
    app.clock.setToday('2015-03-12');
    const again = await asAdmin().post(`/api/people/${subjectId}/erasure`);
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { personId: subjectId, erasedAt: '2015-03-11T12:00:00.000Z' } });
  });

  it('answers 404 person-not-found for a person nothing is held about, and 400 for an id that is not one', async () => {
    const unknown = randomUUID();
    for (const response of [await asAdmin().post(`/api/people/${unknown}/erasure`), await asAdmin().get(`/api/people/${unknown}/export`)]) {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'person-not-found' });
    }
    expect((await asAdmin().post('/api/people/not-a-uuid/erasure')).status).toBe(400);
  });

  it('lets administrators only erase, export and read the audit log', async () => {
    for (const role of ['rj-coordinator', 'referrer', 'commissioner'] as const) {
      expect((await app.as(role).post(`/api/people/${victimId}/erasure`)).status).toBe(403);
      expect((await app.as(role).get(`/api/people/${victimId}/export`)).status).toBe(403);
      expect((await app.as(role).get(`/api/audit?caseId=${caseId}`)).status).toBe(403);
    }
    expect((await app.http().get(`/api/people/${victimId}/export`)).status).toBe(401);
    expect((await exportOf(victimId)).body.personalData).toMatchObject(victim);
  });

  it('audits every export and erasure, per case, newest first, by whom, without personal data', async () => {
    const admin = app.user('admin');
    const byCase = await asAdmin().get(`/api/audit?caseId=${caseId}`);
    expect(byCase.status).toBe(200);
    const summary = byCase.body.items.map(({ action, personId, username }: Record<string, string>) => `${action} ${personId === subjectId ? 'subject' : 'victim'} by ${username}`);
    expect(summary).toEqual([
      'person-exported victim by admin',
      'person-exported victim by admin',
      'person-exported subject by admin',
      'person-erased subject by admin',
      'person-exported victim by admin',
      'person-exported subject by admin',
    ]);

    const subjectAudit = (await exportOf(subjectId)).body.audit.map(({ action, at, userId }: Record<string, string>) => ({ action, at, userId }));
    expect(subjectAudit).toEqual([
      { action: 'person-exported', at: '2015-03-11T12:00:00.000Z', userId: admin.userId },
      { action: 'person-erased', at: '2015-03-11T12:00:00.000Z', userId: admin.userId },
      { action: 'person-exported', at: '2015-03-10T12:00:00.000Z', userId: admin.userId },
    ]);

    const firstPage = await asAdmin().get(`/api/audit?userId=${admin.userId}&limit=2`);
    expect(firstPage.body.items).toHaveLength(2);
    const secondPage = await asAdmin().get(`/api/audit?userId=${admin.userId}&limit=2&cursor=${firstPage.body.nextCursor}`);
    expect(Number(secondPage.body.items[0].id)).toBeLessThan(Number(firstPage.body.items[1].id));

    expectNowhere(JSON.stringify((await asAdmin().get(`/api/audit?personId=${subjectId}&limit=100`)).body), [...Object.values(subject), ...Object.values(victim)]);
  });

  it('shows the case’s people to those who work on it, each read audited, and to no one else', async () => {
    const read = await app.as('rj-coordinator').get(`/api/cases/${caseId}/people`);
    expect({ status: read.status, cache: read.headers['cache-control'] }).toEqual({ status: 200, cache: 'no-store' });
    expect(read.body).toEqual({
      caseId,
      subject: { personId: subjectId, kind: 'subject', erased: true, givenName: erasedMarker, familyName: erasedMarker, dateOfBirth: erasedMarker, contact: erasedMarker },
      victim: { personId: victimId, kind: 'victim', erased: false, ...victim },
    });
    const byCase = await asAdmin().get(`/api/audit?caseId=${caseId}&limit=1`);
    expect(byCase.body.items[0]).toMatchObject({ action: 'personal-data-read', personId: victimId, username: 'rj-coordinator' });
    for (const role of ['caution-officer', 'coaching-coordinator', 'commissioner'] as const) {
      expect((await app.as(role).get(`/api/cases/${caseId}/people`)).status).toBe(403);
    }
    expect((await app.as('referrer', 'probation').get(`/api/cases/${caseId}/people`)).status).toBe(403);
  });

  it('refuses an audit query that names no case, user or person (400)', async () => {
    const response = await asAdmin().get('/api/audit?limit=5');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'invalid-request' });
  });
});
