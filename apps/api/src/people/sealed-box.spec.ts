import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { keyLength, newDataKey, open, seal, SealedDataUnreadable } from './sealed-box';

describe('sealed box (AES-256-GCM)', () => {
  const key = newDataKey();
  const personId = '5b0c9a8e-0000-4000-8000-000000000001';
  const plaintext = Buffer.from('{"givenName":"Zebedee"}', 'utf8');

  it('opens what it sealed, with the same key and context', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (bytes, context) => {
        expect(open(key, seal(key, Buffer.from(bytes), context), context)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('makes 256-bit keys, a fresh one each time', () => {
    expect(newDataKey()).toHaveLength(keyLength);
    expect(newDataKey().equals(newDataKey())).toBe(false);
  });

  it('never shows the plaintext, and seals the same plaintext differently each time', () => {
    const once = seal(key, plaintext, personId);
    const twice = seal(key, plaintext, personId);
    expect(once.includes(Buffer.from('Zebedee'))).toBe(false);
    expect(once.equals(twice)).toBe(false);
  });

  it('refuses to open with another key', () => {
    expect(() => open(randomBytes(keyLength), seal(key, plaintext, personId), personId)).toThrow(SealedDataUnreadable);
  });

  it('refuses to open under another id: sealed data copied onto another person stays shut', () => {
    const sealed = seal(key, plaintext, personId);
    expect(() => open(key, sealed, '5b0c9a8e-0000-4000-8000-000000000002')).toThrow(SealedDataUnreadable);
  });

  it('refuses tampered bytes, wherever the change is', () => {
    const sealed = seal(key, plaintext, personId);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const tampered = Buffer.from(sealed);
        tampered[index] ^= flip;
        expect(() => open(key, tampered, personId)).toThrow(SealedDataUnreadable);
      }),
    );
  });

  it('refuses bytes cut short', () => {
    const sealed = seal(key, plaintext, personId);
    expect(() => open(key, sealed.subarray(0, 20), personId)).toThrow(SealedDataUnreadable);
    expect(() => open(key, sealed.subarray(0, sealed.length - 1), personId)).toThrow(SealedDataUnreadable);
  });
});
