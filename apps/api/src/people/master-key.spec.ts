import { mkdtempSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey, SealedDataUnreadable } from './sealed-box';

const bytes = Buffer.alloc(32, 7);
const personId = 'a4b7c3d2-0000-4000-8000-000000000001';
const freshDirectory = (): string => mkdtempSync(join(tmpdir(), 'master-key-'));

describe('master key', () => {
  describe('given in MASTER_KEY', () => {
    it('is read from 64 hex digits or from base64, standard or URL-safe, with surrounding space ignored', () => {
      const expected = MasterKey.fromBytes(bytes).id;
      for (const text of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('hex').toUpperCase()}\n`]) {
        expect(MasterKey.load({ MASTER_KEY: text }, freshDirectory()).id).toBe(expected);
      }
    });

    it.each([
      ['too short in hex', bytes.toString('hex').slice(2)],
      ['too long in base64', Buffer.alloc(33, 7).toString('base64')],
      ['a passphrase', 'correct horse battery staple'],
    ])('refuses a value %s, naming the variable and the expected forms but not the value', (_, value) => {
      const load = (): MasterKey => MasterKey.load({ MASTER_KEY: value }, freshDirectory());
      expect(load).toThrow(MasterKeyUnusable);
      expect(load).toThrow(/^MASTER_KEY must be 32 random bytes written as 64 hex digits or as base64/);
      expect(load).not.toThrow(value);
    });

    it('is taken before any key file under the data directory', () => {
      const directory = freshDirectory();
      const generated = MasterKey.load({}, directory);
      expect(MasterKey.load({ MASTER_KEY: bytes.toString('hex') }, directory).id).not.toBe(generated.id);
    });
  });

  describe('kept under DATA_DIR', () => {
    it('is made on first start, readable by its owner only, and the same at the next start', () => {
      const directory = join(freshDirectory(), 'data');
      const first = MasterKey.load({ MASTER_KEY: '' }, directory);
      const file = join(directory, 'master-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(MasterKey.load({}, directory).id).toBe(first.id);
    });

    it('is refused when others may read its file', () => {
      const directory = freshDirectory();
      writeFileSync(join(directory, 'master-key'), bytes.toString('base64'));
      chmodSync(join(directory, 'master-key'), 0o644);
      expect(() => MasterKey.load({}, directory)).toThrow(/may be read by other users; make it private with "chmod 600/);
    });

    it('is refused, naming the file, when the file does not hold a key', () => {
      const directory = freshDirectory();
      writeFileSync(join(directory, 'master-key'), 'not a key', { mode: 0o600 });
      expect(() => MasterKey.load({}, directory)).toThrow(`The master key file ${join(directory, 'master-key')} must be 32 random bytes`);
    });
  });

  it('wraps a data key that only the same master key and the same person id unwrap', () => {
    const masterKey = MasterKey.fromBytes(bytes);
    const dataKey = newDataKey();
    const wrapped = masterKey.wrap(dataKey, personId);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(masterKey.unwrap(wrapped, personId)).toEqual(dataKey);
    expect(() => MasterKey.fromBytes(Buffer.alloc(32, 8)).unwrap(wrapped, personId)).toThrow(SealedDataUnreadable);
    expect(() => masterKey.unwrap(wrapped, 'a4b7c3d2-0000-4000-8000-000000000002')).toThrow(SealedDataUnreadable);
  });

  it('shows only its id when printed or serialised, never the key', () => {
    const masterKey = MasterKey.fromBytes(bytes);
    const printed = [inspect(masterKey), JSON.stringify({ masterKey }), String(Object.values(masterKey))];
    for (const text of printed) {
      expect(text).not.toContain(bytes.toString('hex'));
      expect(text).not.toContain(bytes.toString('base64'));
    }
    expect(inspect(masterKey)).toBe(`MasterKey(${masterKey.id})`);
    expect(masterKey.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses bytes that are not 32 long', () => {
    expect(() => MasterKey.fromBytes(Buffer.alloc(16))).toThrow('A master key is 32 bytes, not 16');
  });
});
