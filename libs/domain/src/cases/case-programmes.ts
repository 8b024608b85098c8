import { CommunityCoachingCommand } from '../community-coaching/community-coaching.commands';
import { CommunityCoachingEvent } from '../community-coaching/community-coaching.events';
import { ConditionalCautionCommand } from '../conditional-caution/conditional-caution.commands';
import { ConditionalCautionEvent } from '../conditional-caution/conditional-caution.events';
import { RestorativeJusticeCommand } from '../restorative-justice/restorative-justice.commands';
import { RestorativeJusticeEvent } from '../restorative-justice/restorative-justice.events';
import { SharedCaseCommand } from './case.commands';
import { Programme, SharedCaseEvent } from './case.events';

/** Every command a case stream takes, whichever programme it belongs to. */
export type CaseCommand = RestorativeJusticeCommand | ConditionalCautionCommand | CommunityCoachingCommand;

/** Every event a case stream holds, whichever programme it belongs to. */
export type CaseEvent = RestorativeJusticeEvent | ConditionalCautionEvent | CommunityCoachingEvent;

type Owned<T extends string, Shared extends string, P extends Programme> = Record<Exclude<T, Shared>, P>;

/*
 * One entry per command and event that only one programme takes. Typed from each programme's
 * union, so a step added to a programme and left out here, or put under the wrong programme,
 * does not compile.
 */
const commandProgrammes = {
  ...({
    AcceptReferral: 'restorative-justice',
    DeclineReferral: 'restorative-justice',
    HoldPanel: 'restorative-justice',
    ReachAgreement: 'restorative-justice',
    RecordNoAgreement: 'restorative-justice',
    UpholdAgreement: 'restorative-justice',
    RecordAgreementBreached: 'restorative-justice',
    RecordVictimSatisfaction: 'restorative-justice',
  } satisfies Owned<RestorativeJusticeCommand['type'], SharedCaseCommand['type'], 'restorative-justice'>),
  ...({
    BookCourse: 'conditional-caution',
    CancelBooking: 'conditional-caution',
    PayFee: 'conditional-caution',
    RecordAttendance: 'conditional-caution',
    CompleteCourse: 'conditional-caution',
    RecordBreach: 'conditional-caution',
  } satisfies Owned<ConditionalCautionCommand['type'], SharedCaseCommand['type'], 'conditional-caution'>),
  ...({
    AssignCoach: 'community-coaching',
    StartIntervention: 'community-coaching',
    LogCoachingSession: 'community-coaching',
    CompleteIntervention: 'community-coaching',
    WithdrawIntervention: 'community-coaching',
  } satisfies Owned<CommunityCoachingCommand['type'], SharedCaseCommand['type'], 'community-coaching'>),
} as const;

const eventProgrammes = {
  ...({
    ReferralAccepted: 'restorative-justice',
    ReferralDeclined: 'restorative-justice',
    PanelHeld: 'restorative-justice',
    OutcomeAgreementReached: 'restorative-justice',
    NoAgreementReached: 'restorative-justice',
    OutcomeAgreementUpheld: 'restorative-justice',
    OutcomeAgreementBreached: 'restorative-justice',
    VictimSatisfactionRecorded: 'restorative-justice',
  } satisfies Owned<RestorativeJusticeEvent['type'], SharedCaseEvent['type'], 'restorative-justice'>),
  ...({
    CourseBooked: 'conditional-caution',
    BookingCancelled: 'conditional-caution',
    FeePaid: 'conditional-caution',
    CourseAttended: 'conditional-caution',
    CourseCompleted: 'conditional-caution',
    ConditionBreached: 'conditional-caution',
  } satisfies Owned<ConditionalCautionEvent['type'], SharedCaseEvent['type'], 'conditional-caution'>),
  ...({
    CoachAssigned: 'community-coaching',
    InterventionStarted: 'community-coaching',
    CoachingSessionLogged: 'community-coaching',
    InterventionCompleted: 'community-coaching',
    InterventionWithdrawn: 'community-coaching',
  } satisfies Owned<CommunityCoachingEvent['type'], SharedCaseEvent['type'], 'community-coaching'>),
} as const;

/** A command that only one programme's cases take: not ReferCase, RecordReoffence or CloseCase. */
export type ProgrammeCommand = Exclude<CaseCommand, SharedCaseCommand>;

/** An event that only one programme's cases hold: not CaseReferred, ReoffenceRecorded or CaseClosed. */
export type ProgrammeEvent = Exclude<CaseEvent, SharedCaseEvent>;

export const isSharedCaseCommand = (command: CaseCommand): command is SharedCaseCommand =>
  command.type === 'ReferCase' || command.type === 'RecordReoffence' || command.type === 'CloseCase';

export const isSharedCaseEvent = (event: CaseEvent): event is SharedCaseEvent => event.type === 'CaseReferred' || event.type === 'ReoffenceRecorded' || event.type === 'CaseClosed';

export const programmeOf = (command: ProgrammeCommand): Programme => commandProgrammes[command.type];

/** The programme whose cases alone take `command`; undefined for the commands every programme takes. */
export const programmeOfCommand = (command: CaseCommand): Programme | undefined => (isSharedCaseCommand(command) ? undefined : programmeOf(command));

/** The programme whose cases alone hold `event`; undefined for the events every programme writes. */
export const programmeOfEvent = (event: CaseEvent): Programme | undefined => (isSharedCaseEvent(event) ? undefined : eventProgrammes[event.type]);

const takenBy = (owner: Programme | undefined, programme: Programme): boolean => owner === undefined || owner === programme;

export const isRestorativeJusticeCommand = (command: CaseCommand): command is RestorativeJusticeCommand => takenBy(programmeOfCommand(command), 'restorative-justice');
export const isConditionalCautionCommand = (command: CaseCommand): command is ConditionalCautionCommand => takenBy(programmeOfCommand(command), 'conditional-caution');
export const isCommunityCoachingCommand = (command: CaseCommand): command is CommunityCoachingCommand => takenBy(programmeOfCommand(command), 'community-coaching');

export const isRestorativeJusticeEvent = (event: CaseEvent): event is RestorativeJusticeEvent => takenBy(programmeOfEvent(event), 'restorative-justice');
export const isConditionalCautionEvent = (event: CaseEvent): event is ConditionalCautionEvent => takenBy(programmeOfEvent(event), 'conditional-caution');
export const isCommunityCoachingEvent = (event: CaseEvent): event is CommunityCoachingEvent => takenBy(programmeOfEvent(event), 'community-coaching');
