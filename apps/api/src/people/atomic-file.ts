import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const temporarySuffix = '.tmp';

/**
 * Replaces `path` with `text` so that a crash at any moment leaves either the old file or the
 * new one, whole: written to a temporary file beside it and flushed, renamed over it, and the
 * folder flushed so that the rename itself survives a power cut. Readable by its owner only.
 */
export const replaceFile = (path: string, text: string): void => {
  const temporary = `${path}.${randomBytes(6).toString('hex')}${temporarySuffix}`;
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  flushFolder(dirname(path));
};

/** Deletes what a crash in replaceFile may have left beside `path`: temporary copies that could hold keys since destroyed. */
export const removeLeftovers = (path: string): void => {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  const left = readdirSync(folder).filter((name) => name.startsWith(prefix) && name.endsWith(temporarySuffix));
  for (const name of left) rmSync(join(folder, name), { force: true });
  if (left.length > 0) flushFolder(folder);
};

const flushFolder = (folder: string): void => {
  if (process.platform === 'win32') return;
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
};
