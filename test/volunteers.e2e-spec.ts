import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response, Test } from 'supertest';
import { expectAccepted, expectRefused } from './support/expectations';
import { Role } from '../apps/api/src/auth/actor';
import { PersonalDataStore } from '../apps/api/src/people/personal-data.store';
import { startTestApp, TestApp } from './support/test-app';

const today = '2015-12-31';
const tomorrow = '2016-01-01';

describe('volunteers through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);

  /** Victim Support's volunteers are kept by its restorative-justice coordinator, Home-Start's by its coaching coordinator. */
  const coordinatorOf = (organisation: unknown): Role => (organisation === 'home-start' ? 'coaching-coordinator' : 'rj-coordinator');
  const recruit = (body: Record<string, unknown>, as: Role = coordinatorOf(body.organisation)): Test => app.as(as).post('/api/volunteers').send(body);
  const train = (volunteerId: string, trainedOn: string): Test => app.as('rj-coordinator').post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn });
  const depart = (volunteerId: string, leftOn: string): Test => app.as('rj-coordinator').post(`/api/volunteers/${volunteerId}/departure`).send({ leftOn });
  const read = (volunteerId: string, as: Role = 'rj-coordinator'): Test => app.as(as).get(`/api/volunteers/${volunteerId}`);

  const recruited = async (recruitedOn = '2015-01-05', organisation = 'victim-support'): Promise<string> => {
    const volunteerId = randomUUID();
    await accepted(recruit({ volunteerId, organisation, recruitedOn }));
    return volunteerId;
  };

  describe('a volunteer from recruitment to departure', () => {
    it('recruits, trains and records the departure of a volunteer, and shows each step', async () => {
      const recruitment = await accepted(recruit({ organisation: 'victim-support', recruitedOn: '2015-01-05', givenName: 'Alex', familyName: 'Rowe' }));
      expect(recruitment.status).toBe(201);
      expect(recruitment.body).toEqual({ volunteerId: expect.stringMatching(/^[0-9a-f-]{36}$/), position: expect.stringMatching(/^\d+$/) });
      const { volunteerId } = recruitment.body;

      const afterRecruitment = await read(volunteerId);
      expect(afterRecruitment.status).toBe(200);
      expect(afterRecruitment.body).toMatchObject({ status: 'recruited', volunteerId, organisation: 'victim-support', recruitedOn: '2015-01-05' });

      const training = await accepted(train(volunteerId, '2015-01-19'));
      expect(BigInt(training.body.position)).toBeGreaterThan(BigInt(recruitment.body.position));
      expect((await read(volunteerId)).body).toMatchObject({ status: 'trained', trainedOn: '2015-01-19' });

      await accepted(depart(volunteerId, today));
      const afterDeparture = await read(volunteerId);
      expect(afterDeparture.body).toMatchObject({
        status: 'left',
        volunteerId,
        organisation: 'victim-support',
        recruitedOn: '2015-01-05',
        trainedOn: '2015-01-19',
        leftOn: today,
      });
      expect(await app.streamLength(`volunteer-${volunteerId}`)).toBe(3);
    });

    it('keeps the id a client chose, and recruits Home-Start coaches too', async () => {
      const volunteerId = randomUUID();
      const response = await accepted(recruit({ volunteerId, organisation: 'home-start', recruitedOn: today }));
      expect(response.body.volunteerId).toBe(volunteerId);
      expect((await read(volunteerId, 'coaching-coordinator')).body).toMatchObject({ status: 'recruited', organisation: 'home-start' });
    });

    it('lets a volunteer leave untrained', async () => {
      const volunteerId = await recruited();
      await accepted(depart(volunteerId, '2015-01-05'));
      expect((await read(volunteerId)).body).toMatchObject({ status: 'left', leftOn: '2015-01-05' });
    });

    it('keeps the names out of the events, under the volunteer id instead', async () => {
      const marker = randomUUID().slice(0, 8);
      const names = { givenName: `Morgan${marker}`, familyName: `Achebe${marker}` };
      const { volunteerId } = (await accepted(recruit({ organisation: 'home-start', recruitedOn: '2015-02-01', ...names }))).body;
      const client = new Client(app.databaseUrl);
      await client.connect();
      try {
        for (const name of Object.values(names)) {
          const { rows } = await client.query<{ n: string }>('select count(*) as n from events e where strpos(e::text, $1) > 0', [name]);
          expect({ name, events: Number(rows[0].n) }).toEqual({ name, events: 0 });
        }
        expect(await app.app.get(PersonalDataStore).find(volunteerId)).toEqual({ kind: 'volunteer', ...names });
      } finally {
        await client.end();
      }
      expect((await read(volunteerId, 'coaching-coordinator')).body).not.toHaveProperty('givenName');
    });

    it('gives the roster with names only when asked, each name read audited', async () => {
      const marker = randomUUID().slice(0, 8);
      const names = { givenName: `Indira${marker}`, familyName: `Balogun${marker}` };
      const { volunteerId } = (await accepted(recruit({ organisation: 'home-start', recruitedOn: '2015-02-02', ...names }, 'coaching-coordinator'))).body;
      await app.caughtUp();
      const plain = await app.as('coaching-coordinator').get('/api/volunteers');
      expect(plain.body.items.find((item: { volunteerId: string }) => item.volunteerId === volunteerId)).not.toHaveProperty('name');
      const named = await app.as('coaching-coordinator').get('/api/volunteers?names=true');
      expect(named.status).toBe(200);
      expect(named.body.items.find((item: { volunteerId: string }) => item.volunteerId === volunteerId).name).toEqual({ ...names, erased: false });
      const audit = await app.as('admin').get(`/api/audit?personId=${volunteerId}`);
      expect(audit.body.items.map(({ action, username }: Record<string, string>) => `${action} by ${username}`)).toEqual(['personal-data-read by coaching-coordinator']);
      expect((await app.as('coaching-coordinator').get('/api/volunteers?names=yes')).status).toBe(400);
    });
  });

  describe('recruitment refusals', () => {
    it('refuses an organisation other than Victim Support or Home-Start at the edge (400)', async () => {
      for (const organisation of ['police', 'red-cross']) {
        const response = await expectRefused(app, () => recruit({ organisation, recruitedOn: '2015-01-05' }), 400, 'invalid-request');
        expect(response.body.details).toEqual([expect.objectContaining({ field: 'organisation' })]);
      }
    });

    it('refuses a volunteer id already used (409)', async () => {
      const volunteerId = await recruited();
      await expectRefused(app, () => recruit({ volunteerId, organisation: 'home-start', recruitedOn: '2015-02-01' }, 'rj-coordinator'), 409, 'volunteer-already-exists');
      expect((await read(volunteerId)).body).toMatchObject({ organisation: 'victim-support', recruitedOn: '2015-01-05' });
    });

    it('refuses a recruitment dated after today; today itself is accepted', async () => {
      await expectRefused(app, () => recruit({ organisation: 'victim-support', recruitedOn: tomorrow }), 422, 'date-in-future');
      await accepted(recruit({ organisation: 'victim-support', recruitedOn: today }));
    });

    it('answers 404 for a volunteer that does not exist', async () => {
      const response = await read(randomUUID());
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'volunteer-not-found' });
    });
  });

  describe('training refusals', () => {
    it('refuses training a volunteer twice', async () => {
      const volunteerId = await recruited();
      await accepted(train(volunteerId, '2015-01-19'));
      await expectRefused(app, () => train(volunteerId, '2015-02-19'), 422, 'already-trained');
    });

    it('refuses training dated before the recruitment; on the recruitment date it is accepted', async () => {
      const volunteerId = await recruited('2015-01-05');
      await expectRefused(app, () => train(volunteerId, '2015-01-04'), 422, 'training-before-recruitment');
      await accepted(train(volunteerId, '2015-01-05'));
    });

    it('refuses training dated after today', async () => {
      const volunteerId = await recruited();
      await expectRefused(app, () => train(volunteerId, tomorrow), 422, 'date-in-future');
    });

    it('refuses training a volunteer who does not exist (404)', async () => {
      await expectRefused(app, () => train(randomUUID(), '2015-01-19'), 404, 'volunteer-not-found');
    });

    it('refuses training a volunteer who has left', async () => {
      const volunteerId = await recruited();
      await accepted(depart(volunteerId, '2015-03-01'));
      await expectRefused(app, () => train(volunteerId, '2015-03-01'), 422, 'volunteer-left');
    });

    it('refuses a training date that is not on the calendar (400)', async () => {
      const volunteerId = await recruited();
      const response = await expectRefused(app, () => train(volunteerId, '2015-02-30'), 400, 'invalid-request');
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'trainedOn' })]);
    });
  });

  describe('departure refusals', () => {
    it('refuses a second departure', async () => {
      const volunteerId = await recruited();
      await accepted(depart(volunteerId, '2015-03-01'));
      await expectRefused(app, () => depart(volunteerId, '2015-04-01'), 422, 'already-left');
    });

    it('refuses a departure dated after today', async () => {
      const volunteerId = await recruited();
      await expectRefused(app, () => depart(volunteerId, tomorrow), 422, 'date-in-future');
    });

    it('refuses a departure dated before the recruitment or the training', async () => {
      const volunteerId = await recruited('2015-01-05');
      await expectRefused(app, () => depart(volunteerId, '2015-01-04'), 422, 'date-before-previous-step');
      await accepted(train(volunteerId, '2015-02-01'));
      await expectRefused(app, () => depart(volunteerId, '2015-01-31'), 422, 'date-before-previous-step');
      await accepted(depart(volunteerId, '2015-02-01'));
    });

    it('refuses the departure of a volunteer who does not exist (404)', async () => {
      await expectRefused(app, () => depart(randomUUID(), '2015-03-01'), 404, 'volunteer-not-found');
    });
  });
});
