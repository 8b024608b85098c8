import { Event } from '@safer-cases/domain';
import { Recorded } from '../row-projection';

export const recordedAt = '2015-07-01T09:00:00.000Z';

/** A domain event as the store would hand it to a row table's `evolve`: at `position`, recorded at `recordedAt`. */
export const recorded = <E extends Event>(event: E, position: bigint | number = 1): Recorded<E> => ({ ...event, position: BigInt(position), recordedAt });
