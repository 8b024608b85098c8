import { Organisation, Programme } from '@safer-cases/domain';
import { Pool } from 'pg';
import { Role } from '../apps/api/src/auth/actor';
import { expectAccepted } from './support/expectations';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Finding people (issue 12): `GET /api/cases?q=` matches a subject's name in any order, any case,
 * accents ignored, their date of birth, the referrer's reference or the case's own, among the cases the caller
 * may already see, while every name stays sealed.
 */
const today = '2026-11-22';

type Subject = { givenName?: string; familyName?: string; dateOfBirth?: string } | { personId: string };

describe('searching the case list', () => {
  let app: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    app = await startTestApp(today);
    pool = new Pool({ connectionString: app.databaseUrl, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await app.close();
  });

  const refer = async (programme: Programme, subject: Subject, organisation: Organisation = 'police', reference?: string): Promise<{ caseId: string; personId: string }> => {
    const offence = programme === 'community-coaching' ? {} : { offence: { type: 'Criminal damage', date: '2026-11-01' } };
    const eligibility = programme === 'community-coaching' ? { eligibility: { basis: 'risk-identified', indicators: ['regular truancy'] } } : {};
    const referred = expectAccepted(
      await app
        .as('referrer', organisation)
        .post('/api/cases')
        .send({ programme, referredOn: '2026-11-20', referrer: { organisation, ...(reference ? { reference } : {}) }, subject, ...offence, ...eligibility }),
    );
    const read = await app.as('referrer', organisation).get(`/api/cases/${referred.body.caseId}`);
    return { caseId: referred.body.caseId, personId: read.body.personId };
  };

  const found = async (q: string, as: Role = 'referrer', organisation?: Organisation, more = ''): Promise<string[]> => {
    const response = await app.as(as, organisation).get(`/api/cases?q=${encodeURIComponent(q)}&limit=100${more}`);
    expect(response.status).toBe(200);
    return response.body.items.map(({ caseId }: { caseId: string }) => caseId);
  };

  const cases: Record<string, { caseId: string; personId: string }> = {};

  beforeAll(async () => {
    cases.zoe = await refer('restorative-justice', { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1990-02-28' }, 'police', 'CRIS 7781/26');
    cases.zoeCaution = await refer('conditional-caution', { personId: cases.zoe.personId }, 'police', 'CRIS 7790/26');
    cases.zoeMiller = await refer('restorative-justice', { givenName: 'Zoe', familyName: 'Miller', dateOfBirth: '1990-02-28' });
    cases.probationZoe = await refer('restorative-justice', { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1990-02-28' }, 'probation', 'PROB 12');
    cases.erased = await refer('restorative-justice', { givenName: 'Ezekiel', familyName: 'Featherstonehaugh', dateOfBirth: '1979-06-30' }, 'police', 'CRIS 9001/26');
    await app.caughtUp();
  });

  it('finds "Zoë Müller" by "muller zoe": the words in any order, any case, accents ignored, and no namesake but her', async () => {
    const own = [cases.zoe.caseId, cases.zoeCaution.caseId].sort();
    for (const q of ['muller zoe', 'Zoë Müller', 'ZOE MULLER', 'müller', '  zoe   muller  ']) expect((await found(q, 'referrer', 'police')).sort()).toEqual(own);
    expect(await found('zoe miller', 'referrer', 'police')).toEqual([cases.zoeMiller.caseId]);
    expect(await found('zoe smith', 'referrer', 'police')).toEqual([]);
  });

  it('finds by date of birth, alone or with a name', async () => {
    expect((await found('1990-02-28', 'referrer', 'police')).sort()).toEqual([cases.zoe.caseId, cases.zoeCaution.caseId, cases.zoeMiller.caseId].sort());
    expect((await found('zoe 1990-02-28 muller', 'referrer', 'police')).sort()).toEqual([cases.zoe.caseId, cases.zoeCaution.caseId].sort());
    expect(await found('1990-03-01', 'referrer', 'police')).toEqual([]);
  });

  it("finds by the referrer's reference, or part of it, in any case, with % and _ standing for themselves", async () => {
    expect(await found('CRIS 7781/26', 'referrer', 'police')).toEqual([cases.zoe.caseId]);
    expect((await found('cris 77', 'referrer', 'police')).sort()).toEqual([cases.zoe.caseId, cases.zoeCaution.caseId].sort());
    expect(await found('CRIS 77%', 'referrer', 'police')).toEqual([]);
    expect(await found('CRIS_7781', 'referrer', 'police')).toEqual([]);
  });

  it('finds a case by its own reference, the short one the pages show or the whole id, in either case, and only the caller’s own', async () => {
    const short = cases.zoeMiller.caseId.slice(0, 8);
    for (const q of [short, short.toUpperCase(), ` ${short} `, cases.zoeMiller.caseId, cases.zoeMiller.caseId.toUpperCase()])
      expect(await found(q, 'referrer', 'police')).toEqual([cases.zoeMiller.caseId]);
    expect(await found(short, 'rj-coordinator')).toEqual([cases.zoeMiller.caseId]);
    expect(await found(cases.probationZoe.caseId.slice(0, 8), 'rj-coordinator')).toEqual([cases.probationZoe.caseId]);
    expect(await found(short, 'referrer', 'probation')).toEqual([]);
    expect(await found(short, 'caution-officer')).toEqual([]);
    expect(await found(cases.zoeCaution.caseId.slice(0, 8), 'referrer', 'police', '&programme=restorative-justice')).toEqual([]);
    // Only a whole short reference or id: a part of one would find other people's cases by chance.
    expect(await found(short.slice(0, 7), 'referrer', 'police')).toEqual([]);
  });

  it('never finds a case the caller may not see, however well the name matches', async () => {
    expect(await found('muller zoe', 'referrer', 'probation')).toEqual([cases.probationZoe.caseId]);
    expect(await found('CRIS 7781/26', 'referrer', 'probation')).toEqual([]);
    expect((await found('muller zoe', 'rj-coordinator')).sort()).toEqual([cases.zoe.caseId, cases.probationZoe.caseId].sort());
    expect(await found('muller zoe', 'caution-officer')).toEqual([cases.zoeCaution.caseId]);
    expect(await found('muller zoe', 'coaching-coordinator')).toEqual([]);
    expect((await app.as('commissioner').get('/api/cases?q=muller')).status).toBe(403);
  });

  it('narrows within the other filters, and pages through what it finds', async () => {
    expect(await found('muller zoe', 'referrer', 'police', '&programme=conditional-caution')).toEqual([cases.zoeCaution.caseId]);
    expect(await found('muller zoe', 'rj-coordinator', undefined, '&status=accepted')).toEqual([]);
    const first = await app.as('referrer', 'police').get('/api/cases?q=muller%20zoe&limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await app.as('referrer', 'police').get(`/api/cases?q=muller%20zoe&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].caseId, second.body.items[0].caseId].sort()).toEqual([cases.zoe.caseId, cases.zoeCaution.caseId].sort());
  });

  it('finds an erased subject by neither name nor date of birth, and names nobody in the answer', async () => {
    expect(await found('featherstonehaugh ezekiel', 'referrer', 'police')).toEqual([cases.erased.caseId]);
    expect((await app.as('admin').post(`/api/people/${cases.erased.personId}/erasure`)).status).toBe(200);
    expect(await found('featherstonehaugh ezekiel', 'referrer', 'police')).toEqual([]);
    expect(await found('1979-06-30', 'referrer', 'police')).toEqual([]);
    expect((await pool.query(`select 1 from person_search_index where person_id = $1`, [cases.erased.personId])).rowCount).toBe(0);
    const answer = await app.as('referrer', 'police').get('/api/cases?q=muller%20zoe');
    expect(JSON.stringify(answer.body)).not.toMatch(/zo[eë]|m[uü]ller|1990-02-28/i);
  });

  it('tells the subject access export what the index holds of the person, and that it holds nothing once they are erased', async () => {
    const held = await app.as('admin').get(`/api/people/${cases.zoe.personId}/export`);
    expect(held.body.searchIndex).toEqual({ nameParts: ['zoe', 'muller'], dateOfBirth: true, unexplained: 0 });
    const erased = await app.as('admin').get(`/api/people/${cases.erased.personId}/export`);
    expect({ erased: erased.body.personalData.erased, searchIndex: erased.body.searchIndex }).toEqual({ erased: true, searchIndex: null });
  });

  it('refuses an empty, over-long or repeated q with 400 naming q', async () => {
    for (const query of ['q=', `q=${'a'.repeat(101)}`, 'q=%20%20', 'q=a&q=b', 'q=zoe%0Amuller']) {
      const response = await app.as('referrer', 'police').get(`/api/cases?${query}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'invalid-request' });
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
    }
    expect((await app.as('referrer', 'police').get(`/api/cases?q=${'a'.repeat(100)}`)).status).toBe(200);
  });

  it('keeps the index free of every name and date of birth, in plain and in hex', async () => {
    const { rows } = await pool.query<{ text: string }>(
      `select string_agg(t::text || ' ' || array_to_string(array(select encode(x, 'hex') from unnest(t.terms) x), ' '), ' ') as text from person_search_index t`,
    );
    for (const value of ['Zoë', 'Müller', 'zoe', 'muller', 'miller', '1990-02-28', '19900228']) {
      expect(rows[0].text).not.toContain(value);
      expect(rows[0].text).not.toContain(Buffer.from(value, 'utf8').toString('hex'));
    }
  });
});
