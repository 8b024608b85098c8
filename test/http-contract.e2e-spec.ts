import { addDays, londonDate } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { expectAccepted, expectRefused } from './support/expectations';
import { startTestApp, TestApp, testPassword } from './support/test-app';

const referral = (overrides: Record<string, unknown> = {}) => ({
  programme: 'restorative-justice',
  referredOn: '2015-01-20',
  referrer: { organisation: 'police', reference: 'CRIS 1234/15' },
  subject: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' },
  offence: { type: 'criminal damage', date: '2015-01-10' },
  ...overrides,
});

describe('the HTTP contract', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2015-12-31');
  });
  afterAll(() => app.close());

  describe('health and docs', () => {
    it('answers /health once it can take commands', async () => {
      const response = await app.http().get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', database: 'up', eventStore: 'up' });
    });

    it('serves the OpenAPI document with every command of the contract', async () => {
      const response = await app.http().get('/api/docs-json');
      expect(response.status).toBe(200);
      const paths = Object.keys(response.body.paths);
      expect(paths).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}/panel', '/api/cases/{id}/booking', '/api/courses', '/api/volunteers/{id}/training']));
    });
  });

  describe('validation at the edge', () => {
    it('refuses a date that is not on the calendar, naming the field', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ referredOn: '2015-02-30' })),
        400,
        'invalid-request',
      );
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'referredOn' })]);
    });

    it('refuses unknown fields', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ colour: 'blue' })),
        400,
        'invalid-request',
      );
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'colour' })]);
    });

    it('names nested fields', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ subject: { dateOfBirth: '1990-13-01' }, referrer: { organisation: 'mi5' } })),
        400,
        'invalid-request',
      );
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['subject.dateOfBirth', 'referrer.organisation']));
    });

    it('refuses an id that is not a UUID, in the body and in the path', async () => {
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ caseId: 'case-1' })),
        400,
        'invalid-request',
      );
      const response = await expectRefused(app, () => app.as('rj-coordinator').post('/api/cases/not-a-uuid/acceptance').send({ acceptedOn: '2015-01-21' }), 400, 'invalid-request');
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('refuses malformed JSON with a 400, not a 500', async () => {
      const response = await expectRefused(
        app,
        () => app.as('referrer').post('/api/cases').set('Content-Type', 'application/json').send('{"programme": "restorative-justice",'),
        400,
        'malformed-json',
      );
      expect(response.body.error).toBe('Bad Request');
    });

    it('refuses a body of the wrong type', async () => {
      await expectRefused(app, () => app.as('referrer').post('/api/cases').set('Content-Type', 'application/json').send('[1,2]'), 400, 'invalid-request');
      await expectRefused(app, () => app.as('referrer').post('/api/cases').set('Content-Type', 'application/json').send('"text"'), 400, 'malformed-json');
    });

    it('refuses a missing body', async () => {
      await expectRefused(app, () => app.as('referrer').post('/api/cases'), 400, 'invalid-request');
    });

    it('answers 404 for a case that does not exist', async () => {
      await expectRefused(app, () => app.as('rj-coordinator').post(`/api/cases/${randomUUID()}/acceptance`).send({ acceptedOn: '2015-01-21' }), 404, 'case-not-found');
      const response = await app.as('referrer').get(`/api/cases/${randomUUID()}`);
      expect(response.status).toBe(404);
    });

    it('answers 409 for a case id already used', async () => {
      const caseId = randomUUID();
      expectAccepted(await app.as('referrer').post('/api/cases').send(referral({ caseId })));
      await expectRefused(app, () => app.as('referrer').post('/api/cases').send(referral({ caseId })), 409, 'case-already-exists');
    });

    it('refuses a business date after today (Europe/London)', async () => {
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ referredOn: '2016-01-01' })),
        422,
        'date-in-future',
      );
    });
  });

  describe('bodies no one sends by hand', () => {
    const nestedDeep = (depth: number): string => `{"programme":"restorative-justice","subject":{"givenName":${'['.repeat(depth)}"x"${']'.repeat(depth)}}}`;

    it('refuses JSON nested thousands deep with a 400, not a stack overflow', async () => {
      const response = await expectRefused(
        app,
        () => app.as('referrer').post('/api/cases').set('Content-Type', 'application/json').send(nestedDeep(4000)),
        400,
        'too-deeply-nested',
      );
      expect(response.body.message).toBe('The request nests objects or arrays more than 32 levels deep');
    });

    it('refuses it before the idempotency fingerprint reads it, too', async () => {
      await expectRefused(
        app,
        () => app.as('referrer').post('/api/cases').set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send(nestedDeep(4000)),
        400,
        'too-deeply-nested',
      );
    });

    it('lets ordinary nesting through to validation, which names the field', async () => {
      const response = await expectRefused(app, () => app.as('referrer').post('/api/cases').set('Content-Type', 'application/json').send(nestedDeep(3)), 400, 'invalid-request');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain('subject.givenName');
    });
  });

  describe('what a referral must carry (DOMAIN.md, Case lifecycles)', () => {
    const fieldsOf = (response: { body: { details?: { field: string }[] } }) => (response.body.details ?? []).map((detail) => detail.field);

    it('refuses a referral with no subject', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ subject: undefined })),
        400,
        'invalid-request',
      );
      expect(fieldsOf(response)).toEqual(['subject']);
    });

    it('refuses a subject with neither a name nor a known person, such as a date of birth alone', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ subject: { dateOfBirth: '1990-04-01' } })),
        400,
        'invalid-request',
      );
      expect(response.body.details).toEqual([
        { field: 'subject', problems: ['subject must have a givenName or a familyName, or the personId of someone already known'], constraints: ['namesThePerson'] },
      ]);
    });

    it('takes a family name alone', async () => {
      expectAccepted(
        await app
          .as('referrer')
          .post('/api/cases')
          .send(referral({ subject: { familyName: 'Example' } })),
      );
    });

    it('refuses a date of birth after today', async () => {
      const tomorrow = addDays(londonDate(new Date()), 1);
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ subject: { givenName: 'Sam', dateOfBirth: tomorrow } })),
        400,
        'invalid-request',
      );
      expect(response.body.details).toEqual([{ field: 'subject.dateOfBirth', problems: ['dateOfBirth must not be in the future'], constraints: ['notAfterToday'] }]);
    });

    it('refuses a restorative-justice referral without its offence', async () => {
      const response = await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ offence: undefined })),
        422,
        'offence-required',
      );
      expect(response.body.details).toEqual({ field: 'offence' });
    });

    it('refuses a conditional-caution referral without its offence, which starts the 12 weeks', async () => {
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .send(referral({ programme: 'conditional-caution', offence: undefined })),
        422,
        'offence-date-required',
      );
    });

    it('refuses a coaching referral without its eligibility, and takes one without an offence', async () => {
      const coaching = { programme: 'community-coaching', referrer: { organisation: 'council' }, offence: undefined };
      await expectRefused(app, () => app.as('referrer', 'council').post('/api/cases').send(referral(coaching)), 422, 'eligibility-required');
      expectAccepted(
        await app
          .as('referrer', 'council')
          .post('/api/cases')
          .send(referral({ ...coaching, eligibility: { basis: 'risk-identified', indicators: ['Regular truancy'] } })),
      );
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to a retry and writes nothing more', async () => {
      const key = randomUUID();
      const body = referral();
      const first = expectAccepted(await app.as('referrer').post('/api/cases').set('Idempotency-Key', key).send(body));
      const before = await app.eventCount();
      const retry = await app.as('referrer').post('/api/cases').set('Idempotency-Key', key).send(body);
      expect(retry.status).toBe(first.status);
      expect(retry.body).toEqual(first.body);
      expect(await app.eventCount()).toBe(before);
    });

    it('runs each of several racing retries at most once', async () => {
      const key = randomUUID();
      const body = referral();
      const before = await app.eventCount();
      const answers = await Promise.all(Array.from({ length: 5 }, () => app.as('referrer').post('/api/cases').set('Idempotency-Key', key).send(body)));
      expect(await app.eventCount()).toBe(before + 1);
      const succeeded = answers.filter((answer) => answer.status === 201);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      expect(new Set(succeeded.map((answer) => answer.body.caseId)).size).toBe(1);
      for (const answer of answers.filter((a) => a.status !== 201)) expect(answer.body.code).toBe('idempotency-key-in-use');
    });

    it('refuses the same key for a different request', async () => {
      const key = randomUUID();
      expectAccepted(await app.as('referrer').post('/api/cases').set('Idempotency-Key', key).send(referral()));
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .set('Idempotency-Key', key)
            .send(referral({ referredOn: '2015-01-21' })),
        422,
        'idempotency-key-reused',
      );
    });

    it('lets a refused command be retried with the same key once corrected', async () => {
      const key = randomUUID();
      await expectRefused(
        app,
        () =>
          app
            .as('referrer')
            .post('/api/cases')
            .set('Idempotency-Key', key)
            .send(referral({ referredOn: '2016-01-01' })),
        422,
        'date-in-future',
      );
      const retry = await app
        .as('referrer')
        .post('/api/cases')
        .set('Idempotency-Key', key)
        .send(referral({ referredOn: '2016-01-01' }));
      expect(retry.body.code).toBe('date-in-future');
    });

    it("keeps each user's keys apart: the same key from another user is a new request", async () => {
      const key = randomUUID();
      const police = expectAccepted(await app.as('referrer', 'police').post('/api/cases').set('Idempotency-Key', key).send(referral()));
      const probation = expectAccepted(
        await app
          .as('referrer', 'probation')
          .post('/api/cases')
          .set('Idempotency-Key', key)
          .send(referral({ referrer: { organisation: 'probation' } })),
      );
      expect(probation.headers['idempotent-replayed']).toBeUndefined();
      expect(probation.body.caseId).not.toBe(police.body.caseId);
    });

    it('never keeps a sign-in answer, which holds a token', async () => {
      const key = randomUUID();
      const signedIn = await app.http().post('/api/auth/login').set('Idempotency-Key', key).send({ username: 'commissioner', password: testPassword });
      expect(signedIn.status).toBe(200);
      const again = await app.http().post('/api/auth/login').set('Idempotency-Key', key).send({ username: 'commissioner', password: testPassword });
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      const pool = new Pool({ connectionString: app.databaseUrl, max: 1 });
      try {
        const { rows } = await pool.query('select count(*)::int as n from idempotency_keys where key like $1', [`% ${key}`]);
        expect(rows[0].n).toBe(0);
      } finally {
        await pool.end();
      }
    });
  });

  describe('positions', () => {
    it('answers every command with the global position of its last event, increasing', async () => {
      const first = expectAccepted(await app.as('referrer').post('/api/cases').send(referral()));
      const second = expectAccepted(await app.as('rj-coordinator').post(`/api/cases/${first.body.caseId}/acceptance`).send({ acceptedOn: '2015-01-21' }));
      expect(BigInt(second.body.position)).toBeGreaterThan(BigInt(first.body.position));
      expect(first.body).toEqual({ caseId: expect.any(String), personId: expect.any(String), position: expect.any(String) });
    });
  });
});
