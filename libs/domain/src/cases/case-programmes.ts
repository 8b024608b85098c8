import { CommunityCoachingCommand } from '../community-coaching/community-coaching.commands';
import { CommunityCoachingEvent } from '../community-coaching/community-coaching.events';
import { ConditionalCautionCommand } from '../conditional-caution/conditional-caution.commands';
import { ConditionalCautionEvent } from '../conditional-caution/conditional-caution.events';
import { IomCommand } from '../iom/iom.commands';
import { IomEvent } from '../iom/iom.events';
import { RestorativeJusticeCommand } from '../restorative-justice/restorative-justice.commands';
import { RestorativeJusticeEvent } from '../restorative-justice/restorative-justice.events';
import { CaseCorrectionCommand, SharedCaseCommand } from './case.commands';
import { CaseCorrectionEvent, Programme, SharedCaseEvent } from './case.events';

/** Every command a case stream takes, whichever programme it belongs to. */
export type CaseCommand = RestorativeJusticeCommand | ConditionalCautionCommand | CommunityCoachingCommand | IomCommand | CaseCorrectionCommand;

/** Every event a case stream holds, whichever programme it belongs to. */
export type CaseEvent = RestorativeJusticeEvent | ConditionalCautionEvent | CommunityCoachingEvent | IomEvent | CaseCorrectionEvent;

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
  ...({
    AdoptCohortMember: 'iom',
    AssignComparisonMember: 'iom',
    RecordIomExit: 'iom',
    RecordConviction: 'iom',
    RecordArrest: 'iom',
  } satisfies Owned<IomCommand['type'], SharedCaseCommand['type'], 'iom'>),
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
  ...({
    CohortMemberAdopted: 'iom',
    ComparisonMemberAssigned: 'iom',
    CohortMemberLeft: 'iom',
    ConvictionRecorded: 'iom',
    ArrestRecorded: 'iom',
  } satisfies Owned<IomEvent['type'], SharedCaseEvent['type'], 'iom'>),
} as const;

/** A command that only one programme's cases take: not a shared step (ReferCase, RecordReoffence, CloseCase) nor a correction. */
export type ProgrammeCommand = Exclude<CaseCommand, SharedCaseCommand | CaseCorrectionCommand>;

/** An event that only one programme's cases hold: not a shared step (CaseReferred, ReoffenceRecorded, CaseClosed) nor a correction. */
export type ProgrammeEvent = Exclude<CaseEvent, SharedCaseEvent | CaseCorrectionEvent>;

export const isSharedCaseCommand = (command: CaseCommand): command is SharedCaseCommand =>
  command.type === 'ReferCase' || command.type === 'RecordReoffence' || command.type === 'CloseCase';

export const isSharedCaseEvent = (event: CaseEvent): event is SharedCaseEvent => event.type === 'CaseReferred' || event.type === 'ReoffenceRecorded' || event.type === 'CaseClosed';

export const isCaseCorrectionCommand = (command: CaseCommand): command is CaseCorrectionCommand => command.type === 'StrikeOutEntry' || command.type === 'ReopenCase';

export const isCaseCorrectionEvent = (event: CaseEvent): event is CaseCorrectionEvent => event.type === 'EntryStruckOut' || event.type === 'CaseReopened';

export const programmeOf = (command: ProgrammeCommand): Programme => commandProgrammes[command.type];

/** The programme whose cases alone take `command`; undefined for the commands every programme takes, corrections among them. */
export const programmeOfCommand = (command: CaseCommand): Programme | undefined =>
  isSharedCaseCommand(command) || isCaseCorrectionCommand(command) ? undefined : programmeOf(command);

/** The programme whose cases alone hold `event`; undefined for the events every programme writes, corrections among them. */
export const programmeOfEvent = (event: CaseEvent): Programme | undefined => (isSharedCaseEvent(event) || isCaseCorrectionEvent(event) ? undefined : eventProgrammes[event.type]);

const takenBy = (owner: Programme | undefined, programme: Programme): boolean => owner === undefined || owner === programme;

/*
 * A programme's own commands and the shared steps; corrections are not among them, as the case
 * decider takes those itself.
 */
export const isRestorativeJusticeCommand = (command: CaseCommand): command is RestorativeJusticeCommand =>
  !isCaseCorrectionCommand(command) && takenBy(programmeOfCommand(command), 'restorative-justice');
export const isConditionalCautionCommand = (command: CaseCommand): command is ConditionalCautionCommand =>
  !isCaseCorrectionCommand(command) && takenBy(programmeOfCommand(command), 'conditional-caution');
export const isCommunityCoachingCommand = (command: CaseCommand): command is CommunityCoachingCommand =>
  !isCaseCorrectionCommand(command) && takenBy(programmeOfCommand(command), 'community-coaching');
export const isIomCommand = (command: CaseCommand): command is IomCommand => !isCaseCorrectionCommand(command) && takenBy(programmeOfCommand(command), 'iom');

export const isRestorativeJusticeEvent = (event: CaseEvent): event is RestorativeJusticeEvent =>
  !isCaseCorrectionEvent(event) && takenBy(programmeOfEvent(event), 'restorative-justice');
export const isConditionalCautionEvent = (event: CaseEvent): event is ConditionalCautionEvent =>
  !isCaseCorrectionEvent(event) && takenBy(programmeOfEvent(event), 'conditional-caution');
export const isCommunityCoachingEvent = (event: CaseEvent): event is CommunityCoachingEvent =>
  !isCaseCorrectionEvent(event) && takenBy(programmeOfEvent(event), 'community-coaching');
/** An IOM case records convictions, not reoffences: its stream never holds ReoffenceRecorded, as its decider refuses one. */
export const isIomEvent = (event: CaseEvent): event is IomEvent => !isCaseCorrectionEvent(event) && event.type !== 'ReoffenceRecorded' && takenBy(programmeOfEvent(event), 'iom');
