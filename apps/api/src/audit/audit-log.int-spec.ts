import { administrator, PeopleDatabase, startPeopleDatabase } from '../people/people.fixtures';
import { AuditEntry } from './audit-log';

const caseId = '9c1f0a2b-0000-4000-8000-000000000001';
const personId = '9c1f0a2b-0000-4000-8000-0000000000a1';
const clerk = { userId: 'user-clerk', username: 'clerk' };

describe('audit log', () => {
  let db: PeopleDatabase;

  beforeAll(async () => {
    db = await startPeopleDatabase();
    const entries: AuditEntry[] = [
      { action: 'personal-data-read', by: administrator, caseId, personId, details: { fields: ['givenName'] } },
      { action: 'personal-data-read', by: clerk, caseId, personId },
      { action: 'person-exported', by: administrator, personId, details: { caseIds: [caseId], volunteer: false } },
      { action: 'person-erased', by: clerk, personId: '9c1f0a2b-0000-4000-8000-0000000000a2' },
    ];
    for (const entry of entries) await db.audit.record([entry]);
  });
  afterAll(() => db.close());

  it('keeps who did what, when, to whom, with the request’s correlation id', async () => {
    const [latest] = (await db.audit.page({ personId }, 1)).items;
    expect(latest).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: '2015-03-10T09:30:00.000Z',
      userId: 'user-admin',
      username: 'admin',
      action: 'person-exported',
      caseId: null,
      personId,
      correlationId: 'correlation-1',
      details: { caseIds: [caseId], volunteer: false },
    });
  });

  it('lists a case’s, a user’s or a person’s entries newest first, filters combined', async () => {
    const actions = async (filter: Parameters<typeof db.audit.page>[0]) => (await db.audit.page(filter, 10)).items.map(({ action, username }) => `${action} by ${username}`);
    expect(await actions({ caseId })).toEqual(['personal-data-read by clerk', 'personal-data-read by admin']);
    expect(await actions({ userId: 'user-clerk' })).toEqual(['person-erased by clerk', 'personal-data-read by clerk']);
    expect(await actions({ personId })).toEqual(['person-exported by admin', 'personal-data-read by clerk', 'personal-data-read by admin']);
    expect(await actions({ personId, userId: 'user-admin' })).toEqual(['person-exported by admin', 'personal-data-read by admin']);
  });

  it('pages with a cursor until the last page, whose cursor is null', async () => {
    const first = await db.audit.page({ personId }, 2);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = await db.audit.page({ personId }, 2, first.nextCursor ?? undefined);
    expect(second.items.map(({ username }) => username)).toEqual(['admin']);
    expect(second.nextCursor).toBeNull();
  });

  it('writes several entries in one statement, and nothing for none', async () => {
    const other = '9c1f0a2b-0000-4000-8000-0000000000a3';
    await db.audit.record([]);
    await db.audit.record([
      { action: 'personal-data-read', by: clerk, personId: other },
      { action: 'personal-data-read', by: clerk, personId: other, details: { fields: ['it\'s "quoted"', 'plain'] } },
    ]);
    expect((await db.audit.about(other)).map(({ details }) => details)).toEqual([{ fields: ['it\'s "quoted"', 'plain'] }, {}]);
  });

  it('keeps newest first past the ninth entry (ids compared as numbers, not as text)', async () => {
    const many = '9c1f0a2b-0000-4000-8000-0000000000a4';
    for (let count = 1; count <= 12; count += 1) {
      await db.audit.record([{ action: 'personal-data-read', by: clerk, personId: many, details: { fields: [`read ${count}`] } }]);
    }
    const order = (items: { details: Record<string, unknown> }[]) => items.map(({ details }) => (details.fields as string[])[0]);
    const expected = Array.from({ length: 12 }, (_, index) => `read ${12 - index}`);
    expect(order((await db.audit.page({ personId: many }, 20)).items)).toEqual(expected);
    expect(order(await db.audit.about(many))).toEqual(expected);
  });
});
