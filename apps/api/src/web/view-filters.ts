import type { CaseEvent } from '@safer-cases/domain';
import type { Environment } from 'nunjucks';
import { shortReference } from './short-reference';

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);

/** `2026-11-22` as "22 November 2026" (GOV.UK style); anything else as it is. */
export const formatDate = (value: unknown): string => (isIsoDate(value) ? longDate.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : value == null ? '' : String(value));

export const formatShortDate = (value: unknown): string => (isIsoDate(value) ? shortDate.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : value == null ? '' : String(value));

/** Pence as pounds: 4400 as "£44.00", 123456 as "£1,234.56"; anything but a whole number of pence as it is. */
export const formatMoney = (pence: unknown): string => (Number.isInteger(pence) ? pounds.format((pence as number) / 100) : pence == null ? '' : String(pence));

/** A yes/no answer as the form asked it: "Yes" or "No"; anything else as it is. */
export const yesNo = (value: unknown): string => (value === true ? 'Yes' : value === false ? 'No' : value == null ? '' : String(value));

/** `agreement-reached` as "Agreement reached". */
export const humanise = (value: unknown): string => {
  const text = String(value ?? '').replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** `OutcomeAgreementReached` as "Outcome agreement reached". */
export const eventName = (type: unknown): string =>
  humanise(
    String(type ?? '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase(),
  );

/** One labelled fact of a history entry: "Victim attended: Yes". */
export type EntryDetail = { label: string; text: string };

/** A history entry in words: its title, its labelled facts, and those facts in one line ("Date: 20 November 2015; Victim attended: Yes"). */
export type EntryWords = { title: string; details: EntryDetail[]; text: string };

/** Names already resolved by whoever draws the page (volunteers, courses), by id; names are personal data, so no filter reads them itself. */
export type EntryNames = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

type Data = Record<string, unknown>;

const nameIn = (names: EntryNames | undefined, id: string): string | undefined =>
  names instanceof Map ? names.get(id) : (names as Readonly<Record<string, string>> | undefined)?.[id];

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

const detail = (label: string, text: string | undefined): EntryDetail[] => (text === undefined || text === '' ? [] : [{ label, text }]);

const dated = (value: unknown, label = 'Date'): EntryDetail[] => detail(label, isIsoDate(value) ? formatDate(value) : undefined);

const reasonOf = (data: Data): EntryDetail[] => detail('Reason', textOf(data.reason));

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string' && each.trim() !== '') : []);

/** The partnership's organisations by the names their staff use. */
export const organisationWords: Record<string, string> = {
  police: 'Metropolitan Police',
  probation: 'Probation Service',
  council: 'Barnet Council',
  'victim-support': 'Victim Support',
  wdp: 'WDP',
  'home-start': 'Home-Start',
};

/** A caution's breach reasons as the breach form offers them (its spec holds the two to the same words). */
const breachWords: Record<string, string> = {
  'did-not-attend': 'Did not attend the course',
  'fee-unpaid': 'Did not pay the fee',
  'deadline-passed': 'The deadline passed',
  other: 'Another reason',
};

const eligibilityWords: Record<string, string> = {
  'risk-identified': 'A risk of offending was identified',
  'completed-restorative-justice': 'Completed a restorative justice panel',
  'completed-conditional-caution': 'Completed a conditional caution',
};

/** A volunteer by the name the page resolved, or by the reference staff see on the roster. */
const volunteerOf = (value: unknown, names: EntryNames | undefined): string | undefined =>
  typeof value === 'string' ? (nameIn(names, value) ?? `Volunteer ${shortReference(value)}`) : undefined;

const facilitatorsOf = (value: unknown, names: EntryNames | undefined): string | undefined => {
  const ids = listOf(value);
  if (ids.length === 0) return undefined;
  return names === undefined ? String(ids.length) : ids.map((id) => volunteerOf(id, names)).join(', ');
};

const hoursOf = (value: unknown): string | undefined => (typeof value === 'number' ? `${value} ${value === 1 ? 'hour' : 'hours'}` : undefined);

const referralDetails = (data: Data): EntryDetail[] => {
  const referrer = (data.referrer ?? {}) as Data;
  const offence = (data.offence ?? {}) as Data;
  const eligibility = (data.eligibility ?? {}) as Data;
  const organisation = textOf(referrer.organisation);
  const basis = textOf(eligibility.basis);
  return [
    ...dated(data.referredOn),
    ...detail('Referred by', organisation && (organisationWords[organisation] ?? humanise(organisation))),
    ...detail('Reference', textOf(referrer.reference)),
    ...detail('Offence', textOf(offence.type)),
    ...dated(offence.date, 'Date of the offence'),
    ...detail('Eligible because', basis && (eligibilityWords[basis] ?? humanise(basis))),
    ...detail('What has been seen', listOf(eligibility.indicators).join(', ')),
    ...detail('Earlier case', typeof eligibility.linkedCaseId === 'string' ? shortReference(eligibility.linkedCaseId) : undefined),
  ];
};

type Described = (data: Data, names: EntryNames | undefined) => EntryDetail[];

/**
 * What each kind of entry says, label by label, in the words of the form that recorded it. Typed by
 * every case event, so a new one does not reach a page without its words.
 */
const entryDetails: Record<CaseEvent['type'], Described> = {
  CaseReferred: referralDetails,
  ReoffenceRecorded: (data) => [...dated(data.offenceDate, 'Date of the offence'), ...detail('Reference', textOf(data.reference))],
  CaseClosed: (data) => [...dated(data.closedOn), ...reasonOf(data)],
  EntryStruckOut: (data) => reasonOf(data),
  CaseReopened: (data) => [...dated(data.on), ...reasonOf(data)],
  ReferralAccepted: (data) => dated(data.acceptedOn),
  ReferralDeclined: (data) => [...dated(data.declinedOn), ...reasonOf(data)],
  PanelHeld: (data, names) => [
    ...dated(data.heldOn),
    ...detail('Victim attended', yesNo(data.victimAttended)),
    ...detail('Facilitators', facilitatorsOf(data.facilitatorIds, names)),
  ],
  OutcomeAgreementReached: (data) => [...dated(data.reachedOn), ...detail('Reparation', listOf(data.reparation).join(', '))],
  NoAgreementReached: (data) => [...dated(data.on), ...reasonOf(data)],
  OutcomeAgreementUpheld: (data) => dated(data.on),
  OutcomeAgreementBreached: (data) => [...dated(data.on), ...reasonOf(data)],
  VictimSatisfactionRecorded: (data) => [
    ...dated(data.surveyedOn),
    ...detail('Satisfied', yesNo(data.satisfied)),
    ...detail('Score', typeof data.score === 'number' ? `${data.score} out of 5` : undefined),
  ],
  CourseBooked: (data, names) =>
    detail('Course', (typeof data.courseId === 'string' ? nameIn(names, data.courseId) : undefined) ?? (isIsoDate(data.courseDate) ? formatDate(data.courseDate) : undefined)),
  BookingCancelled: (data, names) => detail('Course', typeof data.courseId === 'string' ? (nameIn(names, data.courseId) ?? `Course ${shortReference(data.courseId)}`) : undefined),
  FeePaid: (data) => [...dated(data.paidOn), ...detail('Amount', formatMoney(data.amountPence))],
  CourseAttended: (data) => dated(data.attendedOn),
  CourseCompleted: (data) => dated(data.completedOn),
  ConditionBreached: (data) => [...dated(data.on), ...detail('Reason', typeof data.reason === 'string' ? (breachWords[data.reason] ?? humanise(data.reason)) : undefined)],
  CoachAssigned: (data, names) => [...dated(data.assignedOn), ...detail('Coach', volunteerOf(data.volunteerId, names))],
  InterventionStarted: (data) => dated(data.startedOn),
  CoachingSessionLogged: (data) => [...dated(data.sessionOn), ...detail('Hours', hoursOf(data.hours))],
  InterventionCompleted: (data) => dated(data.completedOn),
  InterventionWithdrawn: (data) => [...dated(data.on), ...reasonOf(data)],
  CohortMemberAdopted: (data) => dated(data.adoptedOn),
  ComparisonMemberAssigned: (data) => dated(data.assignedOn),
  CohortMemberLeft: (data) => [...dated(data.leftOn), ...detail('Reason', typeof data.reason === 'string' ? humanise(data.reason) : undefined)],
  ConvictionRecorded: (data) => [
    ...dated(data.offenceDate, 'Date of the offence'),
    ...dated(data.convictedOn, 'Date of the conviction'),
    ...detail('Reference', textOf(data.reference)),
  ],
  ArrestRecorded: (data) => [...dated(data.arrestedOn), ...detail('Reference', textOf(data.reference))],
};

/** Where an entry's title says more than its type's name. */
const entryTitles: Partial<Record<CaseEvent['type'], string>> = {
  CaseReferred: 'Referred',
  VictimSatisfactionRecorded: 'Victim satisfaction recorded',
  ConditionBreached: 'Caution breached',
};

const hiddenDetails = new Set(['today', 'caseId', 'personId', 'victimId', 'programme', 'referredOn']);

/** Any value, in words: dates as "3 December 2026", yes/no, lists with commas, an object's parts by their labels; ids left out. */
const valueText = (key: string, value: unknown): string => {
  if (typeof value === 'boolean') return yesNo(value);
  if (isIsoDate(value)) return formatDate(value);
  if (Array.isArray(value)) return value.map((each) => valueText(key, each)).join(', ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Data)
      .filter(([part, each]) => !part.endsWith('Id') && each !== undefined && each !== null)
      .map(([part, each]) => `${eventName(part).toLowerCase()} ${valueText(part, each)}`)
      .join(', ');
  }
  return String(value);
};

/** The facts of an entry of a type this page has no words for: each field by its name made into a label ("Victim attended: Yes"). */
const labelledFields = (data: Data, shown: (key: string) => boolean): EntryDetail[] =>
  Object.entries(data)
    .filter(([key, value]) => shown(key) && !hiddenDetails.has(key) && !key.endsWith('Id') && !key.endsWith('Ids') && value !== undefined && value !== null)
    .map(([key, value]) => (key === 'amountPence' ? { label: 'Amount', text: formatMoney(value) } : { label: eventName(key), text: valueText(key, value) }));

const inLine = (details: readonly EntryDetail[]): string => details.map((each) => `${each.label}: ${each.text}`).join('; ');

/**
 * A case history entry (CaseHistoryEntry: its type and data) as a title and labelled words:
 * "Panel held" and "Date: 20 November 2015; Victim attended: Yes; Facilitators: 2". Facilitators
 * and coaches are named from `names` (volunteer id to name) when the page has read them, by
 * their reference otherwise; without `names` a panel says how many facilitators sat.
 */
export const describeEntry = (entry: { type: string; data?: unknown }, names?: EntryNames): EntryWords => {
  const data = (typeof entry.data === 'object' && entry.data !== null ? entry.data : {}) as Data;
  const known = Object.hasOwn(entryDetails, entry.type) ? (entry.type as CaseEvent['type']) : undefined;
  const details = known ? entryDetails[known](data, names) : labelledFields(data, () => true);
  return { title: (known && entryTitles[known]) ?? eventName(entry.type), details, text: inLine(details) };
};

/**
 * An event's business details in a line ("Reason: moved away; Hours: 1.5"), labelled, yes/no and
 * money in words: no ids, and no business date (the timeline shows it in a column of its own).
 */
export const eventDetails = (data: unknown): string =>
  typeof data === 'object' && data !== null ? inLine(labelledFields(data as Data, (key) => !key.endsWith('On') && key !== 'on')) : '';

/** Filters every template can use: `{{ case.referredOn | date }}`, `{{ fee | money }}`, `{% set words = entry | describeEntry(names) %}`. */
export const addFilters = (environment: Environment): void => {
  environment.addFilter('date', formatDate);
  environment.addFilter('shortDate', formatShortDate);
  environment.addFilter('money', formatMoney);
  environment.addFilter('yesNo', yesNo);
  environment.addFilter('humanise', humanise);
  environment.addFilter('json', (value: unknown) => JSON.stringify(value));
  environment.addFilter('eventName', eventName);
  environment.addFilter('describeEntry', (entry: { type: string; data?: unknown }, names?: EntryNames) => describeEntry(entry, names));
};
