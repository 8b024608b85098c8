import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const keyLength = 32;
const format = 1;
const nonceLength = 12;
const tagLength = 16;
const headerLength = 1 + nonceLength + tagLength;

/** Sealed bytes that do not open with the key and context given. */
export class SealedDataUnreadable extends Error {
  constructor() {
    super('Sealed data could not be opened: the key is not the one it was sealed with, or the data was altered or belongs to another record');
    this.name = 'SealedDataUnreadable';
  }
}

export const newDataKey = (): Buffer => randomBytes(keyLength);

/**
 * AES-256-GCM with a fresh random nonce: a format byte, the nonce, the tag, then the ciphertext.
 * `context` (a record's id) is authenticated but not stored, so sealed bytes copied onto another
 * record fail to open there.
 */
export const seal = (key: Buffer, plaintext: Buffer, context: string): Buffer => {
  const nonce = randomBytes(nonceLength);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(format), nonce, cipher.getAuthTag(), ciphertext]);
};

export const open = (key: Buffer, sealed: Buffer, context: string): Buffer => {
  if (sealed.length < headerLength || sealed[0] !== format) throw new SealedDataUnreadable();
  const nonce = sealed.subarray(1, 1 + nonceLength);
  const tag = sealed.subarray(1 + nonceLength, headerLength);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(headerLength)), decipher.final()]);
  } catch {
    throw new SealedDataUnreadable();
  }
};
