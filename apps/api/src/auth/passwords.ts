import * as argon2 from 'argon2';

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes), salt and parameters kept in the hash. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const passwordMatches = async (hash: string, password: string): Promise<boolean> => {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};
