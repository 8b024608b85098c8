import { DomainError } from '../shared/domain-error';

export class EligibilityRequired extends DomainError {
  readonly code = 'eligibility-required';
  constructor() {
    super('A coaching referral states its eligibility: risk-identified, completed-restorative-justice or completed-conditional-caution', {
      field: 'eligibility',
    });
  }
}

export class IndicatorsRequired extends DomainError {
  readonly code = 'indicators-required';
  constructor() {
    super('A referral on identified risk names at least one indicator (e.g. regular truancy), none of them blank', { field: 'eligibility.indicators' });
  }
}

export class LinkedCaseRequired extends DomainError {
  readonly code = 'linked-case-required';
  constructor(basis: string) {
    super(`A referral on the basis ${basis} names the earlier case in eligibility.linkedCaseId`, { field: 'eligibility.linkedCaseId' });
  }
}

export class LinkedCaseNotFound extends DomainError {
  readonly code = 'linked-case-not-found';
  override readonly kind = 'not-found';
  constructor(linkedCaseId: string) {
    super(`No case ${linkedCaseId}; the referral must name an existing earlier case`, { field: 'eligibility.linkedCaseId' });
  }
}

export class LinkedCaseWrongProgramme extends DomainError {
  readonly code = 'linked-case-wrong-programme';
  constructor(linkedCaseId: string, programme: string, expected: string) {
    super(`Case ${linkedCaseId} is a ${programme} case; this basis needs a ${expected} case`, { field: 'eligibility.linkedCaseId' });
  }
}

export class LinkedCaseOtherPerson extends DomainError {
  readonly code = 'linked-case-other-person';
  constructor(linkedCaseId: string) {
    super(`Case ${linkedCaseId} concerns another person; the earlier case must be the referred person's own`, { field: 'eligibility.linkedCaseId' });
  }
}

export class LinkedCaseNotCompleted extends DomainError {
  readonly code = 'linked-case-not-completed';
  constructor(linkedCaseId: string) {
    super(`Case ${linkedCaseId} is not completed (restorative justice: an outcome agreement reached; conditional caution: the course completed)`, {
      field: 'eligibility.linkedCaseId',
    });
  }
}

export class CoachNotFound extends DomainError {
  readonly code = 'coach-not-found';
  override readonly kind = 'not-found';
  constructor(volunteerId: string) {
    super(`No volunteer ${volunteerId}; record the coach as a volunteer first`, { field: 'volunteerId', volunteerId });
  }
}

export class CoachAlreadyAssigned extends DomainError {
  readonly code = 'coach-already-assigned';
  constructor(caseId: string, volunteerId: string) {
    super(`Case ${caseId} already has coach ${volunteerId}; a case has one coach`, { field: 'volunteerId' });
  }
}

export class InterventionBeforeCoach extends DomainError {
  readonly code = 'intervention-before-coach';
  constructor(caseId: string) {
    super(`Case ${caseId} has no coach; assign a coach before starting the intervention`);
  }
}

export class InterventionAlreadyStarted extends DomainError {
  readonly code = 'intervention-already-started';
  constructor(caseId: string, startedOn: string) {
    super(`The intervention of case ${caseId} started on ${startedOn}; it starts once`);
  }
}

export class InterventionNotOpen extends DomainError {
  readonly code = 'intervention-not-open';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is ${status}; sessions, completion and withdrawal belong to an intervention that has started and not ended`);
  }
}

export class SessionHours extends DomainError {
  readonly code = 'session-hours';
  constructor(hours: number) {
    super(`A session lasts a whole number of quarter hours from 0.25 to 8, not ${hours}`, { field: 'hours' });
  }
}

export class SessionBeforeStart extends DomainError {
  readonly code = 'session-before-start';
  constructor(sessionOn: string, startedOn: string) {
    super(`A session on ${sessionOn} is before the intervention started on ${startedOn}`, { field: 'sessionOn' });
  }
}
