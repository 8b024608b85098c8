import { notInFuture } from '../shared/decider';
import { DateBeforePreviousStep, UnknownCommand } from '../shared/domain-error';
import { checkCoachOn, firstDateOverCapacity, maxCoachingCases } from './volunteer.coach';
import { RecordVolunteerDeparture, RecruitVolunteer, ReleaseCoachingCase, TakeCoachingCase, TrainVolunteer, VolunteerCommand } from './volunteer.commands';
import {
  AlreadyLeft,
  AlreadyTrained,
  CaseAlreadyTaken,
  CaseNotCarried,
  CoachAtCapacity,
  TrainingAfterLeaving,
  TrainingBeforeRecruitment,
  UnknownOrganisation,
  VolunteerAlreadyExists,
  VolunteerNotFound,
} from './volunteer.errors';
import { VolunteerEvent, VolunteerOrganisation, volunteerOrganisations } from './volunteer.events';
import { RecruitedVolunteer, VolunteerState, leftOnOf, openSpellOf, trainedOnOf } from './volunteer.state';

export const decideVolunteer = (command: VolunteerCommand, state: VolunteerState): VolunteerEvent[] => {
  switch (command.type) {
    case 'RecruitVolunteer':
      return recruitVolunteer(command, state);
    case 'TrainVolunteer':
      return trainVolunteer(command, state);
    case 'RecordVolunteerDeparture':
      return recordDeparture(command, state);
    case 'TakeCoachingCase':
      return takeCoachingCase(command, state);
    case 'ReleaseCoachingCase':
      return releaseCoachingCase(command, state);
    default: {
      const unhandled: never = command;
      throw new UnknownCommand(unhandled);
    }
  }
};

const existingVolunteer = (state: VolunteerState, volunteerId: string): RecruitedVolunteer => {
  if (state.status === 'none') throw new VolunteerNotFound(volunteerId);
  return state;
};

const isVolunteerOrganisation = (organisation: string): organisation is VolunteerOrganisation => (volunteerOrganisations as readonly string[]).includes(organisation);

const recruitVolunteer = (command: RecruitVolunteer, state: VolunteerState): VolunteerEvent[] => {
  const { volunteerId, organisation, recruitedOn, today } = command.data;
  if (state.status !== 'none') throw new VolunteerAlreadyExists(volunteerId);
  if (!isVolunteerOrganisation(organisation)) throw new UnknownOrganisation(organisation);
  notInFuture('recruitedOn', recruitedOn, today);
  return [{ type: 'VolunteerRecruited', data: { volunteerId, organisation, recruitedOn } }];
};

const trainVolunteer = (command: TrainVolunteer, state: VolunteerState): VolunteerEvent[] => {
  const { volunteerId, trainedOn, today } = command.data;
  const current = existingVolunteer(state, volunteerId);
  const previousTraining = trainedOnOf(current);
  if (previousTraining !== undefined) throw new AlreadyTrained(volunteerId, previousTraining);
  if (current.status === 'left') throw new TrainingAfterLeaving(volunteerId, current.leftOn);
  notInFuture('trainedOn', trainedOn, today);
  if (trainedOn < current.recruitedOn) throw new TrainingBeforeRecruitment(trainedOn, current.recruitedOn);
  return [{ type: 'VolunteerTrained', data: { volunteerId, trainedOn } }];
};

/** A volunteer may leave untrained; a departure follows the recruitment and any training. */
const recordDeparture = (command: RecordVolunteerDeparture, state: VolunteerState): VolunteerEvent[] => {
  const { volunteerId, leftOn, today } = command.data;
  const current = existingVolunteer(state, volunteerId);
  if (current.status === 'left') throw new AlreadyLeft(volunteerId, current.leftOn);
  notInFuture('leftOn', leftOn, today);
  if (leftOn < current.recruitedOn) throw new DateBeforePreviousStep('leftOn', leftOn, current.recruitedOn, 'the recruitment');
  if (current.status === 'trained' && leftOn < current.trainedOn) throw new DateBeforePreviousStep('leftOn', leftOn, current.trainedOn, 'the training');
  return [{ type: 'VolunteerLeft', data: { volunteerId, leftOn } }];
};

/** A spell of the same case released after `takenOn` was still running then: taking the case again would overlap it. */
const takeCoachingCase = (command: TakeCoachingCase, state: VolunteerState): VolunteerEvent[] => {
  const { volunteerId, caseId, takenOn, today } = command.data;
  const current = existingVolunteer(state, volunteerId);
  notInFuture('takenOn', takenOn, today);
  checkCoachOn(volunteerId, { organisation: current.organisation, trainedOn: trainedOnOf(current), leftOn: leftOnOf(current) }, takenOn);
  const overlapping = current.coachingSpells.some((spell) => spell.caseId === caseId && (spell.releasedOn === undefined || spell.releasedOn > takenOn));
  if (overlapping) throw new CaseAlreadyTaken(volunteerId, caseId);
  const overOn = firstDateOverCapacity(current, takenOn);
  if (overOn !== undefined) throw new CoachAtCapacity(volunteerId, overOn, maxCoachingCases);
  return [{ type: 'CoachingCaseTaken', data: { volunteerId, caseId, takenOn } }];
};

const releaseCoachingCase = (command: ReleaseCoachingCase, state: VolunteerState): VolunteerEvent[] => {
  const { volunteerId, caseId, releasedOn, today } = command.data;
  const current = existingVolunteer(state, volunteerId);
  const spell = openSpellOf(current, caseId);
  if (spell === undefined) throw new CaseNotCarried(volunteerId, caseId);
  notInFuture('releasedOn', releasedOn, today);
  if (releasedOn < spell.takenOn) throw new DateBeforePreviousStep('releasedOn', releasedOn, spell.takenOn, 'taking the case');
  return [{ type: 'CoachingCaseReleased', data: { volunteerId, caseId, releasedOn } }];
};
