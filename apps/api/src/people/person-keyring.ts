import { Injectable } from '@nestjs/common';
import type { Queryable } from '@safer-cases/projections';
import type { Pool } from 'pg';
import { inTransaction } from './in-transaction';
import { KeyEncryptionKeys } from './key-encryption-keys';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey, SealedDataUnreadable } from './sealed-box';

/** A person's key as stored: wrapped by generation `kek_id` of keyring `keyring_id`, or (null, before migration 1763840002000) by the master key itself. */
export type WrappedKey = { wrapped_key: Buffer; master_key_id: string; kek_id: string | null; keyring_id: string };
type Keyring = { keyring_id: string; kek_id: string | null };
type StoredKey = WrappedKey & { person_id: string };

const rewrapBatch = 500;

/**
 * One random AES-256 key per person, stored only wrapped by the keyring's current key-encryption
 * key (see KeyEncryptionKeys). Erasing a person deletes their key and replaces the key-encryption
 * key, so whatever wrapped copy of their key survives (the WAL, a row not yet vacuumed, a
 * backup) opens with no key that still exists, and so neither does their sealed data.
 *
 * The keyring's row is the lock: a save holds it shared until its transaction ends, an erasure
 * holds it exclusively, so no key is ever wrapped under a generation that is being replaced.
 */
@Injectable()
export class PersonKeyring {
  readonly #keys = new Map<string, KeyEncryptionKeys>();

  constructor(private readonly masterKey: MasterKey) {}

  /**
   * At start-up, before requests: refuses another master key, rewraps the keys of any person
   * still wrapped the old way (by the master key), finishes an erasure a crash interrupted.
   * Answers the one-line warning to log when key material sits inside DATA_DIR.
   */
  async start(pool: Pool): Promise<string | undefined> {
    await this.assertMasterKeyMatches(pool);
    await inTransaction(pool, async (client) => {
      const keyring = await this.beginErasure(client);
      const { rows } = await client.query(`select 1 from person_keys where kek_id is null limit 1`);
      if (keyring.kek_id === null || rows.length > 0) await this.rotate(client, keyring);
    });
    await this.retireUnused(pool);
    return this.masterKey.warning;
  }

  /**
   * The person's key, made on first use; the key row and the keyring stay locked until the
   * transaction ends. `held` is what `holdForWriting` answered earlier in this transaction (the
   * keyring cannot change while held), so that it is not read again.
   */
  async keyForWriting(client: Queryable, personId: string, held?: Keyring & { kek_id: string }): Promise<Buffer> {
    const keyring = held ?? (await this.holdForWriting(client));
    const existing = await this.lockedKey(client, personId);
    if (existing) return this.unwrap(personId, existing);
    const fresh = newDataKey();
    const { rowCount } = await client.query(`insert into person_keys (person_id, wrapped_key, master_key_id, kek_id) values ($1, $2, $3, $4) on conflict (person_id) do nothing`, [
      personId,
      this.keysOf(keyring.keyring_id).wrap(fresh, personId, keyring.kek_id),
      this.masterKey.id,
      keyring.kek_id,
    ]);
    // Our own new row, locked to this transaction until it ends: the key is the one just wrapped.
    if (rowCount === 1) return fresh;
    fresh.fill(0);
    const made = await this.lockedKey(client, personId);
    if (!made) throw new Error(`The key of person ${personId} was destroyed while being made`);
    return this.unwrap(personId, made);
  }

  /** Synchronous, so that nothing retires the key's generation between reading the row and opening it. */
  unwrap(personId: string, key: WrappedKey): Buffer {
    if (key.master_key_id !== this.masterKey.id) throw mismatch(key.master_key_id, this.masterKey.id);
    if (key.kek_id === null) return this.masterKey.unwrap(key.wrapped_key, `person-key:${personId}`);
    return this.keysOf(key.keyring_id).unwrap(key.wrapped_key, personId, key.kek_id);
  }

  /** False when `key` was read before an erasure that has since retired its generation: read it again. */
  canUnwrap(key: WrappedKey): boolean {
    if (key.kek_id === null || key.master_key_id !== this.masterKey.id) return true;
    const keys = this.keysOf(key.keyring_id);
    if (!keys.has(key.kek_id)) keys.reload();
    return keys.has(key.kek_id);
  }

  /**
   * Locks the keyring for the rest of the transaction: saves wait until it ends. An erasure calls
   * it first, before touching any person's rows, so that no save holding one of them waits on it.
   */
  async beginErasure(client: Queryable): Promise<Keyring> {
    const { rows } = await client.query<Keyring>(`select keyring_id, kek_id from person_key_encryption for update`);
    if (!rows[0]) throw new Error('The person_key_encryption row is missing: run the database migrations');
    return rows[0];
  }

  /**
   * Deletes the person's key (and, by cascade, their sealed data) and, when they had one,
   * rewraps everyone else's under a new key-encryption key. The file then holds the old and the
   * new until `retireUnused`, which the caller runs once the transaction has ended, committed or
   * not: only then is the erasure complete. False when they had no key.
   */
  async destroy(client: Queryable, personId: string): Promise<boolean> {
    const keyring = await this.beginErasure(client);
    const { rowCount } = await client.query(`delete from person_keys where person_id = $1`, [personId]);
    if ((rowCount ?? 0) === 0) return false;
    await this.rotate(client, keyring);
    return true;
  }

