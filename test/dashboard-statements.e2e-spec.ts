// The dashboard reads the programmes that have targets; IOM's are issue 14 part 3.
import { programmesWithTargets as programmes } from '@safer-cases/projections/targets';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp, testPassword } from './support/test-app';
import { newVisitor, visit, Visitor, webSignIn } from './support/web-sign-in';

const today = '2015-03-10';

/** The text of a statement as node-postgres was handed it: a string, or a query config. */
const textOf = (query: unknown): string => (typeof query === 'string' ? query : typeof query === 'object' && query !== null && 'text' in query ? String(query.text) : '');

/** A read of the targets' fact tables (the projector writes them with insert, and is idle once caught up). */
const readsFacts = (text: string): boolean => /^\s*select\b/i.test(text) && /\bfrom (case_facts|volunteer_facts)\b/.test(text);

/**
 * The statements a page sends while it is drawn, counted where they leave node-postgres for the
 * server, in this process: the app runs in-process, its pages call the targets in process too.
 */
describe('the dashboard’s statements', () => {
  let app: TestApp;
  let commissioner: Visitor;

  const factReadsOf = async (path: string): Promise<{ status: number; reads: number }> => {
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      const response = await visit(app, commissioner, path);
      return { status: response.status, reads: sent.mock.calls.filter(([query]) => readsFacts(textOf(query))).length };
    } finally {
      sent.mockRestore();
    }
  };

  beforeAll(async () => {
    app = await startTestApp(today);
    const caseId = randomUUID();
    expectAccepted(
      await app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          caseId,
          programme: 'conditional-caution',
          referredOn: '2014-06-01',
          referrer: { organisation: 'police' },
          subject: { givenName: 'Sam' },
          offence: { type: 'theft', date: '2014-05-30' },
        }),
    );
    await app.caughtUp();
    commissioner = newVisitor();
    expect((await webSignIn(app, commissioner, 'commissioner', testPassword)).status).toBe(303);
  });
  afterAll(() => app.close());

  it('draws a year with its monthly trends from one read per programme', async () => {
    expect(await factReadsOf('/dashboard?period=year&year=2014')).toEqual({ status: 200, reads: programmes.length });
  });

  it('draws ten years of quarterly trends from one read per programme', async () => {
    const decade = 'period=custom&from-day=1&from-month=4&from-year=2005&to-day=31&to-month=3&to-year=2015';
    expect(await factReadsOf(`/dashboard?${decade}`)).toEqual({ status: 200, reads: programmes.length });
  });

  it('downloads the CSV from one read per programme', async () => {
    expect(await factReadsOf('/dashboard/figures.csv?period=quarter&year=2014&quarter=2')).toEqual({ status: 200, reads: programmes.length });
  });
});
