import { ErrorBody } from '../http/domain-error.filter';
import { FieldProblem } from '../http/validation';
import { shortReference } from './short-reference';
import { formatDate, formatMoney, humanise, organisationWords } from './view-filters';

/**
 * What the person at the form reads when the API refuses it, in GOV.UK's style: what is wrong and
 * what to do, in the form's own labels, dates as "2 December 2026" and money in pounds. The API's
 * bodies are left as they are (other systems read them); the pages put them into words here, by
 * the rule's `code` and, for a field, by the check it failed (`constraints` in a 400's details).
 * A value a rule's details do not carry (a date, the fee) is read from the API's message, which
 * the domain writes: messages.spec.ts makes every rule as its decider does and checks its words.
 */

const lowerFirst = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** A field's label in a sentence, after "Select": "the course", "why they are eligible". */
const the = (label: string): string => (/^(why|how|what|when|where|whether|who|your|the|a|an)\b/i.test(label) ? lowerFirst(label) : `the ${lowerFirst(label)}`);

/** What a form asks of a field left empty, in its label's words: "Enter date closed", "Enter why it is being struck out". */
const enter = (label: string): string => `Enter ${lowerFirst(label)}`;

/** The limit a check names in its problem ("must not be greater than 16"): its last number. */
const limitIn = (problem: string): string => /(\d+(?:\.\d+)?)(?!.*\d)/.exec(problem)?.[1] ?? '';

/** Words for a field's failed check: its label, and the API's problem for any number or case it gives. */
type FieldWording = (label: string, problem: string) => string;

/** A free-text field's problems (validation.ts `IsFreeText`, and the safety net over every string), one wording each. */
const freeText: FieldWording = (label, problem) => {
  const item = /\(item (\d+)\)$/.exec(problem)?.[1];
  const which = item ? `${label} (item ${item})` : label;
  if (/must be a string|must not be blank|must be a list of texts/.test(problem)) return enter(label);
  if (/must be at least \d+ characters/.test(problem)) return `${which} must be ${limitIn(problem.replace(/\(item \d+\)$/, ''))} characters or more`;
  if (/must be at most \d+ characters/.test(problem)) return `${which} must be ${limitIn(problem.replace(/\(item \d+\)$/, ''))} characters or fewer`;
  if (problem.includes('broken character')) return `${which} contains a character that cannot be saved. Type or paste the text again`;
  if (problem.includes('change the direction')) return `${which} must not contain characters that change the direction of the text`;
  if (problem.includes('a tab or a line break')) return `${which} must be on one line, without tabs or other control characters`;
  if (problem.includes('control characters')) return `${which} must not contain control characters`;
  return `${which} is not text that can be saved`;
};

const programmeWords: Record<string, string> = {
  'restorative-justice': 'restorative justice',
  'conditional-caution': 'conditional caution',
  'community-coaching': 'community coaching',
};

const roleWords: Record<string, string> = {
  referrer: 'referrer',
  'rj-coordinator': 'restorative justice coordinator',
  'caution-officer': 'conditional caution officer',
  'coaching-coordinator': 'community coaching coordinator',
  commissioner: 'commissioner',
  admin: 'administrator',
};

const answers = (count: string): string => `${count} ${count === '1' ? 'answer' : 'answers'}`;

