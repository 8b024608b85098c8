import { randomBytes } from 'node:crypto';
import { MasterKey } from '../apps/api/src/people/master-key';

/** One master key for every app a bench run starts, since they share one database. */
export const benchMasterKey = MasterKey.fromBytes(randomBytes(32));
