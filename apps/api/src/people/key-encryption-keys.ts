import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { removeLeftovers, replaceFile } from './atomic-file';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey, open, seal } from './sealed-box';

type Generation = { id: string; sealed: string };
type KeyFileContents = { keyring: string; masterKeyId: string; generations: Generation[] };

/** The key file of a database's keyring is missing, open to others, or lacks a key the database uses. */
export class KeyFileUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileUnusable';
  }
}

/**
 * The key-encryption keys of one database's keyring, which wrap every person's key. They live
 * in `<key folder>/keyring-<keyring id>.json`, each sealed under the master key, and never in
 * the database, whose WAL, dead rows and backups would keep every old one. An erasure makes a
 * new generation, rewraps everyone else's key under it and destroys the old one, so the wrapped
 * keys those old copies hold open with nothing that still exists. The file holds one generation,
 * or two while an erasure's transaction is open; whatever the database ends up using is kept.
 */
export class KeyEncryptionKeys {
  readonly path: string;
  readonly #held = new Map<string, Buffer>();

  constructor(
    private readonly masterKey: MasterKey,
    readonly keyringId: string,
  ) {
    this.path = join(masterKey.keyDir, `keyring-${keyringId}.json`);
    this.reload();
  }

  has(generation: string): boolean {
    return this.#held.has(generation);
  }

  /** Takes what the file holds now (another process may have replaced it); holds nothing when there is no file. */
  reload(): void {
    const generations = this.readFile()?.generations ?? [];
    const opened = generations.map(({ id, sealed }) => [id, this.masterKey.unwrap(Buffer.from(sealed, 'base64'), this.context(id))] as const);
    this.forgetAllBut([]);
    for (const [id, key] of opened) this.#held.set(id, key);
  }

  /** A new generation, held in memory only until `keepOnly` writes it to the file. */
  make(): string {
    const generation = randomBytes(8).toString('hex');
    this.#held.set(generation, newDataKey());
    return generation;
  }

  /**
   * Makes the file hold exactly these generations, replacing it atomically when it holds any
   * other, deletes what an interrupted replacement left, and forgets every other generation.
   */
  keepOnly(generations: readonly string[]): void {
    const missing = generations.find((generation) => !this.#held.has(generation));
    if (missing) throw this.lacking(missing);
    const onFile = (this.readFile()?.generations ?? []).map(({ id }) => id);
    if (onFile.length !== generations.length || onFile.some((id) => !generations.includes(id))) replaceFile(this.path, this.contents(generations));
    removeLeftovers(this.path);
    this.forgetAllBut(generations);
  }

  /** A person's key sealed under a generation, with the person's id and the generation as context. */
  wrap(dataKey: Buffer, personId: string, generation: string): Buffer {
    return seal(this.key(generation), dataKey, wrapContext(personId, generation));
  }

  unwrap(wrapped: Buffer, personId: string, generation: string): Buffer {
    return open(this.key(generation), wrapped, wrapContext(personId, generation));
  }

  private key(generation: string): Buffer {
    if (!this.#held.has(generation)) this.reload();
    const key = this.#held.get(generation);
    if (!key) throw this.lacking(generation);
    return key;
  }

  private readFile(): KeyFileContents | undefined {
    if (!existsSync(this.path)) return undefined;
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) {
      throw new KeyFileUnusable(`The key file ${this.path} may be read by other users; make it private with "chmod 600 ${this.path}"`);
    }
    const contents = JSON.parse(readFileSync(this.path, 'utf8')) as KeyFileContents;
    if (contents.masterKeyId !== this.masterKey.id) {
      throw new MasterKeyUnusable(
        `The key file ${this.path} is sealed under master key ${contents.masterKeyId}, but this process has master key ${this.masterKey.id}: ` +
          'start it with the MASTER_KEY (or master-key file) the keys were made with',
      );
    }
    return contents;
  }

  private contents(generations: readonly string[]): string {
    const sealed = generations.map((id) => ({ id, sealed: this.masterKey.wrap(this.key(id), this.context(id)).toString('base64') }));
    const contents: KeyFileContents = { keyring: this.keyringId, masterKeyId: this.masterKey.id, generations: sealed };
    return `${JSON.stringify(contents, null, 2)}\n`;
  }

  private forgetAllBut(generations: readonly string[]): void {
    for (const [id, key] of this.#held) {
      if (generations.includes(id)) continue;
      key.fill(0);
      this.#held.delete(id);
    }
  }

  private context(generation: string): string {
    return `key-encryption-key:${this.keyringId}:${generation}`;
  }

  private lacking(generation: string): KeyFileUnusable {
    const found = existsSync(this.path) ? 'does not hold' : 'is missing, and with it';
    return new KeyFileUnusable(
      `The key file ${this.path} ${found} key-encryption key ${generation}, under which personal data in this database is sealed: ` +
        'start with KEY_DIR set to the folder that holds the key file written with this database',
    );
  }
}

const wrapContext = (personId: string, generation: string): string => `person-key:${personId}:${generation}`;
