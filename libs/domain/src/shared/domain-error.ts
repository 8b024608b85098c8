/**
 * A broken business rule. `code` is stable and is what clients see; the HTTP layer alone
 * decides the status. `kind` lets that layer tell a missing thing or a clash from a rule.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly kind: 'rule' | 'not-found' | 'already-exists' = 'rule';
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class DateInFuture extends DomainError {
  readonly code = 'date-in-future';
  constructor(field: string, date: string, today: string) {
    super(`${field} ${date} is after today (${today}); a business date may not lie in the future`, { field });
  }
}

export class CaseNotFound extends DomainError {
  readonly code = 'case-not-found';
  override readonly kind = 'not-found';
  constructor(caseId: string) {
    super(`No case ${caseId}`);
  }
}

export class CaseAlreadyExists extends DomainError {
  readonly code = 'case-already-exists';
  override readonly kind = 'already-exists';
  constructor(caseId: string) {
    super(`Case ${caseId} already exists`);
  }
}

export class WrongProgramme extends DomainError {
  readonly code = 'wrong-programme';
  constructor(caseId: string, programme: string, expected: string) {
    super(`Case ${caseId} belongs to ${programme}; this step is for ${expected}`);
  }
}

export class DateBeforePreviousStep extends DomainError {
  readonly code = 'date-before-previous-step';
  constructor(field: string, date: string, previous: string, previousStep: string) {
    super(`${field} ${date} is before ${previousStep} on ${previous}`, { field });
  }
}

export class UnknownCommand extends Error {
  constructor(command: never) {
    super(`Unknown command ${JSON.stringify(command)}`);
  }
}
