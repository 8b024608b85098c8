import { caseDecider, caseEntriesOf, CaseEvent, fold } from '@safer-cases/domain';
import { StoredEvent } from '@safer-cases/event-store';
import { StreamReader } from './projection';

/**
 * A strike as the read models take it in: the EntryStruckOut, the event it struck (none when it
 * struck nothing: a revision the case does not hold, the referral, an entry struck already), and
 * the events of its case that stand once it has, the strike among them, in stream order.
 */
export type ResolvedStrike = { strike: StoredEvent; struck: StoredEvent | undefined; standing: readonly StoredEvent[] };

export const isStrike = (event: StoredEvent): boolean => event.type === 'EntryStruckOut' && typeof event.data.caseId === 'string' && Number.isInteger(event.data.revision);

/** The store answered with a stream that does not hold the strike, or every event before it: no read model can be put right from it. */
export class StrikeNotInItsStream extends Error {
  constructor(strike: StoredEvent) {
    super(`The stream ${strike.streamId} as the store reads it does not hold the strike at revision ${strike.revision} (event ${strike.id}) and every event before it`);
    this.name = 'StrikeNotInItsStream';
  }
}

/** Revisions 0 to the strike's, each once and in order, the last being the strike itself. */
const holdsAllUpTo = (upToStrike: readonly StoredEvent[], strike: StoredEvent): boolean =>
  upToStrike.length === strike.revision + 1 && upToStrike.every((event, index) => event.revision === index) && upToStrike[strike.revision].id === strike.id;

/**
 * Each strike among `events`, by its event id, resolved against its case's stream as the store
 * holds it. A strike names its entry only by revision, and a row does not keep the revisions it
 * was folded from, so the stream is read (once per case, and only for a batch that strikes
 * something); only the events up to the strike count, so the answer is the same live, in a
 * rebuild or when applied again. Which entries stand is the case decider's own answer
 * (`caseEntriesOf`), so a read model never disagrees with the rules about what a strike struck.
 * Events an operator chose to leave out of the read model (`skipped`) stay out.
 */
export const resolveStrikes = async (events: readonly StoredEvent[], streams: StreamReader, skipped: ReadonlySet<bigint>): Promise<Map<string, ResolvedStrike>> => {
  const read = new Map<string, Promise<StoredEvent[]>>();
  const resolved = new Map<string, ResolvedStrike>();
  for (const strike of events.filter(isStrike)) {
    const reading = read.get(strike.streamId) ?? streams.readStream(strike.streamId);
    read.set(strike.streamId, reading);
    resolved.set(strike.id, resolveStrike(strike, await reading, skipped));
  }
  return resolved;
};

const resolveStrike = (strike: StoredEvent, stream: readonly StoredEvent[], skipped: ReadonlySet<bigint>): ResolvedStrike => {
  const upToStrike = stream.filter((event) => event.revision <= strike.revision);
  if (!holdsAllUpTo(upToStrike, strike)) throw new StrikeNotInItsStream(strike);
  const entries = caseEntriesOf(
    fold(
      caseDecider,
      upToStrike.map(({ type, data }) => ({ type, data }) as CaseEvent),
    ),
  );
  const struckOut = new Set(entries.filter((entry) => entry.struckOut !== undefined).map((entry) => entry.revision));
  const struckHere = entries.find((entry) => entry.struckOut?.revision === strike.revision);
  return {
    strike,
    struck: struckHere && upToStrike.find((event) => event.revision === struckHere.revision),
    standing: upToStrike.filter((event) => !struckOut.has(event.revision) && !skipped.has(event.position)),
  };
};
