import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { DateInFuture, LinkedCaseFacts, ReferCase, stripUndefined } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { Actor } from '../auth/actor';
import { ExistingPersonDetails, PersonErased, PersonNotKnownToReferrer } from '../people/people.errors';
import { PersonalDataStore } from '../people/personal-data.store';
import { Database } from '../shared/database';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { Clock } from '../shared/clock';
import { EventStore } from '@safer-cases/event-store';
import { ReadYourWrites } from '../projections/read-your-writes';
import { CaseWriter } from './case-writer';
import { ReferCaseRequest, SubjectRequest } from './refer-case.request';

export type ReferralResult = CommandResult & { caseId: string; personId: string };

export class ReferCaseCommand extends NestCommand<ReferralResult> {
  constructor(
    readonly request: ReferCaseRequest,
    readonly recorder: Recorder,
  ) {
    super();
  }
}

/**
 * Opens a case. The subject's and victim's personal details go to the personal-data store under
 * ids this server makes, in the same transaction as the referral's events, so that a refused
 * referral writes nothing and a crash leaves no referral without its person.
 *
 * A person id is not a key: a referral may name an existing subject only where the referrer can
 * already see them — a case their organisation referred, or the earlier case of a coaching
 * pathway that they may see — and never an erased one. Their details are not given again.
 */
@CommandHandler(ReferCaseCommand)
export class ReferCaseHandler implements ICommandHandler<ReferCaseCommand, ReferralResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly people: PersonalDataStore,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ request, recorder }: ReferCaseCommand): Promise<ReferralResult> {
    const caseId = request.caseId ?? randomUUID();
    const today = this.clock.today();
    const born = request.subject?.dateOfBirth;
    if (born !== undefined && born > today) throw new DateInFuture('subject.dateOfBirth', born, today);
    const linkedCaseId = request.eligibility?.linkedCaseId;
    const linkedCase = linkedCaseId ? await this.cases.linkedCaseFacts(linkedCaseId, recorder.actor) : undefined;
    const named = request.subject?.personId;
    const personId = named ? await this.knownSubject(named, request.subject ?? {}, recorder.actor, linkedCase) : randomUUID();
    const victimId = request.victim ? randomUUID() : undefined;
    const command: ReferCase = {
      type: 'ReferCase',
      data: stripUndefined({
        caseId,
        programme: request.programme,
        referredOn: request.referredOn,
        referrer: stripUndefined({ ...request.referrer }),
        personId,
        victimId,
        offence: request.offence && { type: request.offence.type, date: request.offence.date },
        eligibility: request.eligibility && stripUndefined({ ...request.eligibility }),
        linkedCase,
        today,
      }),
    };
    const position = await this.cases.refer(command, recorder);
    const { givenName, familyName, dateOfBirth } = request.subject ?? {};
    if (!named) await this.people.save(personId, 'subject', { givenName, familyName, dateOfBirth });
    if (victimId && request.victim) await this.people.save(victimId, 'victim', { ...request.victim });
    return { caseId, personId, ...positionOf(position) };
  }

  /**
   * The existing subject a referral names, if the referrer may see them: the subject of the
   * visible earlier case it follows, or of a case their own organisation referred. Anyone else
   * answers as if they did not exist.
   */
  private async knownSubject(personId: string, details: SubjectRequest, actor: Actor, linkedCase: LinkedCaseFacts | undefined): Promise<string> {
    const { givenName, familyName, dateOfBirth } = details;
    if (givenName !== undefined || familyName !== undefined || dateOfBirth !== undefined) throw new ExistingPersonDetails();
    const followsLinkedCase = linkedCase?.exists === true && linkedCase.personId === personId;
    if (!followsLinkedCase) {
      // Who referred whom is read from the case summaries: let them apply every referral already
      // committed first, so that a person referred a moment ago is known to their referrer.
      await this.readYourWrites.caughtUp(await this.store.headPosition());
      const { rowCount } = await this.database.pool.query(`select 1 from case_summaries where person_id = $1 and referrer_organisation = $2 limit 1`, [
        personId,
        actor.organisation,
      ]);
      if (!rowCount) throw new PersonNotKnownToReferrer(personId);
    }
    if (await this.people.erasure(personId)) throw new PersonErased(personId, 'subject.personId');
    return personId;
  }
}
