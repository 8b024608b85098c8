import { DomainError } from '@safer-cases/domain';

export class PersonNotFound extends DomainError {
  readonly code = 'person-not-found';
  override readonly kind = 'not-found';
  constructor(personId: string) {
    super(`Nothing is held about person ${personId}: no personal data, case, volunteer record or erasure`);
  }
}

/**
 * A referral named a person the referrer may not see, or who does not exist: the same answer
 * either way, so that a person id tells nothing about whom it names.
 */
export class PersonNotKnownToReferrer extends DomainError {
  readonly code = 'person-not-found';
  override readonly kind = 'not-found';
  constructor(personId: string) {
    super(`No person ${personId} among the people your organisation has referred; leave subject.personId out to refer someone new`, { field: 'subject.personId' });
  }
}

/** An erased person stays erased: nothing is written under their id again. */
export class PersonErased extends DomainError {
  readonly code = 'person-erased';
  constructor(personId: string, field?: string) {
    super(`Person ${personId} has been erased; their record cannot be used again. Refer them as a new person`, field ? { field } : undefined);
  }
}

/** A person's record holds one kind of person (subject, victim or volunteer), never two. */
export class PersonOfOtherKind extends DomainError {
  readonly code = 'person-of-other-kind';
  override readonly kind = 'already-exists';
  constructor(personId: string, field?: string) {
    super(`The id ${personId} already belongs to another person's record; leave the id out and a new one is made`, field ? { field } : undefined);
  }
}

/** Details are given for a new person only; an existing person's record is not changed by a referral. */
export class ExistingPersonDetails extends DomainError {
  readonly code = 'existing-person-details';
  constructor() {
    super('subject.personId names someone already known, so their name and date of birth are not given again: leave givenName, familyName and dateOfBirth out', {
      field: 'subject',
    });
  }
}
