import { randomUUID } from 'node:crypto';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';

const today = '2015-12-31';

type CaseView = { status: string; closed: boolean; referredOn: string; lastStepOn: string; referrer: unknown; allowedSteps: string[]; state?: unknown; history: unknown[] };

/** GET /api/cases/:id answers a documented view: status, key dates and the steps the rules allow, decided by the programme's decider. */
describe('a case as GET /api/cases/:id shows it', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(today);
  });
  afterAll(() => app.close());

  const view = async (caseId: string): Promise<CaseView> => {
    const response = await app.as('rj-coordinator').get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    return response.body as CaseView;
  };
  const rj = (caseId: string, path: string, body: Record<string, unknown>) => app.as('rj-coordinator').post(`/api/cases/${caseId}/${path}`).send(body);

  it('offers the next steps of the lifecycle as the rules allow them, and none but a reoffence once closed', async () => {
    const caseId = randomUUID();
    expectAccepted(
      await app
        .as('referrer', 'police')
        .post('/api/cases')
        .send({
          caseId,
          programme: 'restorative-justice',
          referredOn: '2015-11-02',
          referrer: { organisation: 'police', reference: 'CRIS 1' },
          subject: { givenName: 'Sam' },
          offence: { type: 'theft', date: '2015-11-01' },
        }),
    );
    const referred = await view(caseId);
    expect(referred).toMatchObject({
      status: 'referred',
      closed: false,
      referredOn: '2015-11-02',
      lastStepOn: '2015-11-02',
      referrer: { organisation: 'police', reference: 'CRIS 1' },
    });
    expect(referred.allowedSteps).toEqual(['accept', 'decline', 'close', 'reoffence']);
    expect(referred.state).toBeDefined();

    expectAccepted(await rj(caseId, 'acceptance', { acceptedOn: '2015-11-10' }));
    const accepted = await view(caseId);
    expect(accepted).toMatchObject({ status: 'accepted', lastStepOn: '2015-11-10' });
    expect(accepted.allowedSteps).toEqual(['panel', 'close', 'reoffence']);

    expectAccepted(await rj(caseId, 'closure', { closedOn: '2015-11-20' }));
    const closed = await view(caseId);
    expect(closed.closed).toBe(true);
    expect(closed.allowedSteps).toEqual(['reoffence']);
    expect(closed.history).toHaveLength(3);
  });
});
