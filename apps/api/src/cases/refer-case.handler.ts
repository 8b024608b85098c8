import { CommandHandler, ICommandHandler, Command as NestCommand } from '@nestjs/cqrs';
import { ReferCase, stripUndefined } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { PersonalDataStore } from '../people/personal-data.store';
import { CommandResult, positionOf } from '../shared/command-result';
import { Recorder } from '../shared/recorder';
import { CaseWriter } from './case-writer';
import { ReferCaseRequest } from './refer-case.request';

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
 * their ids, and only after the referral is accepted, so that a refused referral writes nothing.
 */
@CommandHandler(ReferCaseCommand)
export class ReferCaseHandler implements ICommandHandler<ReferCaseCommand, ReferralResult> {
  constructor(
    private readonly cases: CaseWriter,
    private readonly people: PersonalDataStore,
  ) {}

  async execute({ request, recorder }: ReferCaseCommand): Promise<ReferralResult> {
    const caseId = request.caseId ?? randomUUID();
    const personId = request.subject?.personId ?? randomUUID();
    const victimId = request.victim ? randomUUID() : undefined;
    const linkedCaseId = request.eligibility?.linkedCaseId;
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
        linkedCase: linkedCaseId ? await this.cases.linkedCaseFacts(linkedCaseId) : undefined,
        today: this.cases.today(),
      }),
    };
    const { position } = await this.cases.refer(caseId, request.programme, command, recorder);
    const { givenName, familyName, dateOfBirth } = request.subject ?? {};
    await this.people.save(personId, 'subject', { givenName, familyName, dateOfBirth });
    if (victimId && request.victim) await this.people.save(victimId, 'victim', { ...request.victim });
    return { caseId, personId, ...positionOf(position) };
  }
}
