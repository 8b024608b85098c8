import { MasterKey } from '../apps/api/src/people/master-key';
import { Organisation, Programme } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../apps/api/src/app.module';
import { Role, roles } from '../apps/api/src/auth/actor';
import { expectAccepted, expectRefused } from './support/expectations';
import { registeredRoutes } from './support/registered-routes';
import { startTestApp, TestApp } from './support/test-app';

const today = '2015-12-31';

const referrer = 'referrer';
const rj = 'rj-coordinator';
const caution = 'caution-officer';
const coaching = 'coaching-coordinator';
const iom = 'iom-officer';
const commissioner = 'commissioner';
const admin = 'admin';

/**
 * Who may call each route, written out again here on purpose (not read from auth/policy.ts),
 * so that a change to the policy shows up as a failing row of this table.
 */
const expected: Record<string, readonly Role[]> = {
  'POST /api/users': [admin],
  'GET /api/users': [admin],
  'POST /api/users/:id/unlock': [admin],
  'POST /api/users/:id/password-reset': [admin],
  'POST /api/users/:id/disable': [admin],
  'POST /api/users/:id/enable': [admin],
  'POST /api/cases': [referrer],
  'GET /api/cases': [referrer, rj, caution, coaching, iom],
  'GET /api/cases/:id': [referrer, rj, caution, coaching, iom],
  'GET /api/cases/:id/people': [referrer, rj, caution, coaching, iom],
  'POST /api/cases/:id/reoffences': [referrer],
  'POST /api/cases/:id/closure': [rj, caution, coaching, iom],
  'POST /api/cases/:id/corrections': [referrer, rj, caution, coaching, iom],
  'POST /api/cases/:id/reopening': [rj, caution, coaching, iom],
  'POST /api/cases/:id/acceptance': [rj],
  'POST /api/cases/:id/decline': [rj],
  'POST /api/cases/:id/panel': [rj],
  'POST /api/cases/:id/agreement': [rj],
  'POST /api/cases/:id/no-agreement': [rj],
  'POST /api/cases/:id/agreement/upheld': [rj],
  'POST /api/cases/:id/agreement/breached': [rj],
  'POST /api/cases/:id/victim-survey': [rj],
  'POST /api/cases/:id/booking': [caution],
  'DELETE /api/cases/:id/booking': [caution],
  'POST /api/cases/:id/fee': [caution],
  'POST /api/cases/:id/attendance': [caution],
  'POST /api/cases/:id/course-completion': [caution],
  'POST /api/cases/:id/breach': [caution],
  'POST /api/courses': [caution],
  'GET /api/courses': [caution],
  'GET /api/courses/:id': [caution],
  'POST /api/cases/:id/coach': [coaching],
  'POST /api/cases/:id/intervention/start': [coaching],
  'POST /api/cases/:id/sessions': [coaching],
  'POST /api/cases/:id/intervention/completion': [coaching],
  'POST /api/cases/:id/intervention/withdrawal': [coaching],
  'POST /api/cases/:id/adoption': [iom],
  'POST /api/cases/:id/comparison': [iom],
  'POST /api/cases/:id/iom-exit': [iom],
  'POST /api/cases/:id/convictions': [iom],
  'POST /api/cases/:id/arrests': [iom],
  'POST /api/volunteers': [rj, coaching],
  'GET /api/volunteers': [rj, coaching],
  'GET /api/volunteers/:id': [rj, coaching],
  'POST /api/volunteers/:id/training': [rj, coaching],
  'POST /api/volunteers/:id/departure': [rj, coaching],
  'GET /api/targets': [rj, caution, coaching, commissioner],
  'GET /api/targets/series': [rj, caution, coaching, commissioner],
  'POST /api/people/:id/erasure': [admin],
  'GET /api/people/:id/export': [admin],
  'GET /api/audit': [admin],
};
const open = ['GET /health', 'POST /api/auth/login'];
const routes = registeredRoutes(AppModule.register({ databaseUrl: 'postgres://nobody@localhost:1/none', masterKey: MasterKey.fromBytes(Buffer.alloc(32, 1)) }));
const guarded = routes.filter((route) => !open.includes(route));

