import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { expectAccepted, expectRefused } from './support/expectations';
import { Organisation } from '@safer-cases/domain';
import { Role } from '../apps/api/src/auth/actor';
import { startTestApp, TestApp, usernameOf } from './support/test-app';

const today = '2015-12-31';
const tomorrow = '2016-01-01';

/** Who records each step: the referrer a reoffence, Victim Support's coordinator the steps of the earlier restorative-justice cases, Home-Start's the rest. */
const rjSteps = ['acceptance', 'panel', 'agreement'];
const roleForStep = (path: string): Role => (path === 'reoffences' ? 'referrer' : rjSteps.includes(path) ? 'rj-coordinator' : 'coaching-coordinator');
const recorderOf = (type: string): string => (type === 'CaseReferred' || type === 'ReoffenceRecorded' ? usernameOf('referrer', 'council') : usernameOf('coaching-coordinator'));

const on = {
  recruited: '2014-12-01',
  trained: '2015-01-05',
  referred: '2015-02-02',
  assigned: '2015-02-09',
  started: '2015-02-16',
  completed: '2015-04-20',
  reoffence: '2015-06-01',
  closed: '2015-06-15',
};

/** The restorative-justice case a coaching referral may follow: agreement reached on `rj.agreement`. */
const rj = { offence: '2015-01-02', referred: '2015-01-05', accepted: '2015-01-12', agreement: '2015-01-19' };

type HistoryEntry = { type: string; date?: string; recordedAt: string; recordedBy: string; position: string; data: Record<string, unknown> };
type CaseView = { caseId: string; programme: string; personId: string; status: string; closed: boolean; state: Record<string, unknown>; history: HistoryEntry[] };
type CoachingSpell = { caseId: string; takenOn: string; releasedOn?: string };
type Stage = 'referred' | 'coach-assigned' | 'intervention-open' | 'completed';

