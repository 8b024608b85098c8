import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { keyDirectory, MasterKey, MasterKeyUnusable } from './master-key';
import { newDataKey, SealedDataUnreadable } from './sealed-box';

const bytes = Buffer.alloc(32, 7);
const personId = 'a4b7c3d2-0000-4000-8000-000000000001';
const freshDirectory = (): string => mkdtempSync(join(tmpdir(), 'master-key-'));
/** The environment with a key folder of its own, outside `dataDir`. */
const keysApart = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ KEY_DIR: join(freshDirectory(), 'keys'), ...env });

describe('master key', () => {
  describe('given in MASTER_KEY', () => {
    it('is read from 64 hex digits or from base64, standard or URL-safe, with surrounding space ignored', () => {
      const expected = MasterKey.fromBytes(bytes).id;
      for (const text of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('hex').toUpperCase()}\n`]) {
        expect(MasterKey.load(keysApart({ MASTER_KEY: text }), freshDirectory()).id).toBe(expected);
      }
    });

    it.each([
      ['too short in hex', bytes.toString('hex').slice(2)],
      ['too long in base64', Buffer.alloc(33, 7).toString('base64')],
      ['a passphrase', 'correct horse battery staple'],
    ])('refuses a value %s, naming the variable and the expected forms but not the value', (_, value) => {
      const load = (): MasterKey => MasterKey.load(keysApart({ MASTER_KEY: value }), freshDirectory());
      expect(load).toThrow(MasterKeyUnusable);
      expect(load).toThrow(/^MASTER_KEY must be 32 random bytes written as 64 hex digits or as base64/);
      expect(load).not.toThrow(value);
    });

    it('is taken before any key file', () => {
      const [env, directory] = [keysApart(), freshDirectory()];
      const generated = MasterKey.load(env, directory);
      expect(MasterKey.load({ ...env, MASTER_KEY: bytes.toString('hex') }, directory).id).not.toBe(generated.id);
    });
  });

  describe('kept in the key folder', () => {
    it('is made on first start, readable by its owner only, and the same at the next start', () => {
      const env = keysApart({ MASTER_KEY: '' });
      const first = MasterKey.load(env, freshDirectory());
      const file = join(env.KEY_DIR ?? '', 'master-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(MasterKey.load(env, freshDirectory()).id).toBe(first.id);
      expect(first.keyDir).toBe(env.KEY_DIR);
    });

    it('is refused when others may read its file', () => {
      const env = keysApart();
      mkdirSync(env.KEY_DIR ?? '');
      writeFileSync(join(env.KEY_DIR ?? '', 'master-key'), bytes.toString('base64'));
      chmodSync(join(env.KEY_DIR ?? '', 'master-key'), 0o644);
      expect(() => MasterKey.load(env, freshDirectory())).toThrow(/may be read by other users; make it private with "chmod 600/);
    });

    it('is refused, naming the file, when the file does not hold a key', () => {
      const env = keysApart();
      mkdirSync(env.KEY_DIR ?? '');
      writeFileSync(join(env.KEY_DIR ?? '', 'master-key'), 'not a key', { mode: 0o600 });
      expect(() => MasterKey.load(env, freshDirectory())).toThrow(`The master key file ${join(env.KEY_DIR ?? '', 'master-key')} must be 32 random bytes`);
    });

    it('is in KEY_DIR, or else under $XDG_STATE_HOME, or else under ~/.local/state, never under DATA_DIR', () => {
      expect(keyDirectory({ KEY_DIR: '/srv/keys', XDG_STATE_HOME: '/state' })).toBe('/srv/keys');
      expect(keyDirectory({ XDG_STATE_HOME: '/state' })).toBe('/state/safer-cases');
      expect(keyDirectory({ XDG_STATE_HOME: 'relative/state' })).toBe(join(homedir(), '.local', 'state', 'safer-cases'));
      expect(keyDirectory({})).toBe(join(homedir(), '.local', 'state', 'safer-cases'));
    });

    it('goes with no warning when the key folder is outside DATA_DIR', () => {
      expect(MasterKey.load(keysApart(), freshDirectory()).warning).toBeUndefined();
      expect(MasterKey.load(keysApart({ MASTER_KEY: bytes.toString('hex') }), freshDirectory()).warning).toBeUndefined();
    });

    it('warns, in one line, when the key folder is inside DATA_DIR', () => {
      const dataDir = freshDirectory();
      const { warning } = MasterKey.load({ KEY_DIR: join(dataDir, 'keys'), MASTER_KEY: bytes.toString('hex') }, dataDir);
      expect(warning).toBe(
        `The key folder ${join(dataDir, 'keys')} is inside DATA_DIR (${dataDir}): a copy of DATA_DIR then holds the keys with the data, ` +
          'and people erased after the copy was made can be read back from it; set KEY_DIR to a folder outside DATA_DIR',
      );
      expect(warning).not.toContain('\n');
    });
  });

  describe('left in DATA_DIR from before the key folder', () => {
    it('is still used while the key folder has none, with a warning to move it', () => {
      const [env, dataDir] = [keysApart(), freshDirectory()];
      writeFileSync(join(dataDir, 'master-key'), bytes.toString('base64'), { mode: 0o600 });
      const loaded = MasterKey.load(env, dataDir);
      expect(loaded.id).toBe(MasterKey.fromBytes(bytes).id);
      expect(loaded.warning).toMatch(
        new RegExp(`^The master key file ${join(dataDir, 'master-key')} is inside DATA_DIR: .*; move it to ${join(env.KEY_DIR ?? '', 'master-key')}, or give it in MASTER_KEY$`),
      );
      expect(existsSync(join(env.KEY_DIR ?? '', 'master-key'))).toBe(false);
    });

    it('is ignored once the key folder has one', () => {
      const [env, dataDir] = [keysApart(), freshDirectory()];
      const moved = MasterKey.load(env, freshDirectory());
      writeFileSync(join(dataDir, 'master-key'), bytes.toString('base64'), { mode: 0o600 });
      expect(MasterKey.load(env, dataDir).id).toBe(moved.id);
    });
  });

  it('wraps a key that only the same master key and the same context unwrap', () => {
    const masterKey = MasterKey.fromBytes(bytes);
    const dataKey = newDataKey();
    const wrapped = masterKey.wrap(dataKey, `person-key:${personId}`);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(masterKey.unwrap(wrapped, `person-key:${personId}`)).toEqual(dataKey);
    expect(() => MasterKey.fromBytes(Buffer.alloc(32, 8)).unwrap(wrapped, `person-key:${personId}`)).toThrow(SealedDataUnreadable);
    expect(() => masterKey.unwrap(wrapped, 'person-key:a4b7c3d2-0000-4000-8000-000000000002')).toThrow(SealedDataUnreadable);
  });

  it('keeps its key files in the folder given, or else in a private temporary folder of its own', () => {
    expect(MasterKey.fromBytes(bytes, { keyDir: '/srv/keys' }).keyDir).toBe('/srv/keys');
    const made = MasterKey.fromBytes(bytes).keyDir;
    expect(made.startsWith(join(tmpdir(), 'safer-cases-keys-'))).toBe(true);
    expect(statSync(made).mode & 0o777).toBe(0o700);
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

  it('derives a key of its own for each purpose: the same from the same master key, never the master key itself', () => {
    const masterKey = MasterKey.fromBytes(bytes);
    const derived = masterKey.derive('person search index');
    expect(derived).toHaveLength(32);
    expect(MasterKey.fromBytes(Buffer.from(bytes)).derive('person search index').equals(derived)).toBe(true);
    expect(masterKey.derive('another purpose').equals(derived)).toBe(false);
    expect(MasterKey.fromBytes(Buffer.alloc(32, 9)).derive('person search index').equals(derived)).toBe(false);
    expect(derived.equals(bytes)).toBe(false);
  });

  it('refuses bytes that are not 32 long', () => {
    expect(() => MasterKey.fromBytes(Buffer.alloc(16))).toThrow('A master key is 32 bytes, not 16');
  });
});