type Verdict = 'allowed' | 'denied';
const verdictOf = (status: number): Verdict | number => (status === 403 ? 'denied' : status === 401 ? 401 : 'allowed');

describe('who may do what: every route for every role', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  /** The route called with a fresh id and a minimal body: a 400, 404 or 422 still counts as let through. */
  const call = (route: string, as?: Role) => {
    const [method, path] = route.split(' ');
    const url = path.replace(':id', randomUUID());
    const agent = as ? app.as(as) : app.http();
    switch (method) {
      case 'GET':
        return agent.get(url);
      case 'DELETE':
        return agent.delete(url);
      default:
        return agent.post(url).send({});
    }
  };

  it('has a row for every route the app serves, and names no route it does not', () => {
    expect(guarded.filter((route) => !(route in expected))).toEqual([]);
    expect(Object.keys(expected).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it.each(guarded)('%s answers 401 without a token', async (route) => {
    const response = await call(route);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });

  it.each(guarded)('%s is open to its roles only', async (route) => {
    const verdicts: Record<string, Verdict | number> = {};
    for (const role of roles) verdicts[role] = verdictOf((await call(route, role)).status);
    const wanted = Object.fromEntries(roles.map((role) => [role, expected[route].includes(role) ? 'allowed' : 'denied']));
    expect(verdicts).toEqual(wanted);
  });

  it.each(open)('%s needs no token', async (route) => {
    const response = route === 'GET /health' ? await app.http().get('/health') : await app.http().post('/api/auth/login').send({ username: 'nobody', password: 'nothing' });
    expect([200, 401]).toContain(response.status);
    expect(response.body.code).not.toBe('unauthenticated');
  });
});

describe('who may work on which case', () => {
  let app: TestApp;
  const cases: Record<string, { caseId: string; programme: Programme; referredBy: Organisation }> = {};

  const bodyFor = (programme: Programme, organisation: Organisation) => ({
    programme,
    referredOn: '2015-06-01',
    referrer: { organisation },
    subject: { givenName: 'Sam' },
    offence: programme === 'community-coaching' || programme === 'iom' ? undefined : { type: 'criminal damage', date: '2015-05-20' },
    eligibility: programme === 'community-coaching' ? { basis: 'risk-identified', indicators: ['regular truancy'] } : undefined,
  });

  beforeAll(async () => {
    app = await startTestApp(today);
    const made: [string, Programme, Organisation][] = [
      ['rj by police', 'restorative-justice', 'police'],
      ['rj by council', 'restorative-justice', 'council'],
      ['caution by police', 'conditional-caution', 'police'],
      ['coaching by probation', 'community-coaching', 'probation'],
      ['iom by probation', 'iom', 'probation'],
      ['iom by police', 'iom', 'police'],
    ];
    for (const [name, programme, organisation] of made) {
      const { caseId } = expectAccepted(await app.as(referrer, organisation).post('/api/cases').send(bodyFor(programme, organisation))).body;
      cases[name] = { caseId, programme, referredBy: organisation };
    }
  });
  afterAll(() => app.close());

  const coordinatorOf: Record<Programme, Role> = { 'restorative-justice': rj, 'conditional-caution': caution, 'community-coaching': coaching, iom };
  const actors: [Role, Organisation | undefined][] = [
    [referrer, 'police'],
    [referrer, 'probation'],
    [referrer, 'council'],
    [rj, undefined],
    [caution, undefined],
    [coaching, undefined],
    [iom, 'police'],
    [iom, 'probation'],
    [commissioner, undefined],
    [admin, undefined],
  ];

  it('lets a referrer read the cases of their organisation, each coordinator those of their programme, and nobody else', async () => {
    for (const [name, { caseId, programme, referredBy }] of Object.entries(cases)) {
      for (const [role, organisation] of actors) {
        const status = (await app.as(role, organisation).get(`/api/cases/${caseId}`)).status;
        const allowed = role === referrer ? organisation === referredBy : role === coordinatorOf[programme];
        expect({ name, role, organisation, status }).toEqual({ name, role, organisation, status: allowed ? 200 : 403 });
      }
    }
  });

  it('refuses a coordinator the closure and the steps of another programme’s case, writing nothing', async () => {
    const { caseId } = cases['rj by police'];
    await expectRefused(app, () => app.as(caution).post(`/api/cases/${caseId}/closure`).send({ closedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(coaching).post(`/api/cases/${caseId}/closure`).send({ closedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(caution).post(`/api/cases/${caseId}/fee`).send({ paidOn: today, amountPence: 4400 }), 403, 'forbidden');
    await expectRefused(app, () => app.as(caution).delete(`/api/cases/${caseId}/booking`), 403, 'forbidden');
    await expectRefused(app, () => app.as(coaching).post(`/api/cases/${caseId}/intervention/start`).send({ startedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(rj).post(`/api/cases/${cases['caution by police'].caseId}/closure`).send({ closedOn: today }), 403, 'forbidden');
    expect(await app.streamLength(`case-${caseId}`)).toBe(1);
  });

  it('keeps the IOM officer to IOM cases, and the other coordinators off them, writing nothing', async () => {
    const rjCase = cases['rj by police'].caseId;
    const iomCase = cases['iom by probation'].caseId;
    await expectRefused(app, () => app.as(iom).post(`/api/cases/${rjCase}/closure`).send({ closedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(iom, 'probation').post(`/api/cases/${rjCase}/corrections`).send({ revision: 0, reason: 'Wrong case' }), 403, 'forbidden');
    await expectRefused(app, () => app.as(rj).post(`/api/cases/${iomCase}/closure`).send({ closedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(coaching).post(`/api/cases/${iomCase}/closure`).send({ closedOn: today }), 403, 'forbidden');
    await expectRefused(app, () => app.as(rj).post(`/api/cases/${iomCase}/corrections`).send({ revision: 0, reason: 'Wrong case' }), 403, 'forbidden');
    // Who may work on the case is asked before any rule: an open case of another programme is theirs to reopen no more than a closed one.
    await expectRefused(app, () => app.as(coaching).post(`/api/cases/${iomCase}/reopening`).send({ on: today, reason: 'Closed by mistake' }), 403, 'forbidden');
    await expectRefused(app, () => app.as(iom).post(`/api/cases/${rjCase}/reopening`).send({ on: today, reason: 'Closed by mistake' }), 403, 'forbidden');
    expect(await app.streamLength(`case-${rjCase}`)).toBe(1);
    expect(await app.streamLength(`case-${iomCase}`)).toBe(1);
  });

  it('lets police and probation referrers refer to IOM (as made above), and refuses the council’s referral by the rule it breaks', async () => {
    await expectRefused(app, () => app.as(referrer, 'council').post('/api/cases').send(bodyFor('iom', 'council')), 422, 'iom-referrer-not-police-or-probation');
  });

  it('lets a referrer record a reoffence on their organisation’s case only', async () => {
    const { caseId } = cases['coaching by probation'];
    await expectRefused(app, () => app.as(referrer, 'police').post(`/api/cases/${caseId}/reoffences`).send({ offenceDate: '2015-07-01' }), 403, 'forbidden');
    expectAccepted(await app.as(referrer, 'probation').post(`/api/cases/${caseId}/reoffences`).send({ offenceDate: '2015-07-01' }));
  });

  it('lets a referrer refer as their own organisation only', async () => {
    await expectRefused(app, () => app.as(referrer, 'police').post('/api/cases').send(bodyFor('restorative-justice', 'probation')), 403, 'forbidden');
    await expectRefused(app, () => app.as(referrer, 'council').post('/api/cases').send(bodyFor('conditional-caution', 'police')), 403, 'forbidden');
  });

  it('lists for each the cases they may read, and refuses a coordinator another programme’s list', async () => {
    await app.caughtUp();
    const listed = async (role: Role, organisation?: Organisation, query = ''): Promise<string[]> => {
      const response = await app.as(role, organisation).get(`/api/cases?limit=100${query}`);
      expect(response.status).toBe(200);
      return response.body.items.map((item: { caseId: string }) => item.caseId).sort();
    };
    const ids = (...names: string[]) => names.map((name) => cases[name].caseId).sort();

    expect(await listed(referrer, 'police')).toEqual(ids('rj by police', 'caution by police', 'iom by police'));
    expect(await listed(referrer, 'police', '&programme=restorative-justice')).toEqual(ids('rj by police'));
    expect(await listed(referrer, 'council')).toEqual(ids('rj by council'));
    expect(await listed(rj)).toEqual(ids('rj by police', 'rj by council'));
    expect(await listed(rj, undefined, '&programme=restorative-justice')).toEqual(ids('rj by police', 'rj by council'));
    expect(await listed(coaching)).toEqual(ids('coaching by probation'));
    expect(await listed(referrer, 'probation', '&programme=iom')).toEqual(ids('iom by probation'));
    expect(await listed(iom, 'police')).toEqual(ids('iom by probation', 'iom by police'));
    expect(await listed(iom, 'probation', '&programme=iom')).toEqual(ids('iom by probation', 'iom by police'));
    expect((await app.as(rj).get('/api/cases?programme=conditional-caution')).status).toBe(403);
    expect((await app.as(iom).get('/api/cases?programme=restorative-justice')).status).toBe(403);
  });
});

describe('who keeps which volunteers', () => {
  let app: TestApp;
  let victimSupport: string;
  let homeStart: string;

  beforeAll(async () => {
    app = await startTestApp(today);
    victimSupport = expectAccepted(await app.as(rj).post('/api/volunteers').send({ organisation: 'victim-support', recruitedOn: '2015-01-05' })).body.volunteerId;
    homeStart = expectAccepted(await app.as(coaching).post('/api/volunteers').send({ organisation: 'home-start', recruitedOn: '2015-01-05' })).body.volunteerId;
  });
  afterAll(() => app.close());

  it('refuses a coordinator the recruitment of another organisation’s volunteer', async () => {
    await expectRefused(app, () => app.as(rj).post('/api/volunteers').send({ organisation: 'home-start', recruitedOn: '2015-01-05' }), 403, 'forbidden');
    await expectRefused(app, () => app.as(coaching).post('/api/volunteers').send({ organisation: 'victim-support', recruitedOn: '2015-01-05' }), 403, 'forbidden');
  });

  it('refuses a coordinator another organisation’s volunteer, to read, train or record as left', async () => {
    expect((await app.as(rj).get(`/api/volunteers/${homeStart}`)).status).toBe(403);
    expect((await app.as(coaching).get(`/api/volunteers/${victimSupport}`)).status).toBe(403);
    await expectRefused(app, () => app.as(rj).post(`/api/volunteers/${homeStart}/training`).send({ trainedOn: '2015-01-19' }), 403, 'forbidden');
    await expectRefused(app, () => app.as(coaching).post(`/api/volunteers/${victimSupport}/departure`).send({ leftOn: '2015-02-01' }), 403, 'forbidden');
    expect((await app.as(rj).get(`/api/volunteers/${victimSupport}`)).status).toBe(200);
    expectAccepted(await app.as(coaching).post(`/api/volunteers/${homeStart}/training`).send({ trainedOn: '2015-01-19' }));
  });

  it('shows each coordinator the roster of their own organisation only', async () => {
    await app.caughtUp();
    const roster = await app.as(rj).get('/api/volunteers');
    expect(roster.body.items.map((item: { volunteerId: string }) => item.volunteerId)).toEqual([victimSupport]);
    expect((await app.as(coaching).get('/api/volunteers?organisation=home-start')).body.items.map((item: { volunteerId: string }) => item.volunteerId)).toEqual([homeStart]);
    expect((await app.as(coaching).get('/api/volunteers?organisation=victim-support')).status).toBe(403);
  });
});
