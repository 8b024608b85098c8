import { addDays, CalendarDate, cautionDeadlineDays, isCalendarDate, Programme, programmes } from '@safer-cases/domain';
import { date, dateParts, FieldLabels, FormBody, FormErrors, list, text } from '../forms';

/** Each programme as a referrer knows it. */
export const programmeNames: Record<Programme, string> = {
  'restorative-justice': 'Neighbourhood Restorative Justice Panel',
  'conditional-caution': 'Alcohol Conditional Caution',
  'community-coaching': 'Community Coaching',
  iom: 'Enhanced Integrated Offender Management',
};

export const programmeHints: Record<Programme, string> = {
  'restorative-justice': 'Victim Support brings the offender and the victim together at a panel to agree how to put things right.',
  'conditional-caution': 'WDP’s alcohol awareness course, to be completed within 12 weeks of the offence, with a £44 fee.',
  'community-coaching': 'A Home-Start volunteer coaches someone at risk of offending, or who has completed a restorative justice panel or a conditional caution.',
  iom: 'The IOM team of police and probation offender managers manages a persistent offender put forward for the cohort.',
};

export const isProgramme = (value: unknown): value is Programme => programmes.some((programme) => programme === value);

/**
 * The programmes the referral form refers to. Not yet IOM: its referral asks for no offence, and
 * the form's IOM version is issue 14 part 4; until then IOM referrals are made through the API.
 */
export const formProgrammes = programmes.filter((programme) => programme !== 'iom');
export type FormProgramme = Exclude<Programme, 'iom'>;
export const isFormProgramme = (value: unknown): value is FormProgramme => formProgrammes.some((programme) => programme === value);

/** Behaviour that shows someone may become involved in crime (the Community Coaches business case's examples, and others seen). */
export const riskIndicators = [
  'Regular truancy',
  'Suspension or exclusion from school',
  'Antisocial behaviour',
  'Known to the police without a conviction',
  'Alcohol or drug misuse',
] as const;

export const eligibilityBases = [
  { value: 'risk-identified', text: 'A risk of offending has been identified' },
  { value: 'completed-restorative-justice', text: 'They have completed a restorative justice panel (an agreement was reached)' },
  { value: 'completed-conditional-caution', text: 'They have completed a conditional caution course' },
] as const;

/** What a completed earlier case is, for the linked-case choice: the completion the domain counts. */
export const completedStatuses: Record<'restorative-justice' | 'conditional-caution', readonly string[]> = {
  'restorative-justice': ['agreement-reached', 'agreement-upheld', 'agreement-breached'],
  'conditional-caution': ['completed'],
};

/** Where the API's field names appear on a referral form. */
export const referralLabels: FieldLabels = {
  referredOn: { id: 'referredOn-day', label: 'Date referred' },
  'referrer.reference': { id: 'reference', label: 'Your reference' },
  subject: { id: 'subjectGivenName', label: 'The person’s given name or family name' },
  'subject.givenName': { id: 'subjectGivenName', label: 'Given name' },
  'subject.familyName': { id: 'subjectFamilyName', label: 'Family name' },
  'subject.dateOfBirth': { id: 'subjectDateOfBirth-day', label: 'Date of birth' },
  'offence.type': { id: 'offenceType', label: 'Offence' },
  'offence.date': { id: 'offenceDate-day', label: 'Date of the offence' },
  offence: { id: 'offenceType', label: 'Offence' },
  offenceDate: { id: 'offenceDate-day', label: 'Date of the offence' },
  'victim.givenName': { id: 'victimGivenName', label: 'Victim’s given name' },
  'victim.familyName': { id: 'victimFamilyName', label: 'Victim’s family name' },
  'victim.contact': { id: 'victimContact', label: 'Victim’s contact details' },
  eligibility: { id: 'basis', label: 'Why they are eligible' },
  'eligibility.basis': { id: 'basis', label: 'Why they are eligible' },
  'eligibility.indicators': { id: 'indicators', label: 'What has been seen' },
  indicators: { id: 'indicators', label: 'What has been seen' },
  'eligibility.linkedCaseId': { id: 'linkedCaseId', label: 'The earlier case' },
};

