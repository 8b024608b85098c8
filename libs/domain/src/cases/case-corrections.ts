import { CalendarDate } from '../shared/calendar-date';
import { notInFuture } from '../shared/decider';
import { DateBeforePreviousStep, UnknownCommand } from '../shared/domain-error';
import { CaseCorrectionCommand, ReopenCase, StrikeOutEntry } from './case.commands';
import { CaseNotClosed, EntryAlreadyStruck, EntryCannotBeStruck, EntryNotFound, ReferralCannotBeStruck, StrikeDependentEntriesFirst, StrikeLatestStepFirst } from './case.errors';
import { CaseReopened, EntryStruckOut } from './case.events';
import { CaseEntry, closedOnOf, dependantsOf, entryKinds, latestStandingStep } from './case-entries';
import { CaseBasics } from './case-steps';

/** What a correction is judged on: the case's entries, and its programme's state as they leave it. */
export type CorrectedCase = { caseId: string; basics: CaseBasics; entries: readonly CaseEntry[] };

export const decideCorrection = (command: CaseCorrectionCommand, current: CorrectedCase): (EntryStruckOut | CaseReopened)[] => {
  switch (command.type) {
    case 'StrikeOutEntry':
      return strikeOutEntry(command, current);
    case 'ReopenCase':
      return reopenCase(command, current);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

/**
 * The entry at `revision`, if the rules let it be struck now. A step is struck only while it is
 * the latest standing one and nothing standing rests on it: what is left is then a history the
 * rules could have written, whatever the programme.
 */
export const strikeChecks = ({ caseId, entries }: CorrectedCase, revision: number): CaseEntry => {
  const entry = entries.find((candidate) => candidate.revision === revision);
  if (!entry) throw new EntryNotFound(caseId, revision);
  const { type } = entry.event;
  const kind = entryKinds[type];
  if (kind === 'referral') throw new ReferralCannotBeStruck(caseId);
  if (kind === 'strike' || kind === 'reopening') throw new EntryCannotBeStruck(revision, type);
  if (entry.struckOut) throw new EntryAlreadyStruck(revision, entry.struckOut.revision);
  if (kind === 'step') {
    const latest = latestStandingStep(entries);
    if (latest && latest.revision !== revision) throw new StrikeLatestStepFirst(revision, type, { revision: latest.revision, type: latest.event.type });
    const dependants = dependantsOf(entries, entry);
    if (dependants.length > 0)
      throw new StrikeDependentEntriesFirst(
        revision,
        type,
        dependants.map((dependant) => dependant.revision),
      );
  }
  return entry;
};

/** Blank reasons are refused where the request is read, as for every other reason a step carries. */
const strikeOutEntry = (command: StrikeOutEntry, current: CorrectedCase): EntryStruckOut[] => {
  const { caseId, revision, reason } = command.data;
  strikeChecks(current, revision);
  return [{ type: 'EntryStruckOut', data: { caseId, revision, reason } }];
};

const reopenCase = (command: ReopenCase, { caseId, basics, entries }: CorrectedCase): CaseReopened[] => {
  const { on, reason, today } = command.data;
  if (!basics.closed) throw new CaseNotClosed(caseId);
  notInFuture('on', on, today);
  const closedOn: CalendarDate = closedOnOf(entries) ?? basics.lastStepOn;
  if (on < closedOn) throw new DateBeforePreviousStep('on', on, closedOn, 'the closure');
  return [{ type: 'CaseReopened', data: { caseId, on, reason } }];
};
