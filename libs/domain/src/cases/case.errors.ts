import { DomainError } from '../shared/domain-error';

export class OffenceAfterReferral extends DomainError {
  readonly code = 'offence-after-referral';
  constructor(offenceDate: string, referredOn: string) {
    super(`The offence date ${offenceDate} is after the referral date ${referredOn}`, { field: 'offence.date' });
  }
}

export class ReoffenceBeforeReferral extends DomainError {
  readonly code = 'reoffence-before-referral';
  constructor(offenceDate: string, referredOn: string) {
    super(`A reoffence's date (${offenceDate}) must be on or after the referral date (${referredOn})`, { field: 'offenceDate' });
  }
}

export class CaseAlreadyClosed extends DomainError {
  readonly code = 'case-closed';
  constructor(caseId: string) {
    super(`Case ${caseId} is closed; only a reoffence, a correction or its reopening may still be recorded`);
  }
}

export class EntryNotFound extends DomainError {
  readonly code = 'entry-not-found';
  override readonly kind = 'not-found';
  constructor(caseId: string, revision: number) {
    super(`Case ${caseId} has no entry at revision ${revision}`, { field: 'revision' });
  }
}

export class ReferralCannotBeStruck extends DomainError {
  readonly code = 'referral-cannot-be-struck';
  constructor(caseId: string) {
    super(`The referral of case ${caseId} cannot be struck out; a case referred in error is closed`, { field: 'revision' });
  }
}

export class EntryCannotBeStruck extends DomainError {
  readonly code = 'entry-cannot-be-struck';
  constructor(revision: number, type: string) {
    const instead = type === 'CaseReopened' ? '; close the case again instead' : '';
    super(`Revision ${revision} (${type}) is a correction and cannot itself be struck out${instead}`, { field: 'revision' });
  }
}

export class EntryAlreadyStruck extends DomainError {
  readonly code = 'entry-already-struck';
  constructor(revision: number, struckAt: number) {
    super(`Revision ${revision} was already struck out at revision ${struckAt}`, { field: 'revision' });
  }
}

export class StrikeLatestStepFirst extends DomainError {
  readonly code = 'strike-latest-step-first';
  constructor(revision: number, type: string, latest: { revision: number; type: string }) {
    super(`Revision ${revision} (${type}) is not the latest standing step: the latest is revision ${latest.revision} (${latest.type}); steps are struck out latest first`, {
      field: 'revision',
      latestRevision: latest.revision,
    });
  }
}

export class StrikeDependentEntriesFirst extends DomainError {
  readonly code = 'strike-dependent-entries-first';
  constructor(revision: number, type: string, dependants: readonly number[]) {
    super(`Revision ${revision} (${type}) has entries that rest on it (revisions ${dependants.join(', ')}); strike those out first`, {
      field: 'revision',
      dependentRevisions: [...dependants],
    });
  }
}

export class CaseNotClosed extends DomainError {
  readonly code = 'case-not-closed';
  constructor(caseId: string) {
    super(`Case ${caseId} is not closed; only a closed case is reopened`);
  }
}
