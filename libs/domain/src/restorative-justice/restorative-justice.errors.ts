import { DomainError } from '../shared/domain-error';

export class OffenceRequired extends DomainError {
  readonly code = 'offence-required';
  constructor() {
    super('A restorative-justice referral needs the offence: its type and date', { field: 'offence' });
  }
}

export class ReferralAlreadyDecided extends DomainError {
  readonly code = 'referral-already-decided';
  constructor(caseId: string, status: string) {
    super(`The referral of case ${caseId} has already been decided (${status}); it is accepted or declined once`);
  }
}

export class PanelBeforeAcceptance extends DomainError {
  readonly code = 'panel-before-acceptance';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is ${status}; a panel may only be held once the referral is accepted`);
  }
}

export class PanelAlreadyHeld extends DomainError {
  readonly code = 'panel-already-held';
  constructor(caseId: string) {
    super(`Case ${caseId} has had its panel; a case has one panel`);
  }
}

export class FacilitatorCount extends DomainError {
  readonly code = 'facilitator-count';
  constructor(facilitatorIds: readonly string[]) {
    super(`A panel needs one to three different facilitators; ${facilitatorIds.length} ids were given (${facilitatorIds.join(', ')})`, {
      field: 'facilitatorIds',
    });
  }
}

export class FacilitatorNotFound extends DomainError {
  readonly code = 'facilitator-not-found';
  override readonly kind = 'not-found';
  constructor(volunteerId: string) {
    super(`No volunteer ${volunteerId}; record the facilitator as a volunteer first`, { field: 'facilitatorIds', volunteerId });
  }
}

export class FacilitatorNotVictimSupport extends DomainError {
  readonly code = 'facilitator-not-victim-support';
  constructor(volunteerId: string, organisation: string) {
    super(`Volunteer ${volunteerId} is a ${organisation} volunteer; panels are facilitated by Victim Support volunteers`, {
      field: 'facilitatorIds',
      volunteerId,
    });
  }
}

export class FacilitatorNotTrained extends DomainError {
  readonly code = 'facilitator-not-trained';
  constructor(volunteerId: string, heldOn: string, trainedOn: string | undefined) {
    const when = trainedOn ? `was trained on ${trainedOn}` : 'has no training recorded';
    super(`Volunteer ${volunteerId} ${when}; a facilitator must be trained on or before the panel date ${heldOn}`, {
      field: 'facilitatorIds',
      volunteerId,
    });
  }
}

export class FacilitatorLeft extends DomainError {
  readonly code = 'facilitator-left';
  constructor(volunteerId: string, heldOn: string, leftOn: string) {
    super(`Volunteer ${volunteerId} left on ${leftOn}, on or before the panel date ${heldOn}`, { field: 'facilitatorIds', volunteerId });
  }
}

export class AgreementBeforePanel extends DomainError {
  readonly code = 'agreement-before-panel';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is ${status}; whether an outcome agreement was reached is recorded after the panel`);
  }
}

export class AgreementAlreadyDecided extends DomainError {
  readonly code = 'agreement-already-decided';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is already ${status}; the panel's outcome is recorded once`);
  }
}

export class NoAgreementToUphold extends DomainError {
  readonly code = 'no-agreement-to-uphold';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is ${status}; only an outcome agreement that was reached can be upheld or breached`);
  }
}

export class AgreementOutcomeAlreadyRecorded extends DomainError {
  readonly code = 'agreement-outcome-already-recorded';
  constructor(caseId: string, status: string) {
    super(`The outcome agreement of case ${caseId} is already ${status.replace('agreement-', '')}`);
  }
}

export class ReparationRequired extends DomainError {
  readonly code = 'reparation-required';
  constructor() {
    super('An outcome agreement needs at least one reparation term, none of them blank', { field: 'reparation' });
  }
}

export class SurveyBeforePanel extends DomainError {
  readonly code = 'survey-before-panel';
  constructor(caseId: string, status: string) {
    super(`Case ${caseId} is ${status}; the victim is surveyed after the panel`);
  }
}

export class SurveyAlreadyRecorded extends DomainError {
  readonly code = 'survey-already-recorded';
  constructor(caseId: string, surveyedOn: string) {
    super(`The victim of case ${caseId} was surveyed on ${surveyedOn}; a case has one survey`);
  }
}

export class ScoreOutOfRange extends DomainError {
  readonly code = 'score-out-of-range';
  constructor(score: number) {
    super(`A satisfaction score is a whole number from 1 to 5, not ${score}`, { field: 'score' });
  }
}
