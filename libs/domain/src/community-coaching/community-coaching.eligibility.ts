import { ReferCase } from '../cases/case.commands';
import { EligibilityBasis, Programme } from '../cases/case.events';
import {
  EligibilityRequired,
  IndicatorsRequired,
  LinkedCaseNotCompleted,
  LinkedCaseNotFound,
  LinkedCaseOtherPerson,
  LinkedCaseRequired,
  LinkedCaseWrongProgramme,
} from './community-coaching.errors';

const linkedProgrammeOf: Record<Exclude<EligibilityBasis, 'risk-identified'>, Programme> = {
  'completed-restorative-justice': 'restorative-justice',
  'completed-conditional-caution': 'conditional-caution',
};

/**
 * Coaching takes (a) people showing a risk of offending, with the indicators seen, or (b) people
 * who completed a restorative-justice or conditional-caution case of their own, named here.
 */
export const checkEligibility = (command: ReferCase): void => {
  const { eligibility, linkedCase, personId } = command.data;
  if (eligibility === undefined) throw new EligibilityRequired();
  if (eligibility.basis === 'risk-identified') {
    const indicators = eligibility.indicators ?? [];
    if (indicators.length === 0 || indicators.some((indicator) => indicator.trim() === '')) throw new IndicatorsRequired();
    return;
  }
  const { linkedCaseId } = eligibility;
  if (!linkedCaseId) throw new LinkedCaseRequired(eligibility.basis);
  if (linkedCase === undefined || !linkedCase.exists) throw new LinkedCaseNotFound(linkedCaseId);
  const expected = linkedProgrammeOf[eligibility.basis];
  if (linkedCase.programme !== expected) throw new LinkedCaseWrongProgramme(linkedCaseId, linkedCase.programme, expected);
  if (linkedCase.personId !== personId) throw new LinkedCaseOtherPerson(linkedCaseId);
  if (!linkedCase.completed) throw new LinkedCaseNotCompleted(linkedCaseId);
};
