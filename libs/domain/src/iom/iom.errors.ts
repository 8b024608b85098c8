import { DomainError } from '../shared/domain-error';
import { iomLeavingReasons } from './iom.events';

export class IomReferrerNotPoliceOrProbation extends DomainError {
  readonly code = 'iom-referrer-not-police-or-probation';
  constructor(organisation: string) {
    super(`An IOM referral comes from the police or probation, not ${organisation}`, { field: 'referrer.organisation' });
  }
}

export class AlreadyAdopted extends DomainError {
  readonly code = 'already-adopted';
  constructor(caseId: string, adoptedOn: string) {
    super(`Case ${caseId} was adopted onto the IOM cohort on ${adoptedOn}; a person is adopted once, or followed in the comparison group, not both`);
  }
}

export class AlreadyInComparisonGroup extends DomainError {
  readonly code = 'already-in-comparison-group';
  constructor(caseId: string, assignedOn: string) {
    super(`Case ${caseId} was assigned to the comparison group on ${assignedOn}; a person is followed there once, or adopted onto the cohort, not both`);
  }
}

export class MemberNotJoined extends DomainError {
  readonly code = 'member-not-joined';
  constructor(caseId: string) {
    super(`Case ${caseId} is neither adopted onto the cohort nor assigned to the comparison group, so there is nothing to leave`);
  }
}

export class MemberAlreadyLeft extends DomainError {
  readonly code = 'member-already-left';
  constructor(caseId: string, leftOn: string) {
    super(`Case ${caseId} left on ${leftOn}; a member leaves once`);
  }
}

export class UnknownLeavingReason extends DomainError {
  readonly code = 'unknown-leaving-reason';
  constructor(reason: string) {
    super(`The reason for leaving is one of ${iomLeavingReasons.join(', ')}, not ${JSON.stringify(reason)}`, { field: 'reason' });
  }
}

export class ConvictionBeforeOffence extends DomainError {
  readonly code = 'conviction-before-offence';
  constructor(convictedOn: string, offenceDate: string) {
    super(`A conviction on ${convictedOn} cannot precede its offence on ${offenceDate}`, { field: 'convictedOn' });
  }
}

export class ReoffenceNotForIom extends DomainError {
  readonly code = 'reoffence-not-for-iom';
  constructor(caseId: string) {
    super(`Case ${caseId} is an IOM case, measured by its convictions and arrests; record the conviction or the arrest instead of a reoffence`);
  }
}
