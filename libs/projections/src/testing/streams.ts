import { StoredEvent } from '@safer-cases/event-store';
import { StreamReader } from '../projection';

/** The store's `readStream` over a global order of the spec's own, for specs that hand the row engine their events without a store. */
export const streamsOf = (events: readonly StoredEvent[]): StreamReader => ({
  readStream: async (streamId) => events.filter((event) => event.streamId === streamId),
});
