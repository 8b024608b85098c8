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
    super(`Case ${caseId} is closed; only a reoffence may still be recorded`);
  }
}