const withoutEmpty = <T extends Record<string, unknown>>(value: T): T | undefined => {
  const kept = Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined));
  return Object.keys(kept).length > 0 ? (kept as T) : undefined;
};

/**
 * The referral a programme's form makes, as `POST /api/cases` takes it (ReferCaseRequest). The
 * organisation is the signed-in referrer's own; `personId` is the earlier case's subject when
 * coaching follows a completed case (the same person, so no name is asked again).
 */
export const referralBody = (programme: Programme, form: FormBody, organisation: string, personId?: string): Record<string, unknown> => {
  const offenceType = text(form, 'offenceType');
  const offenceDate = date(form, 'offenceDate');
  const basis = text(form, 'basis');
  const indicators = [...list(form, 'indicators'), ...(text(form, 'otherIndicator') ? [text(form, 'otherIndicator') as string] : [])];
  const body: Record<string, unknown> = {
    programme,
    referredOn: date(form, 'referredOn'),
    referrer: withoutEmpty({ organisation, reference: text(form, 'reference') }),
    subject: personId
      ? { personId }
      : withoutEmpty({ givenName: text(form, 'subjectGivenName'), familyName: text(form, 'subjectFamilyName'), dateOfBirth: date(form, 'subjectDateOfBirth') }),
  };
  if (programme !== 'community-coaching' && (offenceType !== undefined || offenceDate !== undefined)) body.offence = { type: offenceType, date: offenceDate };
  if (programme === 'restorative-justice') {
    const victim = withoutEmpty({ givenName: text(form, 'victimGivenName'), familyName: text(form, 'victimFamilyName'), contact: text(form, 'victimContact') });
    if (victim) body.victim = victim;
  }
  if (programme === 'community-coaching') {
    body.eligibility = withoutEmpty({
      basis,
      indicators: basis === 'risk-identified' ? indicators : undefined,
      linkedCaseId: basis && basis !== 'risk-identified' ? text(form, 'linkedCaseId') : undefined,
    });
  }
  return body;
};

/** The date inputs of a referral form, filled from what was typed; never with today, since the date referred is a fact to be given. */
export const referralDates = (form: FormBody | undefined) => ({
  referredOn: dateParts(form, 'referredOn'),
  subjectDateOfBirth: dateParts(form, 'subjectDateOfBirth'),
  offenceDate: dateParts(form, 'offenceDate'),
});

const oneError = (id: string, message: string): FormErrors => ({ summary: [{ text: message, href: `#${id}` }], fields: { [id]: { text: message } } });

/**
 * DOMAIN.md: a referral names its subject, at least by a given or family name, unless it follows
 * an earlier case of theirs (`basis` a completed case's), which must then be chosen. Said before
 * anything is sent, the GOV.UK way, beside the field to fill in.
 */
export const subjectMissing = (body: Record<string, unknown>, basis?: string): FormErrors | undefined => {
  const subject = body.subject as { personId?: string; givenName?: string; familyName?: string } | undefined;
  if (subject?.personId || subject?.givenName || subject?.familyName) return undefined;
  if (body.programme === 'community-coaching' && basis !== undefined && basis !== 'risk-identified')
    return oneError('linkedCaseId', 'Select the earlier case this referral follows');
  return oneError('subjectGivenName', 'Enter the person’s given name or family name');
};

/**
 * A conditional-caution referral whose 12 weeks from the offence had run out by the referral
 * date: the deadline, for the form to warn of (WDP can book no course; the caution can only be
 * breached), or undefined.
 */
export const deadlinePassedOnReferral = (programme: Programme, body: Record<string, unknown>): CalendarDate | undefined => {
  if (programme !== 'conditional-caution') return undefined;
  const offenceDate = (body.offence as { date?: unknown } | undefined)?.date;
  const { referredOn } = body;
  if (!isCalendarDate(offenceDate) || !isCalendarDate(referredOn)) return undefined;
  const deadline = addDays(offenceDate, cautionDeadlineDays);
  return deadline < referredOn ? deadline : undefined;
};
