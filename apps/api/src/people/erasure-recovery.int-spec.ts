import { migrate, RunningPostgres, startEmbeddedPostgres } from '@safer-cases/database';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditLog } from '../audit/audit-log';
import { PgDatabase } from '../shared/database';
import { KeyEncryptionKeys } from './key-encryption-keys';
import { MasterKey } from './master-key';
import { administrator, SettableClock } from './people.fixtures';
import { PersonKeyring } from './person-keyring';
import { PersonSearchIndex } from './person-search-index';
import { PersonalDataStore } from './personal-data.store';
import { open } from './sealed-box';

/**
 * The attack erasure must defeat: someone holding a copy of the data directory (its WAL, its
 * table files with their dead rows) and the key material as it is now, after the erasure. They
 * try every 61 bytes that could be a wrapped key against every key they hold; then open every
 * copy of the person's sealed data with what came out. A person not erased, put through the very
 * same procedure, comes back whole: the scan itself works.
 *
 * "Could be a wrapped key": PostgreSQL stores a 61-byte bytea, in a table row and in the WAL
 * record that wrote it, after a one-byte length header, (61 + 1) * 2 + 1; only those places are
 * tried, which keeps the scan to seconds where trying every offset takes minutes.
 */
const wrappedKeyLength = 1 + 12 + 16 + 32;
const wrappedKeyHeader = ((wrappedKeyLength + 1) << 1) | 1;
const erasedPerson = { id: 'c0ffee00-0000-4000-8000-0000000000e1', fields: { givenName: 'Evangeline', familyName: 'Thistlethwaite', dateOfBirth: '1981-06-02' } };
const keptPerson = { id: 'c0ffee00-0000-4000-8000-0000000000c1', fields: { givenName: 'Cornelius', familyName: 'Pettigrew', contact: '020 7946 0991' } };

/** Every file under the database's own folder and the WAL, as the attacker would copy them. */
const filesOf = (dataDir: string, databaseOid: string): Buffer[] => {
  const under = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? under(join(folder, name)) : [join(folder, name)]));
  return [...under(join(dataDir, 'pg_wal')), ...under(join(dataDir, 'base', databaseOid))].map((file) => readFileSync(file));
};

const contains = (files: readonly Buffer[], bytes: Buffer): boolean => files.some((file) => file.includes(bytes));

/** The keys, as they are on disk now: the master key and whatever the key folder's file holds. */
type CurrentKeyMaterial = { masterKey: MasterKey; keys: KeyEncryptionKeys; generations: string[] };

/** Every data key of the person that some 61 bytes of the files open to, under any key held. */
const dataKeysFound = (files: readonly Buffer[], personId: string, held: CurrentKeyMaterial): Buffer[] => {
  const found = new Map<string, Buffer>();
  const attempts = [
    (candidate: Buffer) => held.masterKey.unwrap(candidate, `person-key:${personId}`),
    ...held.generations.map((generation) => (candidate: Buffer) => held.keys.unwrap(candidate, personId, generation)),
  ];
  for (const file of files) {
    for (let at = file.indexOf(wrappedKeyHeader) + 1; at > 0 && at + wrappedKeyLength <= file.length; at = file.indexOf(wrappedKeyHeader, at) + 1) {
      const candidate = file.subarray(at, at + wrappedKeyLength);
      for (const attempt of attempts) {
        try {
          const key = attempt(candidate);
          found.set(key.toString('hex'), key);
        } catch {
          // Not a key wrapped under this one: the common case.
        }
      }
    }
  }
  return [...found.values()];
};

describe('an erased person, read back from a copy of the data directory with the keys as they are now', () => {
  let folder: string;
  let server: RunningPostgres;
  let database: PgDatabase;
  let admin: Client;
  const masterKeyBytes = randomBytes(32);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'erasure-recovery-'));
    // As root, PostgreSQL runs as its own user, which must pass through to its data folder.
    chmodSync(folder, 0o711);
    server = await startEmbeddedPostgres({ directory: join(folder, 'pg'), persistent: false, settings: { fsync: 'off', max_connections: '20' } });
    admin = new Client(server.url('postgres'));
    await admin.connect();
    await admin.query('create database recovery');
    await migrate(server.url('recovery'));
    database = new PgDatabase(server.url('recovery'));
  });
  afterAll(async () => {
    await database?.pool.end();
    await admin?.end();
    await server?.stop();
  });

  it('gives back nothing of them, while the same procedure gives back a person not erased', async () => {
    const keyDir = join(folder, 'keys');
    const processKey = MasterKey.fromBytes(masterKeyBytes, { keyDir });
    const keyring = new PersonKeyring(processKey);
    const clock = new SettableClock();
    const store = new PersonalDataStore(database, keyring, new AuditLog(database, clock), clock, new PersonSearchIndex(processKey));
    await keyring.start(database.pool);
    await store.save(erasedPerson.id, 'subject', erasedPerson.fields);
    await store.save(keptPerson.id, 'victim', keptPerson.fields);
    const storedOf = async (id: string) =>
      (
        await database.pool.query<{ sealed: Buffer; wrapped_key: Buffer }>(
          `select d.sealed, k.wrapped_key from personal_data d join person_keys k on k.person_id = d.id where d.id = $1`,
          [id],
        )
      ).rows[0];
    const erasedBefore = await storedOf(erasedPerson.id);
    await database.pool.query('checkpoint');

    await store.erase(erasedPerson.id, administrator, { known: true, caseIds: [] });
    await database.pool.query('checkpoint');
    const keptAfter = await storedOf(keptPerson.id);

    const { rows } = await database.pool.query<{ oid: string; keyring_id: string }>(
      `select d.oid::text as oid, e.keyring_id from pg_database d cross join person_key_encryption e where d.datname = current_database()`,
    );
    const files = filesOf(join(folder, 'pg'), rows[0].oid);
    const masterKey = MasterKey.fromBytes(masterKeyBytes, { keyDir });
    const keys = new KeyEncryptionKeys(masterKey, rows[0].keyring_id);
    const generations = (JSON.parse(readFileSync(keys.path, 'utf8')) as { generations: { id: string }[] }).generations.map(({ id }) => id);
    const held: CurrentKeyMaterial = { masterKey, keys, generations };
    const recovered = (personId: string, sealedCopies: readonly Buffer[]): unknown[] =>
      dataKeysFound(files, personId, held).flatMap((dataKey) =>
        sealedCopies.flatMap((sealed) => {
          try {
            return [JSON.parse(open(dataKey, sealed, `personal-data:${personId}`).toString('utf8'))];
          } catch {
            return [];
          }
        }),
      );

    expect({ wrappedKeyLeft: contains(files, erasedBefore.wrapped_key), sealedDataLeft: contains(files, erasedBefore.sealed) }).toEqual({
      wrappedKeyLeft: true,
      sealedDataLeft: true,
    });
    expect(generations).toHaveLength(1);
    expect(recovered(erasedPerson.id, [erasedBefore.sealed])).toEqual([]);

    expect(contains(files, keptAfter.sealed)).toBe(true);
    expect(recovered(keptPerson.id, [keptAfter.sealed])).toEqual([keptPerson.fields]);
  });
});
