import { createHmac, hkdfSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
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
 * The folder for the key files: `KEY_DIR` when set, otherwise `$XDG_STATE_HOME/safer-cases`, or
 * `~/.local/state/safer-cases`. It is kept out of DATA_DIR on purpose: the database's WAL, dead
 * rows and backups keep old copies of every wrapped key, and only keys kept elsewhere, and
 * replaced at each erasure, make those copies unreadable.
 */
export const keyDirectory = (env: NodeJS.ProcessEnv): string => {
  if (env.KEY_DIR) return resolve(env.KEY_DIR);
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(state, 'safer-cases');
};

const isInside = (path: string, directory: string): boolean => {
  const way = relative(resolve(directory), resolve(path));
  return way === '' || (!way.startsWith('..') && !isAbsolute(way));
};

/**
 * The root of trust. It never goes to the database, a log or an error: the bytes sit in a
 * private field, and printing the object shows only its id, a one-way fingerprint stored beside
 * each wrapped key so that data written under another master key is recognised as such. It
 * seals the key-encryption keys kept in its key folder (see KeyEncryptionKeys), and it wrapped
 * people's keys itself before those existed.
 */
export class MasterKey {
  readonly #key: Buffer;
  #keyDir: string | undefined;
  readonly id: string;
  /** Says, in one line for the operator, that key material sits inside DATA_DIR; undefined when it does not. */
  readonly warning: string | undefined;

  private constructor(key: Buffer, keyDir: string | undefined, warning?: string) {
    this.#key = key;
    this.#keyDir = keyDir;
    this.warning = warning;
    this.id = createHmac('sha256', key).update('safer-cases master key id').digest('hex').slice(0, 16);
  }

  /**
   * For tests and benchmarks. Without `keyDir`, the key files go to a fresh private folder
   * under the system's temporary folder, made on first use.
   */
  static fromBytes(bytes: Uint8Array, options: { keyDir?: string } = {}): MasterKey {
    if (bytes.length !== keyLength) throw new MasterKeyUnusable(`A master key is ${keyLength} bytes, not ${bytes.length}`);
    return new MasterKey(Buffer.from(bytes), options.keyDir && resolve(options.keyDir));
  }

  /** 64 hex digits or base64 (standard or URL-safe) of 32 bytes; `source` names where it came from. */
  static parse(text: string, source: string, keyDir?: string, warning?: string): MasterKey {
    const value = text.trim();
    if (hex.test(value)) return new MasterKey(Buffer.from(value, 'hex'), keyDir, warning);
    if (base64.test(value)) return new MasterKey(Buffer.from(value, 'base64'), keyDir, warning);
    throw new MasterKeyUnusable(
      `${source} must be ${keyLength} random bytes written as 64 hex digits or as base64 (44 characters), ` +
        `for example the output of "openssl rand -base64 32"; the value given is ${value.length} characters long and is neither`,
    );
  }

  /**
   * `MASTER_KEY` when set; otherwise the key kept in `<key folder>/master-key` (see
   * keyDirectory), made on first start and readable by its owner only. A `<dataDir>/master-key`
   * left from before the key folder is still used while the key folder has none. Throws, with a
   * message fit for the operator, when unusable.
   */
  static load(env: NodeJS.ProcessEnv, dataDir: string): MasterKey {
    const keyDir = keyDirectory(env);
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const given = env.MASTER_KEY;
    if (given !== undefined && given !== '') return MasterKey.parse(given, 'MASTER_KEY', keyDir, locationWarning(keyDir, dataDir));
    const legacy = join(dataDir, 'master-key');
    const file = !existsSync(join(keyDir, 'master-key')) && existsSync(legacy) ? legacy : join(keyDir, 'master-key');
    if (file !== legacy) makeKeyFile(file);
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new MasterKeyUnusable(`The master key file ${file} may be read by other users; make it private with "chmod 600 ${file}"`);
    }
    return MasterKey.parse(readFileSync(file, 'utf8'), `The master key file ${file}`, keyDir, locationWarning(keyDir, dataDir, file));
  }

  /** Where the key files are kept; made, private, on first use. */
  get keyDir(): string {
    if (this.#keyDir === undefined) this.#keyDir = mkdtempSync(join(tmpdir(), 'safer-cases-keys-'));
    else mkdirSync(this.#keyDir, { recursive: true, mode: 0o700 });
    return this.#keyDir;
  }

  /** A key sealed under the master key; `context` (what the key is for and whose) must be given again to unwrap it. */
  wrap(key: Buffer, context: string): Buffer {
    return seal(this.#key, key, context);
  }

  unwrap(wrapped: Buffer, context: string): Buffer {
    return open(this.#key, wrapped, context);
  }

  /**
   * A key of its own for one purpose (HKDF-SHA256, the purpose as its info), so that what it
   * keys never opens, nor helps open, anything sealed under the master key.
   */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `safer-cases ${purpose}`, keyLength));
  }

  toJSON(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return `MasterKey(${this.id})`;
  }
}

const makeKeyFile = (file: string): void => {
  try {
    writeFileSync(file, `${newDataKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
};

const locationWarning = (keyDir: string, dataDir: string, masterKeyFile?: string): string | undefined => {
  if (isInside(keyDir, dataDir)) {
    return (
      `The key folder ${keyDir} is inside DATA_DIR (${dataDir}): a copy of DATA_DIR then holds the keys with the data, ` +
      'and people erased after the copy was made can be read back from it; set KEY_DIR to a folder outside DATA_DIR'
    );
  }
  if (masterKeyFile && isInside(masterKeyFile, dataDir)) {
    return (
      `The master key file ${masterKeyFile} is inside DATA_DIR: a copy of DATA_DIR then holds it, and with it the personal data ` +
      `written before key-encryption keys were used; move it to ${join(keyDir, 'master-key')}, or give it in MASTER_KEY`
    );
  }
  return undefined;
};