describe('community coaching through HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const accepted = async (request: Test): Promise<Response> => expectAccepted(await request);

  /** Reoffences on the coaching cases here are recorded by the council, which referred them. */
  const step = (caseId: string, path: string, body: Record<string, unknown>): Test =>
    app
      .as(roleForStep(path), path === 'reoffences' ? 'council' : undefined)
      .post(`/api/cases/${caseId}/${path}`)
      .send(body);

  /** A referral sent by a referrer of the organisation it names. */
  const send = (body: Record<string, unknown>): Test =>
    app
      .as('referrer', (body.referrer as { organisation: Organisation }).organisation)
      .post('/api/cases')
      .send(body);

  const caseStream = (caseId: string): string => `case-${caseId}`;
  const volunteerStream = (volunteerId: string): string => `volunteer-${volunteerId}`;

  /** A volunteer recruited on `on.recruited`, trained on `on.trained` unless `trainedOn` is false. */
  const volunteer = async ({
    organisation = 'home-start',
    trainedOn = on.trained,
    leftOn,
  }: { organisation?: string; trainedOn?: string | false; leftOn?: string } = {}): Promise<string> => {
    const volunteerId = randomUUID();
    const keeper = organisation === 'victim-support' ? 'rj-coordinator' : 'coaching-coordinator';
    await accepted(app.as(keeper).post('/api/volunteers').send({ volunteerId, organisation, recruitedOn: on.recruited }));
    if (trainedOn !== false) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/training`).send({ trainedOn }));
    if (leftOn !== undefined) await accepted(app.as(keeper).post(`/api/volunteers/${volunteerId}/departure`).send({ leftOn }));
    return volunteerId;
  };

  const referral = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    caseId: randomUUID(),
    programme: 'community-coaching',
    referredOn: on.referred,
    referrer: { organisation: 'council', reference: 'EWS 77/15' },
    subject: { givenName: 'Kai', familyName: 'Brennan', dateOfBirth: '2001-09-03' },
    eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] },
    ...overrides,
  });

  const refer = async (overrides: Record<string, unknown> = {}): Promise<string> => (await accepted(send(referral(overrides)))).body.caseId;

  const assign = (caseId: string, volunteerId: string, assignedOn = on.assigned): Test => step(caseId, 'coach', { volunteerId, assignedOn });

  /** A coaching case taken to `stage` on the dates of `on`, with its own trained coach unless one is given. */
  const coachingCase = async (stage: Stage, coachId?: string): Promise<string> => {
    const caseId = await refer();
    if (stage === 'referred') return caseId;
    await accepted(assign(caseId, coachId ?? (await volunteer())));
    if (stage === 'coach-assigned') return caseId;
    await accepted(step(caseId, 'intervention/start', { startedOn: on.started }));
    if (stage === 'intervention-open') return caseId;
    await accepted(step(caseId, 'intervention/completion', { completedOn: on.completed }));
    return caseId;
  };

  /**
   * A restorative-justice case referred by the police, accepted, or taken on to an outcome
   * agreement; its subject's id is the server's, as every person's is.
   */
  const restorativeJusticeCase = async (stage: 'accepted' | 'agreement-reached'): Promise<{ caseId: string; personId: string }> => {
    const caseId = randomUUID();
    const referred = await accepted(
      send({
        caseId,
        programme: 'restorative-justice',
        referredOn: rj.referred,
        referrer: { organisation: 'police' },
        subject: { givenName: 'Kai', familyName: 'Brennan', dateOfBirth: '2001-09-03' },
        offence: { type: 'criminal damage', date: rj.offence },
        victim: { givenName: 'Pat' },
      }),
    );
    const personId: string = referred.body.personId;
    await accepted(step(caseId, 'acceptance', { acceptedOn: rj.accepted }));
    if (stage === 'accepted') return { caseId, personId };
    const facilitator = await volunteer({ organisation: 'victim-support' });
    await accepted(step(caseId, 'panel', { heldOn: rj.agreement, facilitatorIds: [facilitator], victimAttended: true }));
    await accepted(step(caseId, 'agreement', { reachedOn: rj.agreement, reparation: ['written apology'] }));
    return { caseId, personId };
  };

  const read = async (caseId: string, as: Role = 'coaching-coordinator'): Promise<CaseView> => {
    const response = await app.as(as).get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const spellsOf = async (volunteerId: string): Promise<CoachingSpell[]> => {
    const response = await app.as('coaching-coordinator').get(`/api/volunteers/${volunteerId}`);
    expect(response.status).toBe(200);
    return response.body.coachingSpells;
  };

  const carried = (spells: CoachingSpell[]): string[] => spells.filter((spell) => spell.releasedOn === undefined).map((spell) => spell.caseId);

  const timeline = (history: HistoryEntry[]) => history.map(({ type, date }) => ({ type, date }));

  describe('the journey of a person at risk, from referral to closure', () => {
    it('coaches a person referred on identified risk and shows the whole history', async () => {
      const recruitment = await accepted(app.as('coaching-coordinator').post('/api/volunteers').send({ organisation: 'home-start', recruitedOn: on.recruited, givenName: 'Sam' }));
      const coachId: string = recruitment.body.volunteerId;
      await accepted(app.as('coaching-coordinator').post(`/api/volunteers/${coachId}/training`).send({ trainedOn: on.trained }));

      const eligibility = { basis: 'risk-identified', indicators: ['regular truancy', 'two school suspensions'] };
      const referred = await accepted(send(referral({ caseId: undefined, eligibility })));
      expect(referred.status).toBe(201);
      const { caseId, personId } = referred.body;

      await accepted(assign(caseId, coachId));
      await accepted(step(caseId, 'intervention/start', { startedOn: on.started }));
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-02-23', hours: 0.25 }));
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-03-09', hours: 8 }));
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-03-02', hours: 1.5 }));
      expect(await spellsOf(coachId)).toEqual([{ caseId, takenOn: on.assigned }]);
      const completion = await accepted(step(caseId, 'intervention/completion', { completedOn: on.completed }));
      await accepted(step(caseId, 'reoffences', { offenceDate: on.reoffence, reference: 'CRIS 4321/15' }));
      await accepted(step(caseId, 'closure', { closedOn: on.closed, reason: 'intervention complete' }));

      const view = await read(caseId);
      expect(view).toMatchObject({ caseId, programme: 'community-coaching', personId, status: 'completed', closed: true });
      expect(view.state).toMatchObject({ volunteerId: coachId, startedOn: on.started, completedOn: on.completed, quarterHours: 39, sessionCount: 3 });
      expect(timeline(view.history)).toEqual([
        { type: 'CaseReferred', date: on.referred },
        { type: 'CoachAssigned', date: on.assigned },
        { type: 'InterventionStarted', date: on.started },
        { type: 'CoachingSessionLogged', date: '2015-02-23' },
        { type: 'CoachingSessionLogged', date: '2015-03-09' },
        { type: 'CoachingSessionLogged', date: '2015-03-02' },
        { type: 'InterventionCompleted', date: on.completed },
        { type: 'ReoffenceRecorded', date: on.reoffence },
        { type: 'CaseClosed', date: on.closed },
      ]);
      for (const { type, recordedAt, recordedBy } of view.history) {
        expect({ type, recordedAt, recordedBy }).toEqual({ type, recordedAt: `${today}T12:00:00.000Z`, recordedBy: recorderOf(type) });
      }
      expect(view.history[0].data).toEqual({
        caseId,
        programme: 'community-coaching',
        referredOn: on.referred,
        referrer: { organisation: 'council', reference: 'EWS 77/15' },
        personId,
        eligibility,
      });
      expect(view.history[1].data).toEqual({ caseId, volunteerId: coachId, assignedOn: on.assigned });
      expect(view.history.slice(3, 6).map((entry) => entry.data.hours)).toEqual([0.25, 8, 1.5]);

      expect(await spellsOf(coachId)).toEqual([{ caseId, takenOn: on.assigned, releasedOn: on.completed }]);
      expect(await app.streamLength(caseStream(caseId))).toBe(9);
      expect(await app.streamLength(volunteerStream(coachId))).toBe(4);
      expect(BigInt(completion.body.position)).toBeGreaterThan(BigInt(view.history[6].position));
    });

    it('records a withdrawn intervention, with its date and reason, and frees the coach', async () => {
      const coachId = await volunteer();
      const caseId = await coachingCase('intervention-open', coachId);
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-02-20', hours: 1 }));
      await accepted(step(caseId, 'intervention/withdrawal', { on: '2015-03-01', reason: 'moved out of the borough' }));
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: '2015-03-02', hours: 1 }), 422, 'intervention-not-open');

      const view = await read(caseId);
      expect(view).toMatchObject({ status: 'withdrawn', closed: false });
      expect(view.history[4]).toMatchObject({ type: 'InterventionWithdrawn', data: { caseId, on: '2015-03-01', reason: 'moved out of the borough' } });
      expect(view.history[4].date).toBe('2015-03-01');
      expect(await spellsOf(coachId)).toEqual([{ caseId, takenOn: on.assigned, releasedOn: '2015-03-01' }]);
    });

    it('answers 404 for a coaching step on a case that does not exist', async () => {
      const coachId = await volunteer();
      await expectRefused(app, () => assign(randomUUID(), coachId), 404, 'case-not-found');
      await expectRefused(app, () => step(randomUUID(), 'intervention/start', { startedOn: on.started }), 404, 'case-not-found');
      await expectRefused(app, () => step(randomUUID(), 'sessions', { sessionOn: on.started, hours: 1 }), 404, 'case-not-found');
      await expectRefused(app, () => step(randomUUID(), 'intervention/completion', { completedOn: on.completed }), 404, 'case-not-found');
    });
  });

  describe('eligibility', () => {
    /** The coaching referral that follows an earlier case, sent by the police, who referred that case and so may see it. */
    const afterRestorativeJustice = (personId: string, linkedCaseId?: string, basis = 'completed-restorative-justice'): Record<string, unknown> =>
      referral({ referrer: { organisation: 'police' }, subject: { personId }, eligibility: linkedCaseId === undefined ? { basis } : { basis, linkedCaseId } });

    const referOrRefuse = (body: Record<string, unknown>) => () => send(body);

    it('takes a person who reached an outcome agreement in restorative justice, naming that case', async () => {
      const { caseId: linkedCaseId, personId } = await restorativeJusticeCase('agreement-reached');
      const referred = await accepted(send(afterRestorativeJustice(personId, linkedCaseId)));
      expect(referred.body.personId).toBe(personId);
      const caseId: string = referred.body.caseId;
      await accepted(assign(caseId, await volunteer()));

      const view = await read(caseId);
      expect(view).toMatchObject({ programme: 'community-coaching', personId, status: 'coach-assigned' });
      expect(view.history[0].data.eligibility).toEqual({ basis: 'completed-restorative-justice', linkedCaseId });
      expect((await read(linkedCaseId, 'rj-coordinator')).status).toBe('agreement-reached');
    });

    it('refuses a linked case of another person', async () => {
      const { caseId: linkedCaseId } = await restorativeJusticeCase('agreement-reached');
      const { personId: someoneElse } = await restorativeJusticeCase('accepted');
      await expectRefused(app, referOrRefuse(afterRestorativeJustice(someoneElse, linkedCaseId)), 422, 'linked-case-other-person');
      const withoutPerson = { ...afterRestorativeJustice(someoneElse, linkedCaseId), subject: { givenName: 'Kai' } };
      await expectRefused(app, referOrRefuse(withoutPerson), 422, 'linked-case-other-person');
    });

    it('refuses a linked restorative-justice case without an outcome agreement', async () => {
      const { caseId: linkedCaseId, personId } = await restorativeJusticeCase('accepted');
      await expectRefused(app, referOrRefuse(afterRestorativeJustice(personId, linkedCaseId)), 422, 'linked-case-not-completed');
    });

    it('refuses a linked case of another programme than the basis names', async () => {
      const { caseId: restorative, personId } = await restorativeJusticeCase('agreement-reached');
      await expectRefused(app, referOrRefuse(afterRestorativeJustice(personId, restorative, 'completed-conditional-caution')), 422, 'linked-case-wrong-programme');
      const coaching = await refer({ referrer: { organisation: 'police' }, subject: { personId } });
      await expectRefused(app, referOrRefuse(afterRestorativeJustice(personId, coaching)), 422, 'linked-case-wrong-programme');
    });

    it('refuses a linked case that does not exist (404), and answers the same for one the referrer may not see', async () => {
      const { caseId: policeCase } = await restorativeJusticeCase('agreement-reached');
      const fresh = { subject: { givenName: 'Kai' } };
      await expectRefused(app, referOrRefuse({ ...afterRestorativeJustice('', randomUUID()), ...fresh }), 404, 'linked-case-not-found');
      await expectRefused(app, referOrRefuse({ ...afterRestorativeJustice('', randomUUID(), 'completed-conditional-caution'), ...fresh }), 404, 'linked-case-not-found');
      await expectRefused(app, referOrRefuse({ ...afterRestorativeJustice('', policeCase), ...fresh, referrer: { organisation: 'council' } }), 404, 'linked-case-not-found');
    });

    it('refuses a completed-programme basis that names no linked case', async () => {
      const fresh = { subject: { givenName: 'Kai' } };
      await expectRefused(app, referOrRefuse({ ...afterRestorativeJustice(''), ...fresh }), 422, 'linked-case-required');
      await expectRefused(app, referOrRefuse({ ...afterRestorativeJustice('', undefined, 'completed-conditional-caution'), ...fresh }), 422, 'linked-case-required');
    });

    it('refuses identified risk with no indicator, an empty list or a blank one', async () => {
      await expectRefused(app, referOrRefuse(referral({ eligibility: { basis: 'risk-identified' } })), 422, 'indicators-required');
      await expectRefused(app, referOrRefuse(referral({ eligibility: { basis: 'risk-identified', indicators: [] } })), 422, 'indicators-required');
      const blank = await expectRefused(app, referOrRefuse(referral({ eligibility: { basis: 'risk-identified', indicators: ['police contact', '   '] } })), 400, 'invalid-request');
      expect(blank.body.details).toEqual([{ field: 'eligibility.indicators', problems: ['indicators must not be blank (item 2)'], constraints: ['isFreeText'] }]);
    });

    it('refuses a coaching referral with no eligibility at all', async () => {
      await expectRefused(app, referOrRefuse(referral({ eligibility: undefined })), 422, 'eligibility-required');
    });

    it('refuses an unknown basis at the edge (400)', async () => {
      const response = await expectRefused(app, referOrRefuse(referral({ eligibility: { basis: 'bad-attitude', indicators: ['x'] } })), 400, 'invalid-request');
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'eligibility.basis' })]);
    });
  });

  describe('a coach carries at most five interventions', () => {
    /** A fresh coach carrying `count` cases, each assigned on `on.assigned`. */
    const coachCarrying = async (count: number): Promise<{ coachId: string; caseIds: string[] }> => {
      const coachId = await volunteer();
      const caseIds: string[] = [];
      for (let i = 0; i < count; i++) caseIds.push(await coachingCase('coach-assigned', coachId));
      return { coachId, caseIds };
    };

    it('refuses a sixth case and writes nothing, on the case or on the coach', async () => {
      const { coachId, caseIds } = await coachCarrying(5);
      const sixth = await refer();
      await expectRefused(app, () => assign(sixth, coachId), 422, 'coach-at-capacity');
      await expectRefused(app, () => assign(sixth, coachId, today), 422, 'coach-at-capacity');
      expect(await app.streamLength(caseStream(sixth))).toBe(1);
      expect(await app.streamLength(volunteerStream(coachId))).toBe(7);
      expect(carried(await spellsOf(coachId)).sort()).toEqual([...caseIds].sort());
      expect((await read(sixth)).status).toBe('referred');
    });

    it('frees the coach from the date an intervention is completed', async () => {
      const { coachId, caseIds } = await coachCarrying(5);
      await accepted(step(caseIds[0], 'intervention/start', { startedOn: on.started }));
      await accepted(step(caseIds[0], 'intervention/completion', { completedOn: on.completed }));
      const sixth = await refer();
      await expectRefused(app, () => assign(sixth, coachId, '2015-04-19'), 422, 'coach-at-capacity');
      await accepted(assign(sixth, coachId, on.completed));
      expect(carried(await spellsOf(coachId)).sort()).toEqual([...caseIds.slice(1), sixth].sort());
    });

    it('frees the coach from the date a coaching case is closed', async () => {
      const { coachId, caseIds } = await coachCarrying(5);
      await accepted(step(caseIds[2], 'closure', { closedOn: '2015-03-01', reason: 'family moved away' }));
      expect((await spellsOf(coachId)).find((spell) => spell.caseId === caseIds[2])).toEqual({ caseId: caseIds[2], takenOn: on.assigned, releasedOn: '2015-03-01' });
      const sixth = await refer();
      await expectRefused(app, () => assign(sixth, coachId, '2015-02-28'), 422, 'coach-at-capacity');
      await accepted(assign(sixth, coachId, '2015-03-01'));
    });

    it('frees the coach from the date an intervention is withdrawn', async () => {
      const { coachId, caseIds } = await coachCarrying(5);
      await accepted(step(caseIds[4], 'intervention/start', { startedOn: on.started }));
      await accepted(step(caseIds[4], 'intervention/withdrawal', { on: '2015-03-02', reason: 'declined further sessions' }));
      const sixth = await refer();
      await expectRefused(app, () => assign(sixth, coachId, '2015-03-01'), 422, 'coach-at-capacity');
      await accepted(assign(sixth, coachId, '2015-03-02'));
    });

    it('judges capacity on business dates: an earlier assignment may not overlap five later ones', async () => {
      const coachId = await volunteer();
      const later: string[] = [];
      for (let i = 0; i < 5; i++) {
        const caseId = await refer();
        await accepted(assign(caseId, coachId, '2015-03-02'));
        later.push(caseId);
      }
      const earlier = await refer();
      await expectRefused(app, () => assign(earlier, coachId, on.assigned), 422, 'coach-at-capacity');
      await accepted(step(later[0], 'closure', { closedOn: '2015-03-02' }));
      await accepted(assign(earlier, coachId, on.assigned));
    });

    it('gives exactly five of eight racing assignments to a coach, and refuses the rest', async () => {
      const coachId = await volunteer();
      const caseIds: string[] = [];
      for (let i = 0; i < 8; i++) caseIds.push(await refer());
      const before = await app.eventCount();

      const answers = await Promise.all(caseIds.map((caseId) => assign(caseId, coachId).then((response) => ({ caseId, response }))));

      const winners = answers.filter(({ response }) => response.status === 201).map(({ caseId }) => caseId);
      const losers = answers.filter(({ response }) => response.status !== 201);
      expect(winners).toHaveLength(5);
      expect(losers.map(({ response }) => ({ status: response.status, code: response.body.code }))).toEqual(
        Array.from({ length: 3 }, () => ({ status: 422, code: 'coach-at-capacity' })),
      );
      expect(await app.eventCount()).toBe(before + 10);
      const spells = await spellsOf(coachId);
      expect(spells).toHaveLength(5);
      expect(carried(spells).sort()).toEqual([...winners].sort());
      for (const { caseId } of losers) expect(await app.streamLength(caseStream(caseId))).toBe(1);
      for (const caseId of winners) expect((await read(caseId)).status).toBe('coach-assigned');
    });

    it('gives each case to one of the coaches racing for it, and writes nothing for the others', async () => {
      const caseIds: string[] = [];
      for (let i = 0; i < 4; i++) caseIds.push(await refer());
      const coaches = [await volunteer(), await volunteer(), await volunteer()];
      const before = await app.eventCount();

      const answers = await Promise.all(caseIds.flatMap((caseId) => coaches.map((coachId) => assign(caseId, coachId).then((response) => ({ caseId, response })))));

      for (const caseId of caseIds) {
        const statuses = answers.filter((answer) => answer.caseId === caseId).map(({ response }) => ({ status: response.status, code: response.body.code }));
        expect(statuses.sort((a, b) => a.status - b.status)).toEqual([
          { status: 201, code: undefined },
          { status: 422, code: 'coach-already-assigned' },
          { status: 422, code: 'coach-already-assigned' },
        ]);
      }
      const spells = (await Promise.all(coaches.map(spellsOf))).flat();
      expect(spells.map((spell) => spell.caseId).sort()).toEqual([...caseIds].sort());
      expect(await app.eventCount()).toBe(before + 2 * caseIds.length);
    });
  });

  describe('the coach', () => {
    it('refuses a coach never trained, or trained after the assignment; trained that day is accepted', async () => {
      const caseId = await coachingCase('referred');
      const untrained = await volunteer({ trainedOn: false });
      const trainedLater = await volunteer({ trainedOn: '2015-02-10' });
      await expectRefused(app, () => assign(caseId, untrained), 422, 'coach-not-trained');
      await expectRefused(app, () => assign(caseId, trainedLater), 422, 'coach-not-trained');
      await accepted(assign(caseId, await volunteer({ trainedOn: on.assigned })));
    });

    it('refuses a coach who left on the assignment date; one who left the day after is accepted', async () => {
      const caseId = await coachingCase('referred');
      const leftThatDay = await volunteer({ leftOn: on.assigned });
      const leftBefore = await volunteer({ leftOn: '2015-01-31' });
      await expectRefused(app, () => assign(caseId, leftThatDay), 422, 'coach-left');
      await expectRefused(app, () => assign(caseId, leftBefore), 422, 'coach-left');
      await accepted(assign(caseId, await volunteer({ leftOn: '2015-02-10' })));
    });

    it('refuses a Victim Support volunteer as coach', async () => {
      const caseId = await coachingCase('referred');
      const facilitator = await volunteer({ organisation: 'victim-support' });
      await expectRefused(app, () => assign(caseId, facilitator), 422, 'coach-not-home-start');
    });

    it('refuses a coach who is not a volunteer at all (404)', async () => {
      const caseId = await coachingCase('referred');
      await expectRefused(app, () => assign(caseId, randomUUID()), 404, 'coach-not-found');
    });

    it('refuses a second coach, even the same one again', async () => {
      const coachId = await volunteer();
      const caseId = await coachingCase('coach-assigned', coachId);
      const other = await volunteer();
      await expectRefused(app, () => assign(caseId, other, '2015-02-10'), 422, 'coach-already-assigned');
      await expectRefused(app, () => assign(caseId, coachId, '2015-02-10'), 422, 'coach-already-assigned');
      expect(await app.streamLength(volunteerStream(coachId))).toBe(3);
    });

    it('refuses an assignment dated after today or before the referral; on the referral date it is accepted', async () => {
      const caseId = await coachingCase('referred');
      const coachId = await volunteer();
      await expectRefused(app, () => assign(caseId, coachId, tomorrow), 422, 'date-in-future');
      await expectRefused(app, () => assign(caseId, coachId, '2015-02-01'), 422, 'date-before-previous-step');
      await accepted(assign(caseId, coachId, on.referred));
    });

    it('refuses a coach id or date that is malformed at the edge (400)', async () => {
      const caseId = await coachingCase('referred');
      const coachId = await volunteer();
      const badId = await expectRefused(app, () => step(caseId, 'coach', { volunteerId: 'coach-7', assignedOn: on.assigned }), 400, 'invalid-request');
      expect(badId.body.details).toEqual([expect.objectContaining({ field: 'volunteerId' })]);
      const badDate = await expectRefused(app, () => step(caseId, 'coach', { volunteerId: coachId, assignedOn: '2015-02-30' }), 400, 'invalid-request');
      expect(badDate.body.details).toEqual([expect.objectContaining({ field: 'assignedOn' })]);
    });
  });

  describe('the intervention', () => {
    it('refuses to start before a coach is assigned, or twice', async () => {
      const caseId = await coachingCase('referred');
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: on.started }), 422, 'intervention-before-coach');
      await accepted(assign(caseId, await volunteer()));
      await accepted(step(caseId, 'intervention/start', { startedOn: on.started }));
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: '2015-02-17' }), 422, 'intervention-already-started');
    });

    it('refuses a start dated after today or before the assignment; on the assignment date it is accepted', async () => {
      const caseId = await coachingCase('coach-assigned');
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: '2015-02-08' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'intervention/start', { startedOn: on.assigned }));
    });

    it('refuses a session, a completion or a withdrawal before the intervention starts', async () => {
      const caseId = await coachingCase('coach-assigned');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: on.started, hours: 1 }), 422, 'intervention-not-open');
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: on.completed }), 422, 'intervention-not-open');
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: on.completed, reason: 'never began' }), 422, 'intervention-not-open');
    });

    it('refuses a session, a completion or a withdrawal once the intervention is completed', async () => {
      const caseId = await coachingCase('completed');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: on.completed, hours: 1 }), 422, 'intervention-not-open');
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: on.completed }), 422, 'intervention-not-open');
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: on.completed, reason: 'too late' }), 422, 'intervention-not-open');
    });

    it('refuses a session dated before the start or after today; sessions otherwise come in any order', async () => {
      const caseId = await coachingCase('intervention-open');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: '2015-02-15', hours: 1 }), 422, 'session-before-start');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: tomorrow, hours: 1 }), 422, 'date-in-future');
      await accepted(step(caseId, 'sessions', { sessionOn: today, hours: 1 }));
      await accepted(step(caseId, 'sessions', { sessionOn: on.started, hours: 1 }));
    });

    it('refuses 0 and 8.25 hours at the edge (400), and hours that are not quarter hours as a rule (422)', async () => {
      const caseId = await coachingCase('intervention-open');
      for (const hours of [0, 8.25, -1, '1.5']) {
        const response = await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: on.started, hours }), 400, 'invalid-request');
        expect(response.body.details).toEqual([expect.objectContaining({ field: 'hours' })]);
      }
      for (const hours of [0.3, 1.1, 7.9]) {
        const response = await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: on.started, hours }), 422, 'session-hours');
        expect(response.body.details).toEqual({ field: 'hours' });
      }
      await accepted(step(caseId, 'sessions', { sessionOn: on.started, hours: 0.25 }));
      await accepted(step(caseId, 'sessions', { sessionOn: on.started, hours: 8 }));
      expect((await read(caseId)).state).toMatchObject({ quarterHours: 33, sessionCount: 2 });
    });

    it('refuses a completion dated after today or before the latest session', async () => {
      const caseId = await coachingCase('intervention-open');
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-04-01', hours: 2 }));
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-03-01', hours: 2 }));
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: '2015-03-31' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'intervention/completion', { completedOn: '2015-04-01' }));
    });

    it('refuses a withdrawal dated after today or before the latest session', async () => {
      const caseId = await coachingCase('intervention-open');
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-04-01', hours: 2 }));
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: tomorrow, reason: 'stopped coming' }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: '2015-03-31', reason: 'stopped coming' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'intervention/withdrawal', { on: '2015-04-01', reason: 'stopped coming' }));
    });
  });

  describe('a closed case', () => {
    it('refuses a closure dated after today or before the latest session of an open intervention', async () => {
      const coachId = await volunteer();
      const caseId = await coachingCase('intervention-open', coachId);
      await accepted(step(caseId, 'sessions', { sessionOn: '2015-04-01', hours: 2 }));
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: tomorrow }), 422, 'date-in-future');
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: '2015-03-31' }), 422, 'date-before-previous-step');
      await accepted(step(caseId, 'closure', { closedOn: '2015-04-01' }));
      expect(await spellsOf(coachId)).toEqual([{ caseId, takenOn: on.assigned, releasedOn: '2015-04-01' }]);
    });

    it('refuses every coaching step but a reoffence', async () => {
      const caseId = await coachingCase('intervention-open');
      await accepted(step(caseId, 'closure', { closedOn: '2015-03-01' }));
      const before = await app.streamLength(caseStream(caseId));
      const otherCoach = await volunteer();
      await expectRefused(app, () => assign(caseId, otherCoach, '2015-03-02'), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: '2015-03-02' }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: '2015-03-02', hours: 1 }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: '2015-03-02' }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: '2015-03-02', reason: 'closed' }), 422, 'case-closed');
      await expectRefused(app, () => step(caseId, 'closure', { closedOn: '2015-03-02' }), 422, 'case-closed');
      await accepted(step(caseId, 'reoffences', { offenceDate: '2015-11-30' }));
      expect(await app.streamLength(caseStream(caseId))).toBe(before + 1);
      expect(await spellsOf(otherCoach)).toEqual([]);
    });
  });

  describe('another programme’s case', () => {
    it('refuses every coaching step on a restorative-justice case: not a case the coaching coordinator works on (403)', async () => {
      const { caseId } = await restorativeJusticeCase('agreement-reached');
      const coachId = await volunteer();
      await expectRefused(app, () => assign(caseId, coachId), 403, 'forbidden');
      await expectRefused(app, () => step(caseId, 'intervention/start', { startedOn: on.started }), 403, 'forbidden');
      await expectRefused(app, () => step(caseId, 'sessions', { sessionOn: on.started, hours: 1 }), 403, 'forbidden');
      await expectRefused(app, () => step(caseId, 'intervention/completion', { completedOn: on.completed }), 403, 'forbidden');
      await expectRefused(app, () => step(caseId, 'intervention/withdrawal', { on: on.completed, reason: 'wrong case' }), 403, 'forbidden');
      expect(await spellsOf(coachId)).toEqual([]);
    });
  });
});
