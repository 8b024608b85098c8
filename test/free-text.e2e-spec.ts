import { randomUUID } from 'node:crypto';
import { MasterKey } from '../apps/api/src/people/master-key';
import { AppModule } from '../apps/api/src/app.module';
import { Role } from '../apps/api/src/auth/actor';
import { caseHistories } from './support/case-histories';
import { registeredRoutes } from './support/registered-routes';
import { startTestApp, TestApp } from './support/test-app';

const today = '2015-12-31';

/** What no text may hold, each as a client might send it. */
const unsafeValues: [string, string][] = [
  ['a null character', 'Tom\u0000Jerry'],
  ['a lone surrogate', 'Tom \ud800 Jerry'],
  ['the other half of a surrogate pair alone', 'Tom \udfff'],
  ['an escape character', 'Tom\u001b[2J'],
  ['DEL', 'Tom\u007f'],
  ['a C1 control', 'Tom\u0085Jerry'],
  ['a right-to-left override', 'Tom \u202egnp.exe'],
  ['a direction isolate', 'Tom \u2066Jerry\u2069'],
];

/** And what no free-text field may hold, though a password or an id might: blank text, and a line break in one-line text. */
const notFreeText: [string, string][] = [
  ['whitespace alone', '  \u00a0 '],
  ['a line break', 'Tom\nJerry'],
];

type Call = { method: 'post' | 'get'; path: string; role: Role; body?: Record<string, unknown>; query?: Record<string, unknown> };

/** A field of a call: its path in the body (or query), and whether it is free text a person types. */
type Field = { field: string; freeText: boolean };

/** A call that would succeed as it stands, and the text fields it carries. */
type Row = { call: () => Call; fields: Field[] };

const set = (target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
  const copy = structuredClone(target);
  const keys = path.split('.');
  let cursor: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) cursor = (Array.isArray(cursor[key]) ? (cursor[key] as unknown[])[0] : cursor[key]) as Record<string, unknown>;
  const last = keys[keys.length - 1];
  cursor[last] = Array.isArray(cursor[last]) ? [...(cursor[last] as unknown[]).slice(1), value] : value;
  return copy;
};

const free = (...fields: string[]): Field[] => fields.map((field) => ({ field, freeText: true }));
const other = (...fields: string[]): Field[] => fields.map((field) => ({ field, freeText: false }));

const routes = registeredRoutes(AppModule.register({ databaseUrl: 'postgres://nobody@localhost:1/none', masterKey: MasterKey.fromBytes(Buffer.alloc(32, 1)) }));

