import { PersonErased, PersonOfOtherKind } from './people.errors';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { administrator, PeopleDatabase, startPeopleDatabase } from './people.fixtures';
import { PersonKeyring } from './person-keyring';
import { erasedMarker, PersonalDataStore } from './personal-data.store';
import { SealedDataUnreadable } from './sealed-box';

const unnamed = { known: false, caseIds: [] };
const zebedee = { givenName: 'Zebedee', familyName: 'Quarrington-Vale', dateOfBirth: '1993-07-14' };
let sequence = 0;
const newId = (): string => `6f1d2c3b-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;

describe('personal-data store', () => {
  let db: PeopleDatabase;
  let store: PersonalDataStore;

  beforeAll(async () => {
    db = await startPeopleDatabase();
    store = db.store();
  });
  afterAll(() => db.close());

  const rowText = async (table: string, column: string, id: string): Promise<string> =>
    (await db.database.pool.query<{ text: string }>(`select t::text as text from ${table} t where ${column} = $1`, [id])).rows.map((row) => row.text).join('\n');
  const auditOf = async (personId: string) => (await db.audit.about(personId)).map(({ action, username, caseId, details }) => ({ action, username, caseId, details }));

  describe('saving and reading', () => {
    it('keeps the fields sealed, none of them in plain in any column, and reads them back', async () => {
      const id = newId();
      await store.save(id, 'subject', zebedee);
      const stored = `${await rowText('personal_data', 'id', id)}\n${await rowText('person_keys', 'person_id', id)}`;
      for (const value of Object.values(zebedee)) expect(stored).not.toContain(value);
      expect(stored).not.toContain('givenName');
      await expect(store.find(id)).resolves.toEqual({ kind: 'subject', ...zebedee });
    });

    it('keeps the fields not given when others change, and ignores anything that is not a personal field', async () => {
      const id = newId();
      await store.save(id, 'victim', { givenName: 'Ottoline', contact: '020 7946 0018' });
      await store.save(id, 'victim', { contact: 'ottoline@example.org', familyName: undefined, ...{ note: 'not kept' } });
      await expect(store.find(id)).resolves.toEqual({ kind: 'victim', givenName: 'Ottoline', contact: 'ottoline@example.org' });
    });

    it('writes nothing when no field is given', async () => {
      const id = newId();
      await store.save(id, 'subject', { givenName: undefined });
      await expect(store.find(id)).resolves.toBeUndefined();
      expect(await rowText('person_keys', 'person_id', id)).toBe('');
    });

    it('gives each person a key of their own, made once even when two first saves race', async () => {
      const id = newId();
      await Promise.all([store.save(id, 'subject', { givenName: 'Ada' }), store.save(id, 'subject', { familyName: 'Lovelace' })]);
      await expect(store.find(id)).resolves.toEqual({ kind: 'subject', givenName: 'Ada', familyName: 'Lovelace' });
      const other = newId();
      await store.save(other, 'subject', { givenName: 'Ada' });
      const { rows } = await db.database.pool.query<{ n: number }>(`select count(distinct wrapped_key)::int as n from person_keys where person_id = any($1)`, [[id, other]]);
      expect(rows[0].n).toBe(2);
    });

    it('refuses sealed data moved onto another person, even with that person’s key', async () => {
      const [from, to] = [newId(), newId()];
      await store.save(from, 'subject', zebedee);
      await store.save(to, 'subject', { givenName: 'Someone Else' });
      await db.database.pool.query(`update personal_data set sealed = (select sealed from personal_data where id = $1) where id = $2`, [from, to]);
      await expect(store.find(to)).rejects.toThrow(SealedDataUnreadable);
      const keys = `update person_keys set wrapped_key = (select wrapped_key from person_keys where person_id = $1) where person_id = $2`;
      await db.database.pool.query(keys, [from, to]);
      await expect(store.find(to)).rejects.toThrow(SealedDataUnreadable);
    });

    it('refuses to read, or to start, with a master key other than the one the data was written under', async () => {
      const id = newId();
      await store.save(id, 'subject', zebedee);
      const otherKey = MasterKey.fromBytes(Buffer.alloc(32, 9));
      await expect(db.store(otherKey).find(id)).rejects.toThrow(MasterKeyUnusable);
      await expect(new PersonKeyring(otherKey).assertMasterKeyMatches(db.database.pool)).rejects.toThrow(
        `encrypted under master key ${MasterKey.fromBytes(Buffer.alloc(32, 7)).id}, but this process has master key ${otherKey.id}`,
      );
    });
  });

  describe('display and the audit of reads', () => {
    it('shows what is held, leaves out whom nothing is held about, and audits each read made for someone', async () => {
      const [subject, victim, unknown] = [newId(), newId(), newId()];
      await store.save(subject, 'subject', zebedee);
      await store.save(victim, 'victim', { contact: 'ottoline@example.org' });
      const shown = await store.displayMany([subject, victim, unknown, subject], { by: administrator, caseId: 'case-1' });
      expect([...shown.values()]).toEqual([
        { personId: subject, kind: 'subject', erased: false, ...zebedee },
        { personId: victim, kind: 'victim', erased: false, contact: 'ottoline@example.org' },
      ]);
      expect(await auditOf(subject)).toEqual([
        { action: 'personal-data-read', username: 'admin', caseId: 'case-1', details: { fields: ['givenName', 'familyName', 'dateOfBirth'] } },
      ]);
      expect(await auditOf(victim)).toEqual([{ action: 'personal-data-read', username: 'admin', caseId: 'case-1', details: { fields: ['contact'] } }]);
      expect(await auditOf(unknown)).toEqual([]);
    });

    it('audits find only when told who reads', async () => {
      const id = newId();
      await store.save(id, 'volunteer', { givenName: 'Wilf' });
      await store.find(id);
      await store.display(id);
      expect(await auditOf(id)).toEqual([]);
      await store.find(id, { by: administrator });
      expect(await auditOf(id)).toEqual([{ action: 'personal-data-read', username: 'admin', caseId: null, details: { fields: ['givenName'] } }]);
    });
  });

  describe('erasure', () => {
    it('destroys the key and the sealed data, records who and when, and then shows every field erased', async () => {
      const id = newId();
      await store.save(id, 'subject', zebedee);
      db.clock.instant = new Date('2015-03-11T10:00:00Z');
      await expect(store.erase(id, administrator, unnamed)).resolves.toEqual({ personId: id, erasedAt: '2015-03-11T10:00:00.000Z', erasedBy: 'admin' });
      expect(await rowText('person_keys', 'person_id', id)).toBe('');
      expect(await rowText('personal_data', 'id', id)).toBe('');
      await expect(store.find(id)).resolves.toBeUndefined();
      await expect(store.display(id)).resolves.toEqual({
        personId: id,
        kind: 'subject',
        erased: true,
        givenName: erasedMarker,
        familyName: erasedMarker,
        dateOfBirth: erasedMarker,
        contact: erasedMarker,
      });
      expect(await auditOf(id)).toEqual([{ action: 'person-erased', username: 'admin', caseId: null, details: { dataDestroyed: true, kind: 'subject' } }]);
    });

    it('answers a second erasure with the first, recording nothing more', async () => {
      const id = newId();
      await store.save(id, 'victim', { contact: '020 7946 0018' });
      db.clock.instant = new Date('2015-03-12T10:00:00Z');
      const first = await store.erase(id, administrator, unnamed);
      db.clock.instant = new Date('2015-03-13T10:00:00Z');
      await expect(store.erase(id, { username: 'someone-else' }, { known: true, caseIds: [] })).resolves.toEqual(first);
      expect(await auditOf(id)).toHaveLength(1);
    });

    it('erases a person known only by id, so that they too show as erased, and nobody unknown', async () => {
      const [known, unknown] = [newId(), newId()];
      await expect(store.erase(known, administrator, { known: true, caseIds: ['case-a', 'case-b'] })).resolves.toMatchObject({ personId: known });
      await expect(store.display(known)).resolves.toMatchObject({ kind: null, erased: true, givenName: erasedMarker });
      expect((await auditOf(known)).map(({ caseId, details }) => ({ caseId, details }))).toEqual([
        { caseId: 'case-b', details: { dataDestroyed: false } },
        { caseId: 'case-a', details: { dataDestroyed: false } },
      ]);
      await expect(store.erase(unknown, administrator, unnamed)).resolves.toBeUndefined();
      await expect(store.display(unknown)).resolves.toBeUndefined();
      expect(await auditOf(unknown)).toEqual([]);
    });

    it('leaves everyone else readable', async () => {
      const [erased, kept] = [newId(), newId()];
      await store.save(erased, 'subject', zebedee);
      await store.save(kept, 'subject', { givenName: 'Kept', dateOfBirth: '1990-01-01' });
      await store.erase(erased, administrator, unnamed);
      await expect(store.find(kept)).resolves.toEqual({ kind: 'subject', givenName: 'Kept', dateOfBirth: '1990-01-01' });
    });

    it('never writes under an erased person again, nor mixes one kind of person with another', async () => {
      const id = newId();
      await store.save(id, 'subject', { givenName: 'Before' });
      await store.erase(id, administrator, unnamed);
      await expect(store.save(id, 'subject', { familyName: 'After' })).rejects.toBeInstanceOf(PersonErased);
      await expect(store.find(id)).resolves.toBeUndefined();
      await expect(store.display(id)).resolves.toMatchObject({ personId: id, erased: true, familyName: erasedMarker });

      const victim = newId();
      await store.save(victim, 'victim', { givenName: 'Harmed' });
      await expect(store.save(victim, 'volunteer', { givenName: 'Imposter' })).rejects.toBeInstanceOf(PersonOfOtherKind);
      await expect(store.find(victim)).resolves.toEqual({ kind: 'victim', givenName: 'Harmed' });
    });
  });
});
