import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyEncryptionKeys, KeyFileUnusable } from './key-encryption-keys';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey, open, SealedDataUnreadable } from './sealed-box';

const personId = 'a4b7c3d2-0000-4000-8000-000000000001';
const keyringId = 'b2f0c0de0000400080000000000000aa';
const masterKeyIn = (keyDir: string, fill = 7): MasterKey => MasterKey.fromBytes(Buffer.alloc(32, fill), { keyDir });
const freshKeys = (): { keyDir: string; keys: KeyEncryptionKeys } => {
  const keyDir = mkdtempSync(join(tmpdir(), 'kek-'));
  return { keyDir, keys: new KeyEncryptionKeys(masterKeyIn(keyDir), keyringId) };
};
const generationsOnFile = (keys: KeyEncryptionKeys): string[] => (JSON.parse(readFileSync(keys.path, 'utf8')) as { generations: { id: string }[] }).generations.map(({ id }) => id);

describe('key-encryption keys', () => {
  it('keep only the generations asked for in a private file named after the keyring, each sealed under the master key', () => {
    const { keyDir, keys } = freshKeys();
    const [first, second] = [keys.make(), keys.make()];
    keys.keepOnly([first, second]);
    expect(keys.path).toBe(join(keyDir, `keyring-${keyringId}.json`));
    expect(statSync(keys.path).mode & 0o777).toBe(0o600);
    expect(generationsOnFile(keys).sort()).toEqual([first, second].sort());
    keys.keepOnly([second]);
    expect(generationsOnFile(keys)).toEqual([second]);
    expect(readdirSync(keyDir)).toEqual([`keyring-${keyringId}.json`]);
  });

  it('wrap a person’s key that opens under the same generation and person only', () => {
    const { keys } = freshKeys();
    const [first, second] = [keys.make(), keys.make()];
    const dataKey = newDataKey();
    const wrapped = keys.wrap(dataKey, personId, first);
    expect(keys.unwrap(wrapped, personId, first)).toEqual(dataKey);
    expect(() => keys.unwrap(wrapped, personId, second)).toThrow(SealedDataUnreadable);
    expect(() => keys.unwrap(wrapped, 'someone-else', first)).toThrow(SealedDataUnreadable);
  });

  it('cannot unwrap under a generation once it is no longer kept, in this process or read afresh from the file', () => {
    const { keyDir, keys } = freshKeys();
    const [old, current] = [keys.make(), keys.make()];
    keys.keepOnly([old, current]);
    const wrapped = keys.wrap(newDataKey(), personId, old);
    keys.keepOnly([current]);
    expect(keys.has(old)).toBe(false);
    expect(() => keys.unwrap(wrapped, personId, old)).toThrow(KeyFileUnusable);
    expect(() => new KeyEncryptionKeys(masterKeyIn(keyDir), keyringId).unwrap(wrapped, personId, old)).toThrow(
      `The key file ${keys.path} does not hold key-encryption key ${old}, under which personal data in this database is sealed`,
    );
  });

  it('read the file again for a generation another process made', () => {
    const { keyDir, keys } = freshKeys();
    const elsewhere = new KeyEncryptionKeys(masterKeyIn(keyDir), keyringId);
    const made = elsewhere.make();
    elsewhere.keepOnly([made]);
    const dataKey = newDataKey();
    expect(keys.unwrap(elsewhere.wrap(dataKey, personId, made), personId, made)).toEqual(dataKey);
  });

  it('delete the temporary copies an interrupted replacement left, which may hold destroyed generations', () => {
    const { keyDir, keys } = freshKeys();
    const current = keys.make();
    keys.keepOnly([current]);
    const leftover = join(keyDir, `keyring-${keyringId}.json.0123456789ab.tmp`);
    writeFileSync(leftover, readFileSync(keys.path));
    const unrelated = join(keyDir, 'master-key');
    writeFileSync(unrelated, 'kept');
    keys.keepOnly([current]);
    expect(readdirSync(keyDir).sort()).toEqual([`keyring-${keyringId}.json`, 'master-key']);
  });

  it('name the missing file when the database uses a generation and there is none', () => {
    const { keys } = freshKeys();
    expect(() => keys.unwrap(Buffer.alloc(61), personId, '00aa11bb22cc33dd')).toThrow(
      `The key file ${keys.path} is missing, and with it key-encryption key 00aa11bb22cc33dd, under which personal data in this database is sealed: start with KEY_DIR set to the folder that holds the key file written with this database`,
    );
  });

  it('refuse a file sealed under another master key, or open to other users', () => {
    const { keyDir, keys } = freshKeys();
    keys.keepOnly([keys.make()]);
    const other = masterKeyIn(keyDir, 9);
    expect(() => new KeyEncryptionKeys(other, keyringId)).toThrow(MasterKeyUnusable);
    expect(() => new KeyEncryptionKeys(other, keyringId)).toThrow(`is sealed under master key ${masterKeyIn(keyDir).id}, but this process has master key ${other.id}`);
    chmodSync(keys.path, 0o644);
    expect(() => new KeyEncryptionKeys(masterKeyIn(keyDir), keyringId)).toThrow(
      `The key file ${keys.path} may be read by other users; make it private with "chmod 600 ${keys.path}"`,
    );
  });

  it('write each generation sealed under the master key, never in plain', () => {
    const { keyDir, keys } = freshKeys();
    const generation = keys.make();
    keys.keepOnly([generation]);
    const dataKey = newDataKey();
    const wrapped = keys.wrap(dataKey, personId, generation);
    const text = readFileSync(keys.path, 'utf8');
    const contents = JSON.parse(text) as { keyring: string; masterKeyId: string; generations: { id: string; sealed: string }[] };
    expect(contents).toEqual({ keyring: keyringId, masterKeyId: masterKeyIn(keyDir).id, generations: [{ id: generation, sealed: expect.any(String) }] });
    const kek = masterKeyIn(keyDir).unwrap(Buffer.from(contents.generations[0].sealed, 'base64'), `key-encryption-key:${keyringId}:${generation}`);
    expect(open(kek, wrapped, `person-key:${personId}:${generation}`)).toEqual(dataKey);
    for (const form of [kek.toString('base64'), kek.toString('hex'), kek.toString('base64url')]) expect(text).not.toContain(form);
  });
});
