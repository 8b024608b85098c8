import { DomainError } from '../shared/domain-error';

export class VolunteerAlreadyExists extends DomainError {
  readonly code = 'volunteer-already-exists';
  override readonly kind = 'already-exists';
  constructor(volunteerId: string) {
    super(`Volunteer ${volunteerId} already exists`);
  }
}

export class VolunteerNotFound extends DomainError {
  readonly code = 'volunteer-not-found';
  override readonly kind = 'not-found';
  constructor(volunteerId: string) {
    super(`No volunteer ${volunteerId}; record the volunteer's recruitment first`, { volunteerId });
  }
}

export class UnknownOrganisation extends DomainError {
  readonly code = 'unknown-organisation';
  constructor(organisation: string) {
    super(`Volunteers are recruited by victim-support or home-start, not ${organisation}`, { field: 'organisation' });
  }
}

export class AlreadyTrained extends DomainError {
  readonly code = 'already-trained';
  constructor(volunteerId: string, trainedOn: string) {
    super(`Volunteer ${volunteerId} was trained on ${trainedOn}; training is recorded once`, { field: 'trainedOn' });
  }
}

export class TrainingBeforeRecruitment extends DomainError {
  readonly code = 'training-before-recruitment';
  constructor(trainedOn: string, recruitedOn: string) {
    super(`Training on ${trainedOn} is before the volunteer was recruited on ${recruitedOn}`, { field: 'trainedOn' });
  }
}

export class AlreadyLeft extends DomainError {
  readonly code = 'already-left';
  constructor(volunteerId: string, leftOn: string) {
    super(`Volunteer ${volunteerId} left on ${leftOn}; a departure is recorded once`, { field: 'leftOn' });
  }
}

export class TrainingAfterLeaving extends DomainError {
  readonly code = 'volunteer-left';
  constructor(volunteerId: string, leftOn: string) {
    super(`Volunteer ${volunteerId} left on ${leftOn}; a volunteer who has left is not trained`, { field: 'trainedOn' });
  }
}

export class CoachNotHomeStart extends DomainError {
  readonly code = 'coach-not-home-start';
  constructor(volunteerId: string, organisation: string) {
    super(`Volunteer ${volunteerId} is a ${organisation} volunteer; coaches are Home-Start volunteers`, { field: 'volunteerId', volunteerId });
  }
}

export class CoachNotTrained extends DomainError {
  readonly code = 'coach-not-trained';
  constructor(volunteerId: string, on: string, trainedOn: string | undefined) {
    const when = trainedOn ? `was trained on ${trainedOn}` : 'has no training recorded';
    super(`Volunteer ${volunteerId} ${when}; a coach must be trained on or before ${on}`, { field: 'volunteerId', volunteerId });
  }
}

export class CoachLeft extends DomainError {
  readonly code = 'coach-left';
  constructor(volunteerId: string, on: string, leftOn: string) {
    super(`Volunteer ${volunteerId} left on ${leftOn}, on or before ${on}; choose another coach`, { field: 'volunteerId', volunteerId });
  }
}

export class CoachAtCapacity extends DomainError {
  readonly code = 'coach-at-capacity';
  constructor(volunteerId: string, on: string, maximum: number) {
    super(`Volunteer ${volunteerId} would carry more than ${maximum} interventions on ${on}; choose another coach or release a case first`, {
      field: 'volunteerId',
      volunteerId,
    });
  }
}

export class CaseAlreadyTaken extends DomainError {
  readonly code = 'case-already-taken';
  constructor(volunteerId: string, caseId: string) {
    super(`Volunteer ${volunteerId} already carries case ${caseId}`, { field: 'caseId' });
  }
}

export class CaseNotCarried extends DomainError {
  readonly code = 'case-not-carried';
  constructor(volunteerId: string, caseId: string) {
    super(`Volunteer ${volunteerId} does not carry case ${caseId}; there is nothing to release`, { field: 'caseId' });
  }
}
