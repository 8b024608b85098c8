import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { PgDatabase } from '../shared/database';
import { KeyFileUnusable } from './key-encryption-keys';
import { MasterKey } from './master-key';
import { administrator, SettableClock } from './people.fixtures';
import { PersonKeyring } from './person-keyring';
import { PersonSearchIndex } from './person-search-index';
import { PersonalDataStore } from './personal-data.store';
import { newDataKey, seal } from './sealed-box';

const masterKeyBytes = Buffer.alloc(32, 5);
const unnamed = { known: false, caseIds: [] };
let sequence = 0;
const newId = (): string => `7a2e3d4c-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;

/** One database and one key folder; each `process()` is what a fresh start of the API would build on them. */
type Installation = {
  database: PgDatabase;
  keyDir: string;
  process: () => { keyring: PersonKeyring; store: PersonalDataStore };
  keyFile: () => Promise<string>;
  generationsOnFile: () => Promise<string[]>;
  current: () => Promise<string | null>;
  close: () => Promise<void>;
};

const install = async (keyDir = mkdtempSync(join(tmpdir(), 'keyring-'))): Promise<Installation> => {
  const url = await createTestDatabase();
  await migrate(url);
  const database = new PgDatabase(url);
  const clock = new SettableClock();
  const audit = new AuditLog(database, clock);
  const keyFile = async (): Promise<string> => {
    const { rows } = await database.pool.query<{ keyring_id: string }>(`select keyring_id from person_key_encryption`);
    return join(keyDir, `keyring-${rows[0].keyring_id}.json`);
  };
  return {
    database,
    keyDir,
    process: () => {
      const masterKey = MasterKey.fromBytes(masterKeyBytes, { keyDir });
      const keyring = new PersonKeyring(masterKey);
      return { keyring, store: new PersonalDataStore(database, keyring, audit, clock, new PersonSearchIndex(masterKey)) };
    },
    keyFile,
    generationsOnFile: async () => (JSON.parse(readFileSync(await keyFile(), 'utf8')) as { generations: { id: string }[] }).generations.map(({ id }) => id).sort(),
    current: async () => (await database.pool.query<{ kek_id: string | null }>(`select kek_id from person_key_encryption`)).rows[0].kek_id,
    close: () => database.pool.end(),
  };
};

describe('person keyring', () => {
  let site: Installation;
  beforeEach(async () => {
    site = await install();
  });
  afterEach(() => site.close());

  const keyGenerations = async (): Promise<string[]> =>
    (await site.database.pool.query<{ kek_id: string }>(`select distinct kek_id from person_keys order by kek_id`)).rows.map(({ kek_id }) => kek_id);

  it('makes the first key-encryption key at the first start, and keeps it outside the database', async () => {
    await site.process().keyring.start(site.database.pool);
    const current = await site.current();
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    expect(await site.generationsOnFile()).toEqual([current]);
    expect(readdirSync(site.keyDir)).toEqual([basename(await site.keyFile())]);
  });

  it('replaces the key-encryption key at each erasure, rewrapping everyone else’s key, and keeps only the new one on file', async () => {
    const { keyring, store } = site.process();
    await keyring.start(site.database.pool);
    const [erased, kept] = [newId(), newId()];
    await store.save(erased, 'subject', { givenName: 'Gone' });
    await store.save(kept, 'victim', { givenName: 'Kept' });
    const before = await site.current();
    const { rows } = await site.database.pool.query<{ wrapped_key: Buffer }>(`select wrapped_key from person_keys where person_id = $1`, [kept]);

    await store.erase(erased, administrator, unnamed);

    const after = await site.current();
    expect(after).not.toBe(before);
    expect(await site.generationsOnFile()).toEqual([after]);
    expect(await keyGenerations()).toEqual([after]);
    const { rows: rewrapped } = await site.database.pool.query<{ wrapped_key: Buffer }>(`select wrapped_key from person_keys where person_id = $1`, [kept]);
    expect(rewrapped[0].wrapped_key.equals(rows[0].wrapped_key)).toBe(false);
    await expect(site.process().store.find(kept)).resolves.toEqual({ kind: 'victim', givenName: 'Kept' });
  });

  it('does not replace the key-encryption key for an erasure that destroys no key', async () => {
    const { keyring, store } = site.process();
    await keyring.start(site.database.pool);
    const before = await site.current();
    await store.erase(newId(), administrator, { known: true, caseIds: [] });
    expect(await site.current()).toBe(before);
  });

  describe('when a crash interrupts an erasure', () => {
    /** The erasure's transaction up to its end, as a crash would leave it: the old and the new generation on file. */
    const eraseUntil = async (keyring: PersonKeyring, personId: string, end: 'commit' | 'rollback'): Promise<void> => {
      const client = await site.database.pool.connect();
      try {
        await client.query('begin');
        expect(await keyring.destroy(client, personId)).toBe(true);
        await client.query(end);
      } finally {
        client.release();
      }
    };

    it('after the commit, drops the old generation at the next start: the erasure is then complete', async () => {
      const { keyring, store } = site.process();
      await keyring.start(site.database.pool);
      const [erased, kept] = [newId(), newId()];
      await store.save(erased, 'subject', { givenName: 'Gone' });
      await store.save(kept, 'subject', { givenName: 'Kept' });
      const old = await site.current();
      await eraseUntil(keyring, erased, 'commit');
      const next = await site.current();
      expect(await site.generationsOnFile()).toEqual([old, next].sort());

      const restarted = site.process();
      await restarted.keyring.start(site.database.pool);
      expect(await site.generationsOnFile()).toEqual([next]);
      await expect(restarted.store.find(kept)).resolves.toEqual({ kind: 'subject', givenName: 'Kept' });
      await expect(restarted.store.find(erased)).resolves.toBeUndefined();
    });

    it('before the commit, drops the new generation at the next start, and everyone is still readable', async () => {
      const { keyring, store } = site.process();
      await keyring.start(site.database.pool);
      const [person, other] = [newId(), newId()];
      await store.save(person, 'subject', { givenName: 'Still here' });
      await store.save(other, 'victim', { contact: '020 7946 0018' });
      const old = await site.current();
      await eraseUntil(keyring, person, 'rollback');
      expect(await site.generationsOnFile()).toHaveLength(2);

      const restarted = site.process();
      await restarted.keyring.start(site.database.pool);
      expect(await site.current()).toBe(old);
      expect(await site.generationsOnFile()).toEqual([old]);
      await expect(restarted.store.find(person)).resolves.toEqual({ kind: 'subject', givenName: 'Still here' });
      await expect(restarted.store.find(other)).resolves.toEqual({ kind: 'victim', contact: '020 7946 0018' });
    });

    it('and an erasure asked again completes it without a restart', async () => {
      const { keyring, store } = site.process();
      await keyring.start(site.database.pool);
      const erased = newId();
      await store.save(erased, 'subject', { givenName: 'Gone' });
      await eraseUntil(keyring, erased, 'commit');
      expect(await site.generationsOnFile()).toHaveLength(2);
      await store.erase(erased, administrator, unnamed);
      expect(await site.generationsOnFile()).toEqual([await site.current()]);
    });
  });

  it('rewraps at start the keys wrapped by the master key before key-encryption keys, and they read as before', async () => {
    const masterKey = MasterKey.fromBytes(masterKeyBytes, { keyDir: site.keyDir });
    const id = newId();
    const dataKey = newDataKey();
    const legacyWrapped = masterKey.wrap(dataKey, `person-key:${id}`);
    await site.database.pool.query(`insert into person_keys (person_id, wrapped_key, master_key_id) values ($1, $2, $3)`, [id, legacyWrapped, masterKey.id]);
    const sealed = seal(dataKey, Buffer.from(JSON.stringify({ givenName: 'Written', familyName: 'Long Ago' })), `personal-data:${id}`);
    await site.database.pool.query(`insert into personal_data (id, kind, sealed) values ($1, 'subject', $2)`, [id, sealed]);
    await expect(site.process().store.find(id)).resolves.toEqual({ kind: 'subject', givenName: 'Written', familyName: 'Long Ago' });

    const { keyring, store } = site.process();
    await keyring.start(site.database.pool);
    const { rows } = await site.database.pool.query<{ wrapped_key: Buffer; kek_id: string }>(`select wrapped_key, kek_id from person_keys where person_id = $1`, [id]);
    expect(rows[0].kek_id).toBe(await site.current());
    expect(rows[0].wrapped_key.equals(legacyWrapped)).toBe(false);
    await expect(store.find(id)).resolves.toEqual({ kind: 'subject', givenName: 'Written', familyName: 'Long Ago' });
  });

  it('makes a save that is under way hold back an erasure until it commits, so its key is rewrapped too', async () => {
    const { keyring, store } = site.process();
    await keyring.start(site.database.pool);
    const [saving, erased] = [newId(), newId()];
    await store.save(erased, 'subject', { givenName: 'Gone' });
    const client = await site.database.pool.connect();
    try {
      await client.query('begin');
      const key = await keyring.keyForWriting(client, saving);
      const sealed = seal(key, Buffer.from(JSON.stringify({ givenName: 'Saved meanwhile' })), `personal-data:${saving}`);
      await client.query(`insert into personal_data (id, kind, sealed) values ($1, 'victim', $2)`, [saving, sealed]);
      const erasure = store.erase(erased, administrator, unnamed);
      await waitUntilOneWaitsOnALock(site.database);
      await client.query('commit');
      await erasure;
    } finally {
      client.release();
    }
    expect(await keyGenerations()).toEqual([await site.current()]);
    await expect(site.process().store.find(saving)).resolves.toEqual({ kind: 'victim', givenName: 'Saved meanwhile' });
  });

  it('refuses to start, naming the file, when the key file of a database with keys is gone', async () => {
    const { keyring, store } = site.process();
    await keyring.start(site.database.pool);
    await store.save(newId(), 'subject', { givenName: 'Someone' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'keyring-elsewhere-'));
    const moved = new PersonKeyring(MasterKey.fromBytes(masterKeyBytes, { keyDir: elsewhere }));
    const expected = join(elsewhere, basename(await site.keyFile()));
    await expect(moved.start(site.database.pool)).rejects.toThrow(KeyFileUnusable);
    await expect(moved.start(site.database.pool)).rejects.toThrow(`The key file ${expected} is missing`);
  });

  it('keeps the keys of databases that share a key folder apart', async () => {
    const neighbour = await install(site.keyDir);
    try {
      const [ours, theirs] = [site.process(), neighbour.process()];
      await ours.keyring.start(site.database.pool);
      await theirs.keyring.start(neighbour.database.pool);
      const [mine, ourErased, yours, theirErased] = [newId(), newId(), newId(), newId()];
      await ours.store.save(mine, 'subject', { givenName: 'Ours' });
      await ours.store.save(ourErased, 'subject', { givenName: 'Our erased' });
      await theirs.store.save(yours, 'subject', { givenName: 'Theirs' });
      await theirs.store.save(theirErased, 'subject', { givenName: 'Their erased' });
      await ours.store.erase(ourErased, administrator, unnamed);
      await theirs.store.erase(theirErased, administrator, unnamed);
      expect(await site.keyFile()).not.toBe(await neighbour.keyFile());
      await expect(site.process().store.find(mine)).resolves.toEqual({ kind: 'subject', givenName: 'Ours' });
      await expect(neighbour.process().store.find(yours)).resolves.toEqual({ kind: 'subject', givenName: 'Theirs' });
    } finally {
      await neighbour.close();
    }
  });
});

/** Polls the server until a backend of this database waits on a lock: the erasure, held back. */
const waitUntilOneWaitsOnALock = async (database: PgDatabase): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await database.pool.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (rows[0].n > 0) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('No statement ever waited on a lock');
};
