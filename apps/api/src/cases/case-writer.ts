import { Injectable } from '@nestjs/common';
import {
  CalendarDate,
  caseStreamId,
  CaseNotFound,
  CaseReferred,
  Command,
  Decider,
  Event,
  fold,
  LinkedCaseFacts,
  Programme,
  ReferCase,
  Referrer,
  WrongProgramme,
} from '@safer-cases/domain';
import { EventMetadata, EventStore, handleCommand, handleCommandAcrossStreams, StoredEvent } from '@safer-cases/event-store';
import { Actor } from '../auth/actor';
import { CaseAccess } from '../auth/access';
import { Clock } from '../shared/clock';
import { eventMetadata, Recorder } from '../shared/recorder';
import { caseDeciders } from './case-deciders';

export type LoadedCase = { caseId: string; programme: Programme; personId: string; referrer: Referrer; state: unknown; events: Event[] };
export type CaseWrite = { events: Event[]; position: bigint; nextRevision: number };

/** What a completed earlier case looks like, per programme: the pathway into coaching. */
const completionEvent: Partial<Record<Programme, string>> = {
  'restorative-justice': 'OutcomeAgreementReached',
  'conditional-caution': 'CourseCompleted',
};

/**
 * Loads a case stream, picks its programme's decider, decides and appends with the revision
 * read. Every case command goes through here, whichever programme it belongs to.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return this.clock.today();
  }

  metadata(recorder: Recorder): EventMetadata {
    return eventMetadata(recorder, this.clock.now().toISOString());
  }

  /**
   * Opens a new case stream; a second referral with the same id is refused by the decider.
   * A referrer refers for their own organisation only.
   */
  async refer(caseId: string, programme: Programme, command: ReferCase, recorder: Recorder): Promise<CaseWrite> {
    CaseAccess.assertMayRefer(recorder.actor, command.data.referrer.organisation);
    const decider = caseDeciders[programme];
    return handleCommand(
      this.store,
      caseStreamId(caseId),
      (events) => fold(decider, events),
      (state) => decider.decide(command, state),
      this.metadata(recorder),
    );
  }

  /**
   * A step on an existing case. `programme` restricts the step to one programme's cases;
   * `build` makes the domain command from the loaded case (and is run again on a retry).
   * Every load checks that the recorder's actor may work on the case (403 otherwise).
   */
  async step(caseId: string, programme: Programme | undefined, build: (loaded: LoadedCase) => Command, recorder: Recorder): Promise<CaseWrite> {
    return handleCommand(
      this.store,
      caseStreamId(caseId),
      (events: Event[]) => events,
      (events) => {
        const loaded = this.loaded(caseId, events, recorder.actor);
        if (programme && loaded.programme !== programme) throw new WrongProgramme(caseId, loaded.programme, programme);
        return caseDeciders[loaded.programme].decide(build(loaded), loaded.state);
      },
      this.metadata(recorder),
    );
  }

  /**
   * A case step that also writes to one other stream (a course's places, a coach's caseload):
   * both streams are read, both decisions made, and both appends land together or not at all,
   * so a refusal on either side leaves no trace on the other.
   */
  async stepAcross(
    caseId: string,
    programme: Programme | undefined,
    otherStreamId: string,
    decide: (loaded: LoadedCase, other: Event[]) => { onCase: Event[]; onOther: Event[] },
    recorder: Recorder,
  ): Promise<{ position: bigint; onCase: Event[] }> {
    const caseStream = caseStreamId(caseId);
    const { events, position } = await handleCommandAcrossStreams(
      this.store,
      [caseStream, otherStreamId],
      (streams) => {
        const loaded = this.loaded(caseId, domainEvents(streams.get(caseStream)), recorder.actor);
        if (programme && loaded.programme !== programme) throw new WrongProgramme(caseId, loaded.programme, programme);
        const { onCase, onOther } = decide(loaded, domainEvents(streams.get(otherStreamId)));
        return new Map([
          [caseStream, onCase],
          [otherStreamId, onOther],
        ]);
      },
      this.metadata(recorder),
    );
    return { position, onCase: events.get(caseStream) ?? [] };
  }

  /** Decides on the case as it stands without writing: for a refusal found before anything else is read. */
  decideOnly(loaded: LoadedCase, programme: Programme, command: Command): Event[] {
    if (loaded.programme !== programme) throw new WrongProgramme(loaded.caseId, loaded.programme, programme);
    return caseDeciders[programme].decide(command, loaded.state);
  }

  async load(caseId: string, recorder: Recorder): Promise<LoadedCase> {
    return this.loaded(caseId, domainEvents(await this.store.readStream(caseStreamId(caseId))), recorder.actor);
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

  private loaded(caseId: string, events: Event[], actor: Actor): LoadedCase {
    const referred = events[0] as CaseReferred | undefined;
    if (!referred || referred.type !== 'CaseReferred') throw new CaseNotFound(caseId);
    const { programme, personId, referrer } = referred.data;
    CaseAccess.assertMayWorkOn(actor, { programme, referrer });
    const decider: Decider<Command, Event, unknown> = caseDeciders[programme];
    return { caseId, programme, personId, referrer, state: fold(decider, events), events };
  }
}

const domainEvents = (stored: StoredEvent[] = []): Event[] => stored.map(({ type, data }) => ({ type, data }));