const inList = (words: readonly string[], join = 'and'): string => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${join} ${words[words.length - 1]}`);

/**
 * Every check a form's request can fail, by its name (class-validator's, or ours in validation.ts),
 * worded for any field by its label. A check a form's request uses must be here: messages.spec.ts
 * reads the request classes and fails on one that is not.
 */
export const constraintMessages: Record<string, FieldWording> = {
  whitelistValidation: () => 'The form sent something this service does not expect. Reload the page and try again',
  isDefined: enter,
  isObject: enter,
  nestedValidation: enter,
  isString: enter,
  isArray: enter,
  namesThePerson: () => 'Enter the person’s given name or family name',
  isBoolean: () => 'Select yes or no',
  isNumber: (label) => `Enter ${the(label)} as a number`,
  isInt: (label) => `Enter ${the(label)} as a whole number`,
  isUuid: (label) => `Select ${the(label)} from the list`,
  isIn: (label) => `Select ${the(label)}`,
  isCalendarDate: (label) => `${label} must be a real date, for example 27 3 2026`,
  notAfterToday: (label) => `${label} must be today or in the past`,
  isFreeText: freeText,
  isSafeText: freeText,
  isLength: (label, problem) => {
    if (/longer than or equal to 1 characters/.test(problem)) return enter(label);
    return `${label} must be ${limitIn(problem)} characters or ${problem.includes('longer') ? 'more' : 'fewer'}`;
  },
  minLength: (label, problem) => `${label} must be ${limitIn(problem)} characters or more`,
  maxLength: (label, problem) => `${label} must be ${limitIn(problem)} characters or fewer`,
  matches: (label) => `${label} is not in the right form`,
  arrayMinSize: (label, problem) => `Give at least ${answers(limitIn(problem))} for ${lowerFirst(label)}`,
  arrayMaxSize: (label, problem) => `Give no more than ${answers(limitIn(problem))} for ${lowerFirst(label)}`,
  min: (label, problem) => `${label} must be ${limitIn(problem)} or more`,
  max: (label, problem) => `${label} must be ${limitIn(problem)} or fewer`,
  isNotBeforeFrom: (label) => `${label} must be the same as or after the first date`,
  fitsRole: (_label, problem) => {
    const [, role = '', organisations = ''] = /^an? (\S+) belongs to (.+)$/.exec(problem) ?? [];
    const names = organisations.split(' or ').map((organisation) => organisationWords[organisation] ?? humanise(organisation));
    return `A ${roleWords[role] ?? role} must belong to ${inList(names, 'or')}`;
  },
  isCaseStatus: () => 'Select a status from the list',
  isCaseCursor: () => 'This list of cases has changed. Go back to its first page',
};

/** Where one field's own words say more than its check's: by the API's name of the field, then the check. */
export const fieldMessages: Record<string, Record<string, string | FieldWording>> = {
  facilitatorIds: {
    isArray: 'Select at least one facilitator',
    arrayMinSize: 'Select at least one facilitator',
    arrayMaxSize: (_label, problem) => `Select no more than ${limitIn(problem)} facilitators`,
    isUuid: 'Select the facilitators from the list',
  },
  victimAttended: { isBoolean: 'Select yes if the victim attended the panel' },
  satisfied: { isBoolean: 'Select yes if the victim was satisfied' },
  score: { isInt: 'Enter the score as a whole number from 1 to 5', min: 'Enter a score from 1 to 5', max: 'Enter a score from 1 to 5' },
  reparation: {
    isArray: 'Enter at least one reparation term',
    arrayMinSize: 'Enter at least one reparation term',
    arrayMaxSize: (_label, problem) => `Enter no more than ${limitIn(problem)} reparation terms, one a line`,
  },
  hours: {
    isNumber: 'Enter the hours as a number, like 1.5',
    min: 'A session must last at least a quarter of an hour (0.25)',
    max: (_label, problem) => `A session can last no more than ${limitIn(problem)} hours`,
  },
  amountPence: { isInt: 'Enter the amount in pounds, like 44.00', min: 'Enter an amount of £0.00 or more' },
  capacity: { isInt: 'Enter the number of places as a whole number, like 16', min: 'A course must have at least 1 place' },
  courseId: { isUuid: 'Select a course' },
  volunteerId: { isUuid: 'Select a coach' },
  reason: { isIn: 'Select the reason for the breach' },
  'eligibility.indicators': { arrayMaxSize: (_label, problem) => `Select or enter no more than ${limitIn(problem)} things that have been seen` },
  'eligibility.linkedCaseId': { isUuid: 'Select the earlier case this referral follows' },
  to: { isNotBeforeFrom: 'The ‘To’ date must be the same as or after the ‘From’ date' },
  username: { matches: 'Enter a username of 3 to 64 small letters, digits, dots, dashes or underscores, starting with a letter or digit' },
  role: { isIn: 'Select a role' },
  organisation: { isIn: 'Select an organisation' },
};

/**
 * The order in which a field's failed checks are told: a field gets one message (GOV.UK), the
 * one that says what to do first. A missing answer before a wrong kind of answer, that before one
 * out of range.
 */
const precedence = [
  'whitelistValidation',
  'isDefined',
  'isObject',
  'nestedValidation',
  'namesThePerson',
  'isString',
  'isArray',
  'isBoolean',
  'isNumber',
  'isInt',
  'isUuid',
  'isIn',
  'isCalendarDate',
  'isSafeText',
  'isFreeText',
  'isLength',
  'minLength',
  'maxLength',
  'matches',
  'arrayMinSize',
  'arrayMaxSize',
  'min',
  'max',
];

const rank = (constraint: string): number => {
  const place = precedence.indexOf(constraint);
  return place === -1 ? precedence.length : place;
};

/** The checks of an answer that is typed, not chosen: left empty, the form asks for it to be entered. */
const typedAnswers = new Set(['isDefined', 'isString', 'isCalendarDate', 'isNumber', 'isInt', 'isFreeText', 'isLength', 'minLength', 'maxLength', 'matches']);

/** A field the form has no label for, named from the API's field ("offence.date" as "Date"). */
const fallbackLabel = (field: string): string => humanise((field.split('.').pop() ?? field).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

/**
 * The one message for an invalid field, by the check it failed; undefined when the API did not
 * name its checks (a 400 made elsewhere than the validation pipe), for the caller to word itself.
 */
export const fieldMessage = (problem: FieldProblem, label: string | undefined): string | undefined => {
  const { constraints = [] } = problem;
  if (constraints.length !== problem.problems.length || constraints.length === 0) return undefined;
  const [first] = constraints.map((constraint, index) => ({ constraint, said: problem.problems[index] })).sort((a, b) => rank(a.constraint) - rank(b.constraint));
  const own = fieldMessages[problem.field]?.[first.constraint] ?? fieldMessages[problem.field.split('.').pop() ?? '']?.[first.constraint];
  const wording = own ?? (problem.missing && typedAnswers.has(first.constraint) ? enter : constraintMessages[first.constraint]);
  if (wording === undefined) return undefined;
  return typeof wording === 'string' ? wording : wording(label ?? fallbackLabel(problem.field), first.said);
};

/** What a refused rule's words are made from: the form's label for the field it names, and the API's body. */
export type RuleFacts = { label?: string; message: string; details: Record<string, unknown> };

type RuleWording = (facts: RuleFacts) => string;

/** The dates the API's message gives, in its order, as "2 December 2026". */
const datesIn = (message: string): string[] => (message.match(/\d{4}-\d{2}-\d{2}/g) ?? []).map(formatDate);

/** The volunteer a rule names, by the reference staff see on the roster. */
const volunteerIn = ({ details, message }: RuleFacts): string => {
  const id = typeof details.volunteerId === 'string' ? details.volunteerId : /Volunteer (\S+)/.exec(message)?.[1];
  return id ? `Volunteer ${shortReference(id)}` : 'The volunteer';
};

/** The step a date must not come before, as the domain names it, said as when it happened. */
const previousSteps: Record<string, string> = {
  'the referral': 'when the case was referred',
  'the acceptance': 'when the referral was accepted',
  'the panel': 'when the panel was held',
  'the outcome agreement': 'when the outcome agreement was reached',
  'the previous step': 'the date of the case’s latest step',
  'the closure': 'when the case was closed',
  'the coach assignment': 'when the coach was assigned',
  'the start of the intervention and its latest session': 'the date of the intervention’s start or its latest session',
  'the course attendance': 'when the course was attended',
  'the fee payment': 'when the fee was paid',
  'the recruitment': 'when the volunteer was recruited',
  'the training': 'when the volunteer was trained',
  'taking the case': 'when the coach took the case',
  'the adoption': 'when they were adopted onto the IOM cohort',
  'the assignment to the comparison group': 'when they were assigned to the comparison group',
};

const notBefore: RuleWording = ({ label, message }) => {
  const [, step = '', previous = ''] = / is before (.+) on (\d{4}-\d{2}-\d{2})$/.exec(message) ?? [];
  return `${label ?? 'The date'} must be the same as or after ${formatDate(previous)}, ${previousSteps[step] ?? step}`;
};

const programmeIn = (message: string, pattern: RegExp): string[] => (pattern.exec(message)?.slice(1) ?? []).map((programme) => programmeWords[programme] ?? programme);

const facilitatorCount: RuleWording = ({ message }) => {
  const given = Number(/; (\d+) ids were given/.exec(message)?.[1] ?? '0');
  if (given === 0) return 'Select at least one facilitator';
  if (given > 3) return 'Select no more than 3 facilitators';
  return 'Select each facilitator only once';
};

const sessionHours: RuleWording = ({ message }) => {
  const hours = Number(/not (-?[\d.]+)$/.exec(message)?.[1]);
  if (!(hours > 0.25 && hours < 8)) return 'Enter the hours from 0.25 to 8, in quarter hours, like 1.5';
  return `Enter the hours in quarter hours, like ${Math.floor(hours * 4) / 4} or ${Math.ceil(hours * 4) / 4}`;
};

const feeAmount: RuleWording = ({ message }) => {
  const [, fee = '', given = ''] = /exactly (\d+) pence; (-?\d+) was given/.exec(message) ?? [];
  return `The fee is ${formatMoney(Number(fee))}; ${formatMoney(Number(given))} was entered`;
};

const deadlinePassed: RuleWording = ({ label, message, details }) => {
  const [date = ''] = datesIn(message);
  const deadline = formatDate(details.deadline);
  if (message.startsWith('The course')) return `The course on ${date} is after the caution’s deadline, ${deadline} (12 weeks after the offence). Select an earlier course`;
  return `${label ?? 'The date'} must be on or before the caution’s deadline, ${deadline} (12 weeks after the offence)`;
};

const facilitatorNotTrained: RuleWording = (facts) => {
  const [first = '', second] = datesIn(facts.message);
  const panel = second ?? first;
  const when = second ? `was trained on ${first}, after the panel` : 'has no training recorded';
  return `${volunteerIn(facts)} ${when}. Select facilitators trained on or before ${panel}`;
};

const coachNotTrained: RuleWording = (facts) => {
  const [first = '', second] = datesIn(facts.message);
  const when = second ? `was trained on ${first}` : 'has no training recorded';
  return `${volunteerIn(facts)} ${when}. Select a coach trained on or before ${second ?? first}`;
};

/**
 * Every rule a page can be refused by, by its code (libs/domain's errors, the people store's, and
 * the API's own conflicts): what went wrong and what to do, in the form's words. A domain rule
 * with no words here fails messages.spec.ts; a code whose API message is already written for the
 * person at the page (`own-account`) is shown as the API says it.
 */
export const ruleMessages: Record<string, RuleWording> = {
  'date-in-future': ({ label }) => `${label ?? 'The date'} must be today or in the past`,
  'date-before-previous-step': notBefore,
  'case-not-found': () => 'There is no such case. Check the case reference',
  'case-already-exists': () => 'This case has already been recorded',
  'wrong-programme': ({ message }) => {
    const [is = 'another programme', step = 'another programme'] = programmeIn(message, /belongs to (\S+); this step is for (\S+)$/);
    return `This is a ${is} case; this step is for ${step} cases`;
  },
  'offence-after-referral': ({ label, message }) =>
    `${label ?? 'The date of the offence'} must be the same as or before ${datesIn(message)[1] ?? 'the date referred'}, the date referred`,
  'reoffence-before-referral': ({ label, message }) =>
    `${label ?? 'The date of the new offence'} must be the same as or after ${datesIn(message)[1] ?? 'the date referred'}, when the case was referred`,
  'case-closed': () => 'This case is closed. Only a reoffence, a correction or reopening the case can be recorded now',
  'entry-not-found': () => 'There is no such entry in this case’s history',
  'referral-cannot-be-struck': () => 'The referral cannot be struck out. If the case was referred in error, close it',
  'entry-cannot-be-struck': ({ message }) =>
    message.includes('close the case again') ? 'A reopening cannot be struck out. To undo it, close the case again' : 'A correction cannot itself be struck out',
  'entry-already-struck': () => 'This entry has already been struck out',
  'strike-latest-step-first': () => 'Only the latest step can be struck out. Strike out the steps after this one first, latest first',
  'strike-dependent-entries-first': () => 'Other entries rest on this one. Strike those out first',
  'case-not-closed': () => 'This case is not closed, so it cannot be reopened',

  'eligibility-required': () => 'Select why they are eligible',
  'indicators-required': () => 'Select or enter at least one thing that has been seen',
  'linked-case-required': () => 'Select the earlier case this referral follows',
  'linked-case-not-found': () => 'There is no such earlier case. Select one of the person’s completed cases',
  'linked-case-wrong-programme': ({ message }) => {
    const [is = 'another programme', needed = 'another programme'] = programmeIn(message, /is a (\S+) case; this basis needs a (\S+) case$/);
    return `The earlier case must be a ${needed} case, not a ${is} case`;
  },
  'linked-case-other-person': () => 'The earlier case must be the same person’s',
  'linked-case-not-completed': () =>
    'The earlier case has not been completed. Restorative justice is completed when an outcome agreement is reached, a conditional caution when its course is completed',
  'coach-not-found': (facts) => `${volunteerIn(facts)} is not on the list of coaches. Add them as a coach first`,
  'coach-already-assigned': () => 'This case already has a coach. A case has one coach',
  'intervention-before-coach': () => 'Assign a coach before starting the intervention',
  'intervention-already-started': ({ message }) => `The intervention already started on ${datesIn(message)[0] ?? 'an earlier date'}`,
  'intervention-not-open': ({ message }) =>
    /is (completed|withdrawn);/.test(message)
      ? 'The intervention has ended. Sessions, completion and withdrawal are recorded while it is under way'
      : 'Start the intervention first. Sessions, completion and withdrawal are recorded while it is under way',
  'session-hours': sessionHours,
  'session-before-start': ({ label, message }) =>
    `${label ?? 'The date of the session'} must be the same as or after ${datesIn(message)[1] ?? 'the start'}, when the intervention started`,

  'offence-required': () => 'Enter the offence and the date of the offence',
  'referral-already-decided': ({ message }) => `This referral has already been ${/\(declined\)/.test(message) ? 'declined' : 'accepted'}`,
  'panel-before-acceptance': () => 'Accept the referral before recording a panel',
  'panel-already-held': () => 'A panel has already been recorded for this case. A case has one panel',
  'facilitator-count': facilitatorCount,
  'facilitator-not-found': (facts) => `${volunteerIn(facts)} is not on the list of volunteers. Add them as a volunteer first`,
  'facilitator-not-victim-support': (facts) => `${volunteerIn(facts)} is not a Victim Support volunteer. Select Victim Support volunteers to facilitate the panel`,
  'facilitator-not-trained': facilitatorNotTrained,
  'facilitator-left': (facts) => {
    const [left = '', panel = ''] = datesIn(facts.message);
    return `${volunteerIn(facts)} left on ${left}. Select facilitators who were still volunteering on ${panel}`;
  },
  'agreement-before-panel': () => 'Record the panel before recording whether an outcome agreement was reached',
  'agreement-already-decided': () => 'The outcome of the panel has already been recorded',
  'no-agreement-to-uphold': () => 'Only an outcome agreement that was reached can be recorded as upheld or breached',
  'agreement-outcome-already-recorded': ({ message }) => `The outcome agreement has already been recorded as ${/already (\S+)$/.exec(message)?.[1] ?? 'upheld or breached'}`,
  'reparation-required': () => 'Enter at least one reparation term, one a line',
  'survey-before-panel': () => 'Record the panel before the victim survey',
  'survey-already-recorded': ({ message }) => `The victim survey was already recorded on ${datesIn(message)[0] ?? 'an earlier date'}. A case has one survey`,
  'score-out-of-range': () => 'Enter a score from 1 to 5',

  'course-already-exists': () => 'This course has already been added',
  'course-not-found': () => 'There is no such course. Select a course from the list',
  'capacity-out-of-range': ({ message }) => `Enter a number of places from 1 to ${/from 1 to (\d+)/.exec(message)?.[1] ?? 16}`,
  'course-full': () => 'The course has no places left. Select another course',
  'already-booked-on-course': () => 'This case already has a place on the course',
  'not-booked-on-course': () => 'This case does not have a place on the course',

  'offence-date-required': () => 'Enter the date of the offence: the 12-week deadline runs from it',
  'deadline-passed': deadlinePassed,
  'course-before-referral': ({ message }) => {
    const [course = '', referral = ''] = datesIn(message);
    return `The course on ${course} is before the referral on ${referral}. Select a later course`;
  },
  'already-booked': () => 'This case is already booked on a course. Cancel that booking first',
  'no-booking': () => 'This case is not booked on a course. Book one first',
  'booking-after-attendance': () => 'This case has already attended its course, so it needs no booking',
  'course-already-attended': () => 'This case has already attended its course, so its booking cannot change',
  'fee-amount': feeAmount,
  'fee-already-paid': ({ message }) => `The fee was already paid on ${datesIn(message)[0] ?? 'an earlier date'}`,
  'attendance-date-mismatch': ({ label, message }) => `${label ?? 'The date attended'} must be the date of the booked course, ${datesIn(message)[1] ?? ''}`,
  'course-not-attended': () => 'Record attendance at the course before its completion',
  'fee-unpaid': () => 'Record the fee as paid before the caution is completed',
  'already-completed': () => 'This case has already completed its conditional caution',
  'already-breached': () => 'This caution was breached and the case went back to the police. Only a reoffence or closing the case can be recorded now',
  'breach-after-completion': () => 'This case has completed its conditional caution, so it can no longer be breached',

  'volunteer-already-exists': () => 'This volunteer has already been added',
  'volunteer-not-found': (facts) => `${volunteerIn(facts)} is not on the list of volunteers`,
  'unknown-organisation': () => 'Volunteers are recruited by Victim Support or Home-Start',
  'already-trained': ({ message }) => `Training was already recorded on ${datesIn(message)[0] ?? 'an earlier date'}`,
  'training-before-recruitment': ({ label, message }) =>
    `${label ?? 'The date trained'} must be the same as or after ${datesIn(message)[1] ?? ''}, when the volunteer was recruited`,
  'already-left': ({ message }) => `A departure was already recorded on ${datesIn(message)[0] ?? 'an earlier date'}`,
  'volunteer-left': ({ message }) => `This volunteer left on ${datesIn(message)[0] ?? 'an earlier date'}, so their training cannot be recorded`,
  'coach-not-home-start': (facts) => `${volunteerIn(facts)} is not a Home-Start volunteer. Select a Home-Start coach`,
  'coach-not-trained': coachNotTrained,
  'coach-left': (facts) => `${volunteerIn(facts)} left on ${datesIn(facts.message)[0] ?? 'an earlier date'}. Select another coach`,
  'coach-at-capacity': (facts) =>
    `${volunteerIn(facts)} already coaches ${/more than (\d+)/.exec(facts.message)?.[1] ?? 'as many'} cases, the most a coach takes. Select another coach, or end one of their interventions first`,
  'case-already-taken': () => 'This coach already has this case',
  'case-not-carried': () => 'This coach does not have this case',

  'person-not-found': () => 'There is no such person among the people your organisation has referred. Refer them as someone new',
  'person-erased': () => 'This person’s details have been erased. Refer them as someone new',
  'person-of-other-kind': () => 'This record belongs to someone else. Refer them as someone new',
  'existing-person-details': () => 'This person is already known, so leave out their name and date of birth',

  'iom-referrer-not-police-or-probation': () => 'Only the police or probation can refer someone to Integrated Offender Management',
  'already-adopted': ({ message }) =>
    `They were adopted onto the IOM cohort on ${datesIn(message)[0] ?? 'an earlier date'}. A person is adopted once, or followed in the comparison group, not both`,
  'already-in-comparison-group': ({ message }) =>
    `They were assigned to the comparison group on ${datesIn(message)[0] ?? 'an earlier date'}. A person is followed there once, or adopted onto the cohort, not both`,
  'member-not-joined': () => 'They have not been adopted onto the cohort or assigned to the comparison group, so they cannot leave yet',
  'member-already-left': ({ message }) => `They left on ${datesIn(message)[0] ?? 'an earlier date'}. A person leaves once`,
  'unknown-leaving-reason': () => 'Select why they left: completed, custody, moved away, deceased or other',
  'conviction-before-offence': ({ label }) => `${label ?? 'The date of the conviction'} must be the same as or after the date of the offence`,
  'reoffence-not-for-iom': () => 'This is an IOM case, which records convictions and arrests. Record the conviction or the arrest instead',

  'concurrent-change': () => 'Someone else changed this record at the same moment. Check the page and try again',
  'idempotency-key-in-use': () => 'This form is still being sent. Wait a moment, then reload the page',
  'idempotency-key-reused': () => 'This form was already sent with other answers. Reload the page and fill it in again',
  'username-taken': ({ message }) => {
    const username = /username (\S+) is taken/.exec(message)?.[1];
    return `${username ? `The username ${username}` : 'This username'} is already taken. Choose another`;
  },
  'password-unchanged': () => 'Your new password must be different from your current one',
  'user-not-found': () => 'There is no such user',
};

/** The API's own words with the first letter made a capital, for a refusal this table has no words for. */
const sentence = (message: string): string => {
  const trimmed = message.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

/** A refused rule (404, 409, 422) in the page's words; `label` is the form's label for the field it names. */
export const ruleMessage = (body: Pick<ErrorBody, 'code' | 'message' | 'details'>, label?: string): string => {
  if (body.code === 'invalid-request' && Array.isArray(body.details)) {
    const words = (body.details as FieldProblem[]).map((problem) => fieldMessage(problem, undefined)).filter((each) => each !== undefined);
    if (words.length > 0) return words.join('; ');
  }
  const details = typeof body.details === 'object' && body.details !== null && !Array.isArray(body.details) ? (body.details as Record<string, unknown>) : {};
  const wording = body.code === undefined ? undefined : ruleMessages[body.code];
  return wording ? wording({ label, message: body.message, details }) : sentence(body.message);
};

/** The same, to follow "Case 1a2b3c4d was not recorded:": its first letter small, unless it starts a name ("Volunteer …", "WDP"). */
export const ruleClause = (body: Pick<ErrorBody, 'code' | 'message' | 'details'>): string => {
  const message = ruleMessage(body);
  return /^(This|The|There|Only|Record|Select|Enter|A|An)\b/.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
};

/**
 * Why a signed-in user may not do or see something, for the error page: the API's reasons
 * (authorize.ts, access.ts) put plainly, without role codes or routes.
 */
export const forbiddenReason = (message: string, audienceOf: (roles: string[]) => string): string => {
  const forRoles = /it is for (.+)$/.exec(message)?.[1];
  if (forRoles) return `This is for ${audienceOf(forRoles.split(', '))}.`;
  if (message.includes('is not open to any role')) return 'This is not open to anyone.';
  if (message.startsWith('This case is not one')) return 'This case is not one your organisation works on.';
  if (/sees .* cases only|sees no cases/.test(message)) return 'You can see only your own programme’s cases.';
  if (/volunteers only$/.test(message)) return 'You can see only your own organisation’s volunteers.';
  if (message.includes('may refer only as')) return 'You can refer only for your own organisation.';
  if (message.includes('sees the targets of')) return 'You can see only your own programme’s targets.';
  return 'Your account cannot see or do this.';
};
