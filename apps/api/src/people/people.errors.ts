import { DomainError } from '@safer-cases/domain';

export class PersonNotFound extends DomainError {
  readonly code = 'person-not-found';
  override readonly kind = 'not-found';
  constructor(personId: string) {
    super(`Nothing is held about person ${personId}: no personal data, case, volunteer record or erasure`);
  }
}
