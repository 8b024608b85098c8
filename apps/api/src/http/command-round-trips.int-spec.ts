import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../../../../test/support/test-app';

/**
 * What a command costs PostgreSQL, counted statement by statement through HTTP: one transaction,
 * begun once and committed once, last, and no more statements than its budget (the bench's
 * figures follow from these). A statement added to a hot command shows up here first.
 */
const referral = {
  programme: 'restorative-justice',
  referredOn: '2015-01-20',
  referrer: { organisation: 'police' },
  subject: { givenName: 'Counted', familyName: 'Person' },
  offence: { type: 'criminal damage', date: '2015-01-10' },
};

describe('statements per command', () => {
  let app: TestApp;
  const requests = new AsyncLocalStorage<string[]>();
  const query = Client.prototype.query as (...args: unknown[]) => unknown;

  beforeAll(async () => {
    app = await startTestApp('2015-12-31');
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      requests.getStore()?.push(typeof config === 'string' ? config : config.text);
      return query.apply(this, args);
    } as typeof Client.prototype.query;
    // Each request's statements go to the list it is given, the server's own listeners inheriting it.
    app.app.getHttpServer().prependListener('request', () => requests.enterWith(pending.shift() ?? []));
  });
  afterAll(async () => {
    Client.prototype.query = query as typeof Client.prototype.query;
    await app.close();
  });

  const pending: string[][] = [];
  const counted = async (send: () => PromiseLike<{ status: number; body: { caseId?: string } }>): Promise<{ statements: string[]; body: { caseId?: string } }> => {
    const statements: string[] = [];
    pending.push(statements);
    const response = await send();
    expect(response.status).toBe(201);
    return { statements, body: response.body };
  };

  const expectOneTransaction = (statements: string[]): void => {
    const begins = statements.filter((statement) => /^BEGIN\b/.test(statement));
    const commits = statements.filter((statement) => statement === 'COMMIT');
    expect({ begins: begins.length, commits: commits.length, last: statements.at(-1) }).toEqual({ begins: 1, commits: 1, last: 'COMMIT' });
  };

  it('refers a case in one transaction of at most 13 statements, the session check included, and reads no stream it is opening', async () => {
    const { statements } = await counted(() => app.as('referrer', 'police').post('/api/cases').send(referral));
    expectOneTransaction(statements);
    expect(statements.filter((statement) => statement.includes('FROM events WHERE stream_id'))).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(13);
  });

  it('records a reoffence in one transaction of at most 7 statements: the session, the stream read, the transaction, the append under its savepoint, the commit', async () => {
    const { body } = await counted(() => app.as('referrer', 'police').post('/api/cases').send(referral));
    const { statements } = await counted(() => app.as('referrer', 'police').post(`/api/cases/${body.caseId}/reoffences`).send({ offenceDate: '2015-06-01' }));
    expectOneTransaction(statements);
    expect(statements.length).toBeLessThanOrEqual(7);
  });

  it('claims an idempotency key in the same transaction, and answers a retry from it', async () => {
    const send = () => app.as('referrer', 'police').post('/api/cases').set('Idempotency-Key', 'counted-once').send(referral);
    const first = await counted(send);
    expectOneTransaction(first.statements);
    expect(first.statements.filter((statement) => statement.includes('insert into idempotency_keys'))).toHaveLength(1);
    expect(first.statements.length).toBeLessThanOrEqual(17);
    const retry = await counted(send);
    expect(retry.body).toEqual(first.body);
  });
});
