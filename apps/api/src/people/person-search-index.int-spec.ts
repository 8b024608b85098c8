import { TransactionScope } from '@safer-cases/event-store';
import { MasterKey } from './master-key';
import { administrator, PeopleDatabase, startPeopleDatabase } from './people.fixtures';
import { PersonalDataStore } from './personal-data.store';

const zoe = { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1990-02-28', contact: 'zoe@example.org' };
let sequence = 0;
const newId = (): string => `5e4c2a1b-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;

describe('the person search index, in PostgreSQL', () => {
  let db: PeopleDatabase;
  let store: PersonalDataStore;

  beforeAll(async () => {
    db = await startPeopleDatabase();
    store = db.store();
  });
  afterAll(() => db.close());

  /** The person's index row as PostgreSQL prints it, and its terms in hex. */
  const indexRow = async (id: string): Promise<string> =>
    (
      await db.database.pool.query<{ text: string }>(
        `select t::text || ' ' || array_to_string(array(select encode(term, 'hex') from unnest(t.terms) term), ' ') as text from person_search_index t where person_id = $1`,
        [id],
      )
    ).rows
      .map((row) => row.text)
      .join('\n');

  const plainAndHex = (values: readonly string[]): string[] =>
    values.flatMap((value) => [value, Buffer.from(value, 'utf8').toString('hex'), value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]);

  it('holds keyed hashes for a subject, and not one of their names, date of birth or contact in plain or in hex', async () => {
    const id = newId();
    await store.save(id, 'subject', zoe);
    const row = await indexRow(id);
    expect(row).toContain(id);
    for (const plain of plainAndHex([...Object.values(zoe), 'zoe', 'muller', '19900228'])) expect(row).not.toContain(plain);
  });

  it('finds the subject by the words of their name in any order, any case, accents ignored, and by their date of birth', async () => {
    const id = newId();
    await store.save(id, 'subject', zoe);
    for (const text of ['muller zoe', 'ZOË', 'Müller', 'zoe 1990-02-28', '1990-02-28']) await expect(store.peopleMatching(text)).resolves.toContain(id);
    for (const text of ['zoe smith', 'mull', 'zoe 1990-02-27']) await expect(store.peopleMatching(text)).resolves.not.toContain(id);
    await expect(store.peopleMatching('5120/26')).resolves.toBeUndefined();
  });

  it('follows the fields held: a new family name is found and the old one no longer, a contact change keeps both names', async () => {
    const id = newId();
    await store.save(id, 'subject', { givenName: 'Ingrid', familyName: 'Østergaard' });
    await store.save(id, 'subject', { familyName: 'Quennell' });
    await expect(store.peopleMatching('ingrid quennell')).resolves.toEqual([id]);
    await expect(store.peopleMatching('ostergaard')).resolves.not.toContain(id);
    await store.save(id, 'subject', { contact: '020 7946 0000' });
    await expect(store.peopleMatching('quennell ingrid')).resolves.toEqual([id]);
  });

  it('is written in the transaction of the save, so a command rolled back leaves no index row', async () => {
    const id = newId();
    await expect(
      TransactionScope.run(db.database.pool, async () => {
        await store.save(id, 'subject', { givenName: 'Rolled', familyName: 'Back' });
        throw new Error('the command failed after saving');
      }),
    ).rejects.toThrow('the command failed after saving');
    expect(await indexRow(id)).toBe('');
    await expect(store.peopleMatching('rolled back')).resolves.toEqual([]);
  });

  it('indexes victims and volunteers too, each erased with the person', async () => {
    const [victim, volunteer] = [newId(), newId()];
    await store.save(victim, 'victim', { givenName: 'Wilhelmina', familyName: 'Varga' });
    await store.save(volunteer, 'volunteer', { givenName: 'Wilhelmina', familyName: 'Varga' });
    expect((await store.peopleMatching('varga wilhelmina'))?.sort()).toEqual([victim, volunteer].sort());
    await store.erase(victim, administrator, { known: true, caseIds: [] });
    expect(await indexRow(victim)).toBe('');
    await expect(store.peopleMatching('wilhelmina varga')).resolves.toEqual([volunteer]);
  });

  it('is erased with the person: their row gone, and they are found by neither name nor date of birth', async () => {
    const [erased, namesake] = [newId(), newId()];
    await store.save(erased, 'subject', { givenName: 'Bartholomew', familyName: 'Oyelaran-Smythe', dateOfBirth: '1977-11-05' });
    await store.save(namesake, 'subject', { givenName: 'Bartholomew', familyName: 'Oyelaran-Smythe' });
    await store.erase(erased, administrator, { known: true, caseIds: [] });
    expect(await indexRow(erased)).toBe('');
    await expect(store.peopleMatching('oyelaran smythe bartholomew')).resolves.toEqual([namesake]);
    await expect(store.peopleMatching('1977-11-05')).resolves.toEqual([]);
  });

  it('tells a subject access export which name parts and whether the date of birth it holds, and nothing for a person it does not hold', async () => {
    const id = newId();
    await store.save(id, 'subject', { givenName: "Siobhán O'Brien", dateOfBirth: '2001-03-14' });
    await expect(store.searchIndexHeld(id)).resolves.toEqual({ nameParts: ['siobhan', 'obrien', 'o', 'brien'], dateOfBirth: true, unexplained: 0 });
    const victim = newId();
    await store.save(victim, 'victim', { givenName: 'Pat' });
    await expect(store.searchIndexHeld(victim)).resolves.toEqual({ nameParts: ['pat'], dateOfBirth: false, unexplained: 0 });
    await expect(store.searchIndexHeld(newId())).resolves.toBeUndefined();
  });

  it('indexes at start-up the subjects saved before the index existed, and each only once', async () => {
    const id = newId();
    await store.save(id, 'subject', { givenName: 'Theodora', familyName: 'Achterberg' });
    await db.database.pool.query(`delete from person_search_index where person_id = $1`, [id]);
    await expect(store.peopleMatching('theodora achterberg')).resolves.toEqual([]);
    await expect(store.indexUnindexed()).resolves.toBe(1);
    await expect(store.peopleMatching('achterberg theodora')).resolves.toEqual([id]);
    await expect(store.indexUnindexed()).resolves.toBe(0);
  });

  it('matches nothing written under another master key', async () => {
    const id = newId();
    await store.save(id, 'subject', { givenName: 'Ottilie', familyName: 'Fairweather' });
    const elsewhere = db.store(MasterKey.fromBytes(Buffer.alloc(32, 9)));
    await expect(elsewhere.peopleMatching('ottilie fairweather')).resolves.toEqual([]);
  });
});
