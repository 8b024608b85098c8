import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey } from '../apps/api/src/people/master-key';

/**
 * One master key and key folder for every app a bench run starts, in this process or in the
 * bench's server processes (which inherit them through the environment), since they share one database.
 */
const bytes = (process.env.BENCH_MASTER_KEY ??= randomBytes(32).toString('hex'));
const keyDir = (process.env.BENCH_KEY_DIR ??= mkdtempSync(join(tmpdir(), 'safer-cases-bench-keys-')));

export const benchMasterKey = MasterKey.fromBytes(Buffer.from(bytes, 'hex'), { keyDir });
