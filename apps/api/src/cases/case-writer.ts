import { Injectable } from '@nestjs/common';
import {
  CaseCommand,
  caseDecider,
  CaseEvent,
  caseFactsOf,
  CaseNotFound,
  CaseReferred,
  CaseState,
  caseStreamId,
  Event,
  LinkedCaseFacts,
  Programme,
  ReferCase,
} from '@safer-cases/domain';
import { EventMetadata, EventStore, handleCommand, handleCommandAcrossStreams, StoredEvent } from '@safer-cases/event-store';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { Clock } from '../shared/clock';
import { eventMetadata, Recorder } from '../shared/recorder';

/** What a completed earlier case looks like, per programme: the pathway into coaching. */
const completionEvent: Partial<Record<Programme, string>> = {
  'restorative-justice': 'OutcomeAgreementReached',
  'conditional-caution': 'CourseCompleted',
};

/**
 * The case decider for one actor: a case they may not work on is refused (403) before any rule
 * is looked at, and a step on a case that was never referred is a 404. Referral's own check (the
 * referrer's organisation) is made before the stream is read.
 */
const decidedFor = (actor: Actor) => ({
  ...caseDecider,
  decide: (command: CaseCommand, state: CaseState): CaseEvent[] => {
    const facts = caseFactsOf(state);
    if (facts) CaseAccess.assertMayWorkOn(actor, facts);
    else if (command.type !== 'ReferCase') throw new CaseNotFound(command.data.caseId);
    return caseDecider.decide(command, state);
  },
});

/**
 * A case step that also writes one other stream (a course's places, a coach's caseload): which
 * stream that is (the case may name it: its booked course, its coach; none, and the step is the
 * case's alone), the case's command given that stream's events (a booking needs the course's
 * places left), and what that stream records given the case.
 */
export type TwoStreamStep = {
  caseId: string;
  other: (caseState: CaseState) => string | undefined;
  command: (otherEvents: Event[]) => CaseCommand;
  onOther: (otherEvents: Event[], caseState: CaseState) => Event[];
  /** A check of the case as first read, once the actor is known to be one who may work on it, before anything is decided (a strike-out asks the policy of the struck entry's route). */
  check?: (caseState: CaseState) => void;
};

/** The case's facts, for an actor who may work on it: 403 otherwise, 404 for a case never referred. */
const assertMayWorkOn = (actor: Actor, caseId: string, state: CaseState): void => {
  const facts = caseFactsOf(state);
  if (!facts) throw new CaseNotFound(caseId);
  CaseAccess.assertMayWorkOn(actor, facts);
};

/**
 * Every case command goes through here: the case stream read once, folded with the one case
 * decider, the command decided, and the events appended at the revision read (decided again on
 * a clash). A step that also writes another stream (a course's places, a coach's caseload)
 * writes both at once, or neither.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  metadata(recorder: Recorder): EventMetadata {
    return eventMetadata(recorder, this.clock.now().toISOString());
  }

  /** Opens a new case stream; a second referral with the same id is refused by the decider. A referrer refers for their own organisation only. */
  async refer(command: ReferCase, recorder: Recorder): Promise<bigint> {
    CaseAccess.assertMayRefer(recorder.actor, command.data.referrer.organisation);
    // A referral opens its stream, so the stream is not read before the first decision (an existing one clashes, and is read then).
    const { position } = await handleCommand(this.store, caseStreamId(command.data.caseId), decidedFor(recorder.actor), command, this.metadata(recorder), { newStream: true });
    return position;
  }

  /** A step decided on the case's own stream alone. */
  async decide(command: CaseCommand, recorder: Recorder): Promise<bigint> {
    const { position } = await handleCommand(this.store, caseStreamId(command.data.caseId), decidedFor(recorder.actor), command, this.metadata(recorder));
    return position;
  }

  /**
   * A step that writes the case and one other stream together, or neither: the case stream is
   * read once, the other stream chosen from it, both decided, and both appended at the
   * revisions read (all decided again on a clash).
   */
  async decideWith(step: TwoStreamStep, recorder: Recorder): Promise<bigint> {
    const caseStream = caseStreamId(step.caseId);
    const caseEvents = await this.store.readStream(caseStream);
    const firstRead = fold(domainEvents(caseEvents));
    // Who may work on the case is asked before any rule: choosing the other stream may decide the step.
    assertMayWorkOn(recorder.actor, step.caseId, firstRead);
    step.check?.(firstRead);
    const otherStream = step.other(firstRead);
    const decider = decidedFor(recorder.actor);
    const { position } = await handleCommandAcrossStreams(
      this.store,
      otherStream === undefined ? [caseStream] : [caseStream, otherStream],
      (streams) => {
        const caseState = fold(domainEvents(streams.get(caseStream)));
        const otherEvents = otherStream === undefined ? [] : domainEvents(streams.get(otherStream));
        const decided = new Map<string, Event[]>([[caseStream, decider.decide(step.command(otherEvents), caseState)]]);
        if (otherStream !== undefined) decided.set(otherStream, step.onOther(otherEvents, caseState));
        return decided;
      },
      this.metadata(recorder),
      { alreadyRead: new Map([[caseStream, caseEvents]]) },
    );
    return position;
  }

  /**
   * The earlier case a coaching referral follows, as far as `actor` may see it: a case they may
   * not work on answers as if it did not exist, so its programme, person and completion stay hidden.
   */
  async linkedCaseFacts(caseId: string, actor: Actor): Promise<LinkedCaseFacts> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    const referred = stored[0];
    if (!referred || referred.type !== 'CaseReferred') return { exists: false };
    const { programme, personId, referrer } = referred.data as CaseReferred['data'];
    if (!CaseAccess.mayWorkOn(actor, { programme, referrer })) return { exists: false };
    const completed = stored.some((event) => event.type === completionEvent[programme]);
    return { exists: true, programme, personId, completed };
  }
}

// A case stream holds case events only: its stream id says so.
const domainEvents = (stored: StoredEvent[] = []): CaseEvent[] => stored.map(({ type, data }) => ({ type, data }) as CaseEvent);

const fold = (events: CaseEvent[]): CaseState => events.reduce(caseDecider.evolve, caseDecider.initialState());