describe('no text a client sends can break the store: 400 naming the field, nothing written', () => {
  let app: TestApp;
  const rows: Record<string, Row> = {};

  beforeAll(async () => {
    app = await startTestApp(today);
    const histories = caseHistories(app);
    const referred = await histories.restorativeJustice('referred');
    const panelHeld = await histories.restorativeJustice('panel-held');
    const panelHeldToo = await histories.restorativeJustice('panel-held');
    const agreed = await histories.restorativeJustice('agreement-reached');
    const intervention = await histories.coaching('intervention-open');
    const accepted = await histories.restorativeJustice('accepted');
    const closed = await histories.restorativeJustice('referred');
    const closing = await app.as('rj-coordinator').post(`/api/cases/${closed.caseId}/closure`).send({ closedOn: '2015-12-01', reason: 'Closed by mistake' });
    expect(closing.status).toBe(201);
    const iomReferral = { programme: 'iom', referredOn: '2015-09-01', referrer: { organisation: 'police' }, subject: { givenName: 'Lee', familyName: 'Ashby' } };
    const iomCase = await app.as('referrer', 'police').post('/api/cases').send(iomReferral);
    expect(iomCase.status).toBe(201);
    const adopting = await app.as('iom-officer').post(`/api/cases/${iomCase.body.caseId}/adoption`).send({ adoptedOn: '2015-09-07' });
    expect(adopting.status).toBe(201);
    const referral = {
      programme: 'community-coaching',
      referredOn: '2015-03-02',
      referrer: { organisation: 'council', reference: 'EWS 77/15' },
      subject: { givenName: 'Kai', familyName: 'Brennan', dateOfBirth: '2001-09-03' },
      victim: { givenName: 'Pat', familyName: 'Morgan', contact: '020 8359 0000' },
      offence: { type: 'criminal damage', date: '2015-01-10' },
      eligibility: { basis: 'risk-identified', indicators: ['Regular truancy'] },
    };
    const writes: Record<string, Row> = {
      'POST /api/cases': {
        call: () => ({ method: 'post', path: '/api/cases', role: 'referrer', body: { ...referral, referrer: { ...referral.referrer, organisation: 'police' } } }),
        fields: free(
          'referrer.reference',
          'subject.givenName',
          'subject.familyName',
          'victim.givenName',
          'victim.familyName',
          'victim.contact',
          'offence.type',
          'eligibility.indicators',
        ),
      },
      'POST /api/cases/:id/decline': {
        call: () => ({ method: 'post', path: `/api/cases/${referred.caseId}/decline`, role: 'rj-coordinator', body: { declinedOn: '2015-01-27', reason: 'No consent' } }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/agreement': {
        call: () => ({
          method: 'post',
          path: `/api/cases/${panelHeld.caseId}/agreement`,
          role: 'rj-coordinator',
          body: { reachedOn: '2015-02-10', reparation: ['A written apology'] },
        }),
        fields: free('reparation'),
      },
      'POST /api/cases/:id/no-agreement': {
        call: () => ({ method: 'post', path: `/api/cases/${panelHeldToo.caseId}/no-agreement`, role: 'rj-coordinator', body: { on: '2015-02-10', reason: 'No terms' } }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/agreement/breached': {
        call: () => ({ method: 'post', path: `/api/cases/${agreed.caseId}/agreement/breached`, role: 'rj-coordinator', body: { on: '2015-05-01', reason: 'Never wrote it' } }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/intervention/withdrawal': {
        call: () => ({
          method: 'post',
          path: `/api/cases/${intervention.caseId}/intervention/withdrawal`,
          role: 'coaching-coordinator',
          body: { on: '2015-05-25', reason: 'Moved away' },
        }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/reoffences': {
        call: () => ({ method: 'post', path: `/api/cases/${referred.caseId}/reoffences`, role: 'referrer', body: { offenceDate: '2015-11-01', reference: 'CRIS 9/15' } }),
        fields: free('reference'),
      },
      'POST /api/cases/:id/convictions': {
        call: () => ({
          method: 'post',
          path: `/api/cases/${iomCase.body.caseId}/convictions`,
          role: 'iom-officer',
          body: { offenceDate: '2015-03-02', convictedOn: '2015-04-20', reference: 'PNC 14/15' },
        }),
        fields: free('reference'),
      },
      'POST /api/cases/:id/arrests': {
        call: () => ({ method: 'post', path: `/api/cases/${iomCase.body.caseId}/arrests`, role: 'iom-officer', body: { arrestedOn: '2015-10-12', reference: 'CUST 5/15' } }),
        fields: free('reference'),
      },
      'POST /api/cases/:id/iom-exit': {
        call: () => ({ method: 'post', path: `/api/cases/${iomCase.body.caseId}/iom-exit`, role: 'iom-officer', body: { leftOn: '2015-12-01', reason: 'moved-away' } }),
        // One of a fixed list, not typed text.
        fields: other('reason'),
      },
      'POST /api/cases/:id/closure': {
        call: () => ({ method: 'post', path: `/api/cases/${referred.caseId}/closure`, role: 'rj-coordinator', body: { closedOn: '2015-12-01', reason: 'Referred in error' } }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/corrections': {
        // Revision 1 is the acceptance, the last lifecycle step of the case, so it may be struck out.
        call: () => ({ method: 'post', path: `/api/cases/${accepted.caseId}/corrections`, role: 'rj-coordinator', body: { revision: 1, reason: 'Recorded on the wrong case' } }),
        fields: free('reason'),
      },
      'POST /api/cases/:id/reopening': {
        call: () => ({ method: 'post', path: `/api/cases/${closed.caseId}/reopening`, role: 'rj-coordinator', body: { on: '2015-12-02', reason: 'Closed by mistake' } }),
        fields: free('reason'),
      },
      'POST /api/courses': {
        call: () => ({ method: 'post', path: '/api/courses', role: 'caution-officer', body: { date: '2016-01-05', venue: 'Hendon' } }),
        fields: free('venue'),
      },
      'POST /api/volunteers': {
        call: () => ({
          method: 'post',
          path: '/api/volunteers',
          role: 'rj-coordinator',
          body: { organisation: 'victim-support', recruitedOn: '2015-01-05', givenName: 'Vi', familyName: 'Olet' },
        }),
        fields: free('givenName', 'familyName'),
      },
      'POST /api/users': {
        call: () => ({
          method: 'post',
          path: '/api/users',
          role: 'admin',
          body: { username: `u.${randomUUID().slice(0, 8)}`, password: 'a long enough password', role: 'commissioner', organisation: 'council' },
        }),
        fields: other('username', 'password'),
      },
      'POST /api/auth/login': {
        call: () => ({
          method: 'post',
          path: '/api/auth/login',
          role: 'admin',
          body: { username: 'admin', password: 'any password at all', newPassword: 'any new password at all' },
        }),
        fields: other('username', 'password', 'newPassword'),
      },
    };
    Object.assign(rows, writes, {
      'GET /api/audit': { call: () => ({ method: 'get', path: '/api/audit', role: 'admin', query: { userId: 'admin' } }), fields: other('userId') },
    });
  }, 120_000);
  afterAll(() => app.close());

  const send = ({ method, path, role, body, query }: Call) => {
    const agent = app.as(role);
    return method === 'get' ? agent.get(path).query(query ?? {}) : agent.post(path).send(body);
  };

  /** Every write the app serves with a string field in its body is a row; the others take ids, dates, numbers and choices only. */
  const withoutText = [
    'POST /api/cases/:id/acceptance',
    'POST /api/cases/:id/panel',
    'POST /api/cases/:id/agreement/upheld',
    'POST /api/cases/:id/victim-survey',
    'POST /api/cases/:id/booking',
    'DELETE /api/cases/:id/booking',
    'POST /api/cases/:id/fee',
    'POST /api/cases/:id/attendance',
    'POST /api/cases/:id/course-completion',
    'POST /api/cases/:id/breach',
    'POST /api/cases/:id/coach',
    'POST /api/cases/:id/intervention/start',
    'POST /api/cases/:id/sessions',
    'POST /api/cases/:id/intervention/completion',
    'POST /api/cases/:id/adoption',
    'POST /api/cases/:id/comparison',
    'POST /api/volunteers/:id/training',
    'POST /api/volunteers/:id/departure',
    'POST /api/people/:id/erasure',
    'POST /api/users/:id/unlock',
    'POST /api/users/:id/password-reset',
    'POST /api/users/:id/disable',
    'POST /api/users/:id/enable',
  ];

  it('has a row for every write route, or says why it needs none', () => {
    const writes = routes.filter((route) => !route.startsWith('GET '));
    expect(writes.filter((route) => !(route in rows) && !withoutText.includes(route))).toEqual([]);
  });

  /** A URL carries UTF-8, which cannot hold a lone surrogate: a query's decoder makes it U+FFFD, so only bodies can send one. */
  const sendable = (route: string, value: string): boolean => !route.startsWith('GET ') || !/[\ud800-\udfff]/u.test(value);

  const cases = (): [string, string, string, string][] =>
    Object.entries(rows).flatMap(([route, row]) =>
      row.fields.flatMap(({ field, freeText }) =>
        [...unsafeValues, ...(freeText ? notFreeText : [])]
          .filter(([, value]) => sendable(route, value))
          .map(([what, value]) => [route, field, what, value] as [string, string, string, string]),
      ),
    );

  it('refuses each unsafe value in each text field of each route', async () => {
    const answers: { route: string; field: string; what: string; status: number; fields: string[]; written: number }[] = [];
    for (const [route, field, what, value] of cases()) {
      const call = rows[route].call();
      const bad = call.body ? { ...call, body: set(call.body, field, value) } : { ...call, query: set(call.query ?? {}, field, value) };
      const before = await app.eventCount();
      const response = await send(bad);
      const fields = Array.isArray(response.body.details) ? response.body.details.map((detail: { field: string }) => detail.field) : [];
      answers.push({ route, field, what, status: response.status, fields, written: (await app.eventCount()) - before });
    }
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((answer) => answer.status !== 400 || !answer.fields.includes(answer.field) || answer.written !== 0)).toEqual([]);
  }, 300_000);

  it('still accepts every row as it stands, so each refusal above was the text’s alone', async () => {
    for (const [route, row] of Object.entries(rows)) {
      if (route === 'POST /api/auth/login') continue;
      const response = await send(row.call());
      expect({ route, status: response.status }).toEqual({ route, status: route.startsWith('GET') ? 200 : 201 });
    }
  });

  it('says what is wrong in words the pages can show beside the field', async () => {
    const call = rows['POST /api/cases'].call();
    const response = await send({ ...call, body: set(call.body ?? {}, 'subject.givenName', 'Sam\u0000') });
    expect(response.body.details).toEqual([
      { field: 'subject.givenName', problems: ['givenName must not contain control characters such as a null character'], constraints: ['isSafeText'] },
    ]);
    const blank = await send({ ...call, body: set(call.body ?? {}, 'offence.type', '   ') });
    expect(blank.body.details).toEqual([{ field: 'offence.type', problems: ['type must not be blank'], constraints: ['isFreeText'] }]);
  });
});
