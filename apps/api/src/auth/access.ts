import { ForbiddenException } from '@nestjs/common';
import { Organisation, Programme, VolunteerOrganisation, volunteerOrganisations } from '@safer-cases/domain';
import { Actor } from './actor';
import { caseScope } from './policy';

const forbidden = (message: string): ForbiddenException => new ForbiddenException({ message, code: 'forbidden' });

/** What a case is, for deciding who may work on it: its programme and who referred it. */
export type CaseOwnership = { programme: Programme; referrer: { organisation: Organisation } };

/**
 * The case-level half of the policy (the route half is the access guard's), called wherever a
 * case is loaded. Another organisation's or programme's case answers 403, not 404: case ids are
 * random UUIDs, so the answer tells nothing a caller could not already know.
 */
export const CaseAccess = {
  mayWorkOn(actor: Actor, owned: CaseOwnership): boolean {
    const scope = caseScope[actor.role];
    switch (scope.kind) {
      case 'programme':
        return owned.programme === scope.programme;
      case 'referred-by-own-organisation':
        return owned.referrer.organisation === actor.organisation;
      case 'none':
        return false;
    }
  },

  assertMayWorkOn(actor: Actor, owned: CaseOwnership): void {
    if (!CaseAccess.mayWorkOn(actor, owned)) throw forbidden(`This case is not one a ${actor.role} of ${actor.organisation} may work on`);
  },

  /** A referrer refers on behalf of their own organisation only. */
  assertMayRefer(actor: Actor, referrerOrganisation: Organisation): void {
    if (caseScope[actor.role].kind !== 'referred-by-own-organisation' || referrerOrganisation !== actor.organisation) {
      throw forbidden(`A ${actor.role} of ${actor.organisation} may refer only as ${actor.organisation}, not as ${referrerOrganisation}`);
    }
  },

  /** The filter that narrows a case list to the actor's cases; 403 for a programme not theirs. */
  listFilter(actor: Actor, programme: Programme | undefined): { programme?: Programme; referrerOrganisation?: Organisation } {
    const scope = caseScope[actor.role];
    switch (scope.kind) {
      case 'programme':
        if (programme !== undefined && programme !== scope.programme) throw forbidden(`A ${actor.role} sees ${scope.programme} cases only`);
        return { programme: scope.programme };
      case 'referred-by-own-organisation':
        return { programme, referrerOrganisation: actor.organisation };
      case 'none':
        throw forbidden(`A ${actor.role} sees no cases`);
    }
  },
};

/** Victim Support's coordinator keeps Victim Support's volunteers, Home-Start's Home-Start's. */
export const VolunteerAccess = {
  assertMayManage(actor: Actor, volunteerOrganisation: string): void {
    if (volunteerOrganisation !== actor.organisation) throw forbidden(`A ${actor.role} of ${actor.organisation} manages ${actor.organisation} volunteers only`);
  },

  /** The roster narrowed to the actor's own organisation; 403 when another is asked for. */
  rosterOrganisation(actor: Actor, asked: VolunteerOrganisation | undefined): VolunteerOrganisation {
    const own = volunteerOrganisations.find((organisation) => organisation === actor.organisation);
    if (own === undefined || (asked !== undefined && asked !== own)) throw forbidden(`A ${actor.role} of ${actor.organisation} sees ${actor.organisation} volunteers only`);
    return own;
  },
};
