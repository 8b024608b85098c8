import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { keyLength, newDataKey, open, seal } from './sealed-box';

const hex = /^[0-9a-fA-F]{64}$/;
const base64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/** The master key given is not 32 bytes in hex or base64, or its file is open to others. */
export class MasterKeyUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyUnusable';
  }
}

/**
 * The key that wraps every person's data key. It never goes to the database, a log or an
 * error: the bytes sit in a private field, and printing the object shows only its id, a
 * one-way fingerprint stored beside each wrapped key so that data written under another
 * master key is recognised as such.
 */
export class MasterKey {
  readonly #key: Buffer;
  readonly id: string;

  private constructor(key: Buffer) {
    this.#key = key;
    this.id = createHmac('sha256', key).update('safer-cases master key id').digest('hex').slice(0, 16);
  }

  static fromBytes(bytes: Uint8Array): MasterKey {
    if (bytes.length !== keyLength) throw new MasterKeyUnusable(`A master key is ${keyLength} bytes, not ${bytes.length}`);
    return new MasterKey(Buffer.from(bytes));
  }

  /** 64 hex digits or base64 (standard or URL-safe) of 32 bytes; `source` names where it came from. */
  static parse(text: string, source: string): MasterKey {
    const value = text.trim();
    if (hex.test(value)) return new MasterKey(Buffer.from(value, 'hex'));
    if (base64.test(value)) return new MasterKey(Buffer.from(value, 'base64'));
    throw new MasterKeyUnusable(
      `${source} must be ${keyLength} random bytes written as 64 hex digits or as base64 (44 characters), ` +
        `for example the output of "openssl rand -base64 32"; the value given is ${value.length} characters long and is neither`,
    );
  }

  /**
   * `MASTER_KEY` when set; otherwise the key kept in `<dataDir>/master-key`, made on first start
   * and readable by its owner only. Throws, with a message fit for the operator, when unusable.
   */
  static load(env: NodeJS.ProcessEnv, dataDir: string): MasterKey {
    const given = env.MASTER_KEY;
    if (given !== undefined && given !== '') return MasterKey.parse(given, 'MASTER_KEY');
    const file = join(dataDir, 'master-key');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, `${newDataKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new MasterKeyUnusable(`The master key file ${file} may be read by other users; make it private with "chmod 600 ${file}"`);
    }
    return MasterKey.parse(readFileSync(file, 'utf8'), `The master key file ${file}`);
  }

  /** A person's data key, sealed under the master key with the person's id as context. */
  wrap(dataKey: Buffer, personId: string): Buffer {
    return seal(this.#key, dataKey, wrapContext(personId));
  }

  unwrap(wrapped: Buffer, personId: string): Buffer {
    return open(this.#key, wrapped, wrapContext(personId));
  }

  toJSON(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return `MasterKey(${this.id})`;
  }
}

const wrapContext = (personId: string): string => `person-key:${personId}`;
