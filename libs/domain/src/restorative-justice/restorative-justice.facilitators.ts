import { CalendarDate } from '../shared/calendar-date';
import { FacilitatorFacts } from './restorative-justice.commands';
import { FacilitatorCount, FacilitatorLeft, FacilitatorNotFound, FacilitatorNotTrained, FacilitatorNotVictimSupport } from './restorative-justice.errors';

const maximumFacilitators = 3;

/**
 * Judged on the panel date, not on today: a volunteer trained after the panel could not have
 * facilitated it, and one who left since still did.
 */
export const checkFacilitators = (facilitatorIds: readonly string[], facts: readonly FacilitatorFacts[], heldOn: CalendarDate): void => {
  const distinct = new Set(facilitatorIds).size === facilitatorIds.length;
  if (facilitatorIds.length < 1 || facilitatorIds.length > maximumFacilitators || !distinct) throw new FacilitatorCount(facilitatorIds);
  for (const volunteerId of facilitatorIds) {
    checkFacilitator(
      volunteerId,
      facts.find((fact) => fact.volunteerId === volunteerId),
      heldOn,
    );
  }
};

const checkFacilitator = (volunteerId: string, facts: FacilitatorFacts | undefined, heldOn: CalendarDate): void => {
  if (facts === undefined || !facts.exists) throw new FacilitatorNotFound(volunteerId);
  if (facts.organisation !== 'victim-support') throw new FacilitatorNotVictimSupport(volunteerId, facts.organisation);
  if (facts.trainedOn === undefined || facts.trainedOn > heldOn) throw new FacilitatorNotTrained(volunteerId, heldOn, facts.trainedOn);
  if (facts.leftOn !== undefined && facts.leftOn <= heldOn) throw new FacilitatorLeft(volunteerId, heldOn, facts.leftOn);
};
