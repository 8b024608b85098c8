import { Injectable } from '@nestjs/common';
import {
  allowedSteps,
  CalendarDate,
  caseDecider,
  CaseEvent,
  caseFactsOf,
  CaseNotFound,
  CaseStep,
  caseStreamId,
  entryAt,
  Programme,
  Referrer,
  strikeableRevisions,
} from '@safer-cases/domain';
import { EventStore, StoredEvent } from '@safer-cases/event-store';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { Clock } from '../shared/clock';

/** Who struck an entry out, when and why (an `EntryStruckOut` later in the history, at `revision`). */
export type StruckOut = { revision: number; reason: string; recordedAt: string; recordedBy: string };

export type CaseHistoryEntry = {
  revision: number;
  type: string;
  date?: CalendarDate;
  recordedAt: string;
  recordedBy: string;
  position: string;
  data: Record<string, unknown>;
  struckOut?: StruckOut;
};

/**
 * A case as the API shows it (docs/api-additions.md): who and what it is about, its status and
 * key dates, the steps its programme's rules would take today (`allowedSteps`, from the decider),
 * and its history. `state` is the decider's own state, kept for one version for clients that
 * read it, and deprecated: it changes whenever the rules' bookkeeping does.
 */
export type CaseView = {
  caseId: string;
  programme: Programme;
  personId: string;
  victimId?: string;
  referrer: Referrer;
  status: string;
  closed: boolean;
  referredOn: CalendarDate;
  lastStepOn: CalendarDate;
  allowedSteps: CaseStep[];
  history: CaseHistoryEntry[];
  /** The revisions of the entries the rules would let be struck out now (the latest step, and facts such as reoffences). */
  strikeable: number[];
  /** @deprecated Read `status`, the dates, `allowedSteps` and `history` instead. */
  state: unknown;
};

/** The business date an event is about: its `on` or first `...On` field, or a reoffence's offence date. */
const businessDate = (event: StoredEvent): CalendarDate | undefined => {
  const entry = Object.entries(event.data).find(([key, value]) => (key === 'on' || key.endsWith('On') || key === 'offenceDate') && typeof value === 'string');
  return entry ? String(entry[1]) : undefined;
};

/** A case's state and full history, read from its stream, for someone who may work on it. */
@Injectable()
export class CaseReader {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async get(caseId: string, actor: Actor): Promise<CaseView> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    // A case stream holds case events only: its stream id says so.
    const state = stored.map(({ type, data }) => ({ type, data }) as CaseEvent).reduce(caseDecider.evolve, caseDecider.initialState());
    const facts = caseFactsOf(state);
    if (!facts || state.programme === null) throw new CaseNotFound(caseId);
    CaseAccess.assertMayWorkOn(actor, facts);
    const { programme, personId, victimId, referrer, status, closed, referredOn, lastStepOn } = facts;
    return {
      caseId,
      programme,
      personId,
      ...(victimId ? { victimId } : {}),
      referrer,
      status,
      closed,
      referredOn,
      lastStepOn,
      allowedSteps: allowedSteps(state, this.clock.today()),
      history: stored.map((event, revision) => {
        const struck = entryAt(state, revision)?.struckOut;
        const strike = struck === undefined ? undefined : stored[struck.revision];
        return {
          revision,
          type: event.type,
          date: businessDate(event),
          recordedAt: event.metadata.recordedAt,
          recordedBy: event.metadata.recordedBy,
          position: event.position.toString(),
          data: event.data,
          ...(struck && strike
            ? { struckOut: { revision: struck.revision, reason: struck.reason, recordedAt: strike.metadata.recordedAt, recordedBy: strike.metadata.recordedBy } }
            : {}),
        };
      }),
      strikeable: strikeableRevisions(state),
      state: state.state,
    };
  }
}
