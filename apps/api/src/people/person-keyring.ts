import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey } from './sealed-box';

type Queryable = Pick<PoolClient, 'query'>;
export type WrappedKey = { wrapped_key: Buffer; master_key_id: string };

/**
 * One random AES-256 key per person, stored only wrapped by the master key. Destroying a
 * person's key is what erases them: whatever sealed copy of their data survives (a backup, a
 * row a later transaction has not yet vacuumed) can no longer be opened.
 */
@Injectable()
export class PersonKeyring {
  constructor(private readonly masterKey: MasterKey) {}

  /** The person's key, made on first use; the key row stays locked until the transaction ends. */
  async keyForWriting(client: Queryable, personId: string): Promise<Buffer> {
    const held = await this.lockedKey(client, personId);
    if (held) return this.unwrap(personId, held);
    await client.query(`insert into person_keys (person_id, wrapped_key, master_key_id) values ($1, $2, $3) on conflict (person_id) do nothing`, [
      personId,
      this.masterKey.wrap(newDataKey(), personId),
      this.masterKey.id,
    ]);
    const made = await this.lockedKey(client, personId);
    if (!made) throw new Error(`The key of person ${personId} was destroyed while being made`);
    return this.unwrap(personId, made);
  }

  unwrap(personId: string, key: WrappedKey): Buffer {
    if (key.master_key_id !== this.masterKey.id) throw mismatch(key.master_key_id, this.masterKey.id);
    return this.masterKey.unwrap(key.wrapped_key, personId);
  }

  /** Deletes the person's key (and, by cascade, their sealed data); false when they had none. */
  async destroy(client: Queryable, personId: string): Promise<boolean> {
    const { rowCount } = await client.query(`delete from person_keys where person_id = $1`, [personId]);
    return (rowCount ?? 0) > 0;
  }

  /** Refuses a master key other than the one the stored keys were wrapped with. */
  async assertMasterKeyMatches(client: Queryable): Promise<void> {
    const { rows } = await client.query<{ master_key_id: string }>(`select master_key_id from person_keys where master_key_id <> $1 limit 1`, [this.masterKey.id]);
    if (rows[0]) throw mismatch(rows[0].master_key_id, this.masterKey.id);
  }

  private async lockedKey(client: Queryable, personId: string): Promise<WrappedKey | undefined> {
    const { rows } = await client.query<WrappedKey>(`select wrapped_key, master_key_id from person_keys where person_id = $1 for update`, [personId]);
    return rows[0];
  }
}

const mismatch = (stored: string, given: string): MasterKeyUnusable =>
  new MasterKeyUnusable(
    `The personal data in this database was encrypted under master key ${stored}, but this process has master key ${given}: ` +
      'start it with the MASTER_KEY (or the DATA_DIR master-key file) the data was written with',
  );