  /** Deletes from the key file, and forgets, every generation of key-encryption key no stored key uses. */
  async retireUnused(pool: Pool): Promise<void> {
    await inTransaction(pool, async (client) => {
      const keyring = await this.beginErasure(client);
      const { rows } = await client.query<{ kek_id: string }>(`select distinct kek_id from person_keys where kek_id is not null`);
      const used = new Set([...rows.map(({ kek_id }) => kek_id), ...(keyring.kek_id ? [keyring.kek_id] : [])]);
      this.keysOf(keyring.keyring_id).keepOnly([...used]);
    });
  }

  /** Refuses a master key other than the one the stored keys were wrapped with. */
  async assertMasterKeyMatches(client: Queryable): Promise<void> {
    const { rows } = await client.query<{ master_key_id: string }>(`select master_key_id from person_keys where master_key_id <> $1 limit 1`, [this.masterKey.id]);
    if (rows[0]) throw mismatch(rows[0].master_key_id, this.masterKey.id);
  }

  /**
   * Holds the keyring shared until the transaction ends, so that no erasure replaces the
   * key-encryption key meanwhile. A save calls it (or keyForWriting) before locking any person's
   * row, since an erasure takes the keyring first and then those rows. The first save ever makes
   * the first key-encryption key, holding the keyring exclusively instead: two saves holding it
   * shared could not both upgrade.
   */
  async holdForWriting(client: Queryable): Promise<Keyring & { kek_id: string }> {
    // One statement: held shared only when it has a key-encryption key (a row the condition leaves out is not locked).
    const { rows } = await client.query<Keyring>(`select keyring_id, kek_id from person_key_encryption where kek_id is not null for share`);
    let keyring = rows[0] ?? (await this.beginErasure(client));
    if (keyring.kek_id === null) {
      await this.rotate(client, keyring);
      keyring = await this.beginErasure(client);
    }
    const { kek_id } = keyring;
    if (kek_id === null) throw new Error('The keyring has no key-encryption key after making one');
    return { ...keyring, kek_id };
  }

  /** A new generation, on file beside the current one, and every stored key rewrapped under it; call with the keyring locked. */
  private async rotate(client: Queryable, keyring: Keyring): Promise<void> {
    const keys = this.keysOf(keyring.keyring_id);
    if (keyring.kek_id !== null && !keys.has(keyring.kek_id)) keys.reload();
    const next = keys.make();
    keys.keepOnly([...(keyring.kek_id ? [keyring.kek_id] : []), next]);
    for (let after: string | null = null; ;) {
      const { rows }: { rows: StoredKey[] } = await client.query<StoredKey>(
        `select person_id, wrapped_key, master_key_id, kek_id, $2::text as keyring_id from person_keys where $1::text is null or person_id > $1 order by person_id limit $3`,
        [after, keyring.keyring_id, rewrapBatch],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].person_id;
      const rewrapped = rows.map((row) => this.rewrapped(keys, row, next));
      await client.query(
        `update person_keys k set wrapped_key = v.wrapped_key, kek_id = $3, master_key_id = $4
         from unnest($1::text[], $2::bytea[]) as v (person_id, wrapped_key) where k.person_id = v.person_id`,
        [rows.map(({ person_id }) => person_id), rewrapped, next, this.masterKey.id],
      );
    }
    await client.query(`update person_key_encryption set kek_id = $1, rotated_at = now()`, [next]);
  }

  /**
   * The key wrapped under `generation`. A key that does not open (altered or moved in the
   * database) never could: it is carried over as it is, and still opens with nothing once the
   * generation it was filed under is destroyed, rather than stopping every erasure after it.
   */
  private rewrapped(keys: KeyEncryptionKeys, row: StoredKey, generation: string): Buffer {
    let dataKey: Buffer;
    try {
      dataKey = this.unwrap(row.person_id, row);
    } catch (error) {
      if (error instanceof SealedDataUnreadable) return row.wrapped_key;
      throw error;
    }
    try {
      return keys.wrap(dataKey, row.person_id, generation);
    } finally {
      dataKey.fill(0);
    }
  }

  private keysOf(keyringId: string): KeyEncryptionKeys {
    const known = this.#keys.get(keyringId);
    if (known) return known;
    const keys = new KeyEncryptionKeys(this.masterKey, keyringId);
    this.#keys.set(keyringId, keys);
    return keys;
  }

  private async lockedKey(client: Queryable, personId: string): Promise<WrappedKey | undefined> {
    const { rows } = await client.query<WrappedKey>(
      `select k.wrapped_key, k.master_key_id, k.kek_id, e.keyring_id from person_keys k cross join person_key_encryption e where k.person_id = $1 for update of k`,
      [personId],
    );
    return rows[0];
  }
}

const mismatch = (stored: string, given: string): MasterKeyUnusable =>
  new MasterKeyUnusable(
    `The personal data in this database was encrypted under master key ${stored}, but this process has master key ${given}: ` +
      'start it with the MASTER_KEY (or master-key file) the data was written with',
  );
