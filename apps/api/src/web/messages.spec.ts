import { Type } from '@nestjs/common';
import * as domain from '@safer-cases/domain';
import { DomainError, FacilitatorNotTrained, SessionHours, WrongFeeAmount } from '@safer-cases/domain';
import { StreamRevisionConflict } from '@safer-cases/event-store';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { CreateUserRequest, LoginRequest } from '../auth/auth.requests';
import { CloseCaseRequest, RecordReoffenceRequest, ReopenCaseRequest, StrikeOutEntryRequest } from '../cases/case-step.requests';
import { EligibilityRequest, OffenceRequest, ReferCaseRequest, ReferrerRequest, SubjectRequest, VictimRequest } from '../cases/refer-case.request';
import { ScheduleCourseRequest } from '../courses/courses.controller';
import { ErrorBody, toErrorBody } from '../http/domain-error.filter';
import { FieldProblem, IsFreeText, unsafeTextIn, validationPipe } from '../http/validation';
import * as people from '../people/people.errors';
import { CourseCalendarQuery } from '../queries/course-calendar.query';
import { RecruitVolunteerRequest, TrainVolunteerRequest, VolunteerDepartureRequest } from '../volunteers/volunteers.controller';
import { stepForms as coachingSteps } from './community-coaching/coaching.steps';
import { stepForms as cautionSteps } from './conditional-caution/conditional-caution.steps';
import { FieldLabels, formErrorsFrom } from './forms';
import { constraintMessages, fieldMessage, forbiddenReason, ruleClause, ruleMessage, ruleMessages } from './messages';
import { audienceText } from './navigation';
import { referralLabels } from './referrals/referral-form';
import { stepForms as rjSteps } from './restorative-justice/restorative-justice.steps';
import { recruitLabels } from './volunteer-forms';

/** What no one at a form should read: ids, ISO dates, field or event names in camelCase, codes in kebab-case, pence, the validator's own words, a gap where a value did not come through. */
const developerWords = [
  /[0-9a-f]{8}-[0-9a-f]{4}-/,
  /\d{4}-\d{2}-\d{2}/,
  /\b[a-z]+[A-Z][A-Za-z]*\b/,
  /\b[a-z]+(-[a-z]+)+\b/,
  /\bpence\b/,
  /elements|boolean|conforming|UUID|should not|must be a string|YYYY/,
  /\b(undefined|null|NaN)\b/,
  /\s[,.;]|[,;:]$|\s$|\s{2}|\b(on|after|before|of|from|to)[,.]/,
];

const expectPlain = (words: string): void => {
  for (const pattern of developerWords) expect({ words, match: pattern.test(words) }).toEqual({ words, match: false });
  expect(words.trim()).not.toBe('');
};

const refusalOf = async (request: Type<unknown>, input: unknown, kind: 'body' | 'query' = 'body'): Promise<ErrorBody> => {
  try {
    await validationPipe.transform(input, { type: kind, metatype: request });
  } catch (error) {
    return toErrorBody(error);
  }
  throw new Error(`${request.name} accepted ${JSON.stringify(input)}`);
};

/** The constructor's parameter names, so each rule can be made with values of the kind it takes. */
const parameterNames = (errorClass: new (...args: never[]) => unknown): string[] =>
  (/constructor\(([^)]*)\)/.exec(errorClass.toString())?.[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

const panelOn = '2026-11-07';

/** A value for a rule's parameter by its name, as a decider would pass it: ids, dates, counts, steps. */
const valueFor = (name: string): unknown => {
  if (name === 'facilitatorIds' || name === 'dependants') return ['5e8a1c3d-1111-4111-8111-111111111111', '5e8a1c3d-1111-4111-8111-111111111111'];
  if (name === 'latest') return { revision: 4, type: 'PanelHeld' };
  if (/Id$/.test(name)) return '5e8a1c3d-1111-4111-8111-111111111111';
  if (name === 'field') return 'heldOn';
  if (name === 'previousStep') return 'the acceptance';
  if (name === 'what') return 'The course';
  if (name === 'status') return 'agreement-upheld';
  if (name === 'type') return 'CaseReopened';
  if (name === 'basis') return 'completed-restorative-justice';
  if (name === 'programme') return 'conditional-caution';
  if (name === 'expected') return 'restorative-justice';
  if (name === 'organisation') return 'home-start';
  if (name === 'amountPence') return 4000;
  if (name === 'feePence') return 4400;
  if (name === 'hours') return 1.3;
  if (name === 'score') return 7;
  if (name === 'capacity') return 20;
  if (name === 'max' || name === 'maximum') return 16;
  if (name === 'revision' || name === 'struckAt') return 3;
  if (name === 'heldOn' || name === 'on') return panelOn;
  if (/On$|Date$|^date$|^previous$|^deadline$|^today$/.test(name)) return '2026-11-10';
  return 'something';
};

const isErrorClass = (value: unknown): value is new (...args: unknown[]) => DomainError => typeof value === 'function' && value.prototype instanceof DomainError;

/** Every rule a page can be refused by: each DomainError the domain and the people store export, made as their deciders make them. */
const exported: unknown[] = [...Object.values(domain), ...Object.values(people)];
const everyRule: DomainError[] = exported.filter(isErrorClass).map((errorClass) => new errorClass(...parameterNames(errorClass).map(valueFor)));

describe('the words of a refused rule', () => {
  it('finds the rules to word', () => expect(everyRule.length).toBeGreaterThan(80));

  it.each(everyRule.map((error) => [error.code, error] as const))('has page words of its own for %s, with no ids, codes or ISO dates', (code, error) => {
    expect(Object.hasOwn(ruleMessages, code)).toBe(true);
    const body = toErrorBody(error);
    const words = ruleMessage(body, 'Date of the panel');
    expect(words).not.toBe(body.message);
    expectPlain(words);
  });

  it('words the API’s own clashes too', () => {
    for (const code of ['concurrent-change', 'idempotency-key-in-use', 'idempotency-key-reused', 'username-taken', 'password-unchanged']) {
      expect(Object.hasOwn(ruleMessages, code)).toBe(true);
    }
    expect(ruleMessage(toErrorBody(new StreamRevisionConflict('case-1', 2, 3)))).toBe('Someone else changed this record at the same moment. Check the page and try again');
    expect(ruleMessage({ code: 'username-taken', message: 'The username w.tan is taken; choose another' })).toBe('The username w.tan is already taken. Choose another');
  });

  it('says the fee in pounds: what it is, and what was entered', () =>
    expect(ruleMessage(toErrorBody(new WrongFeeAmount(4000, 4400)), 'Amount paid')).toBe('The fee is £44.00; £40.00 was entered'));

  it('names the facilitator by reference and both dates as people write them', () => {
    const error = new FacilitatorNotTrained('3f2a1b2c-0000-4000-8000-000000000000', '2026-11-07', '2026-11-10');
    expect(ruleMessage(toErrorBody(error))).toBe('Volunteer 3f2a1b2c was trained on 10 November 2026, after the panel. Select facilitators trained on or before 7 November 2026');
    expect(ruleMessage(toErrorBody(new FacilitatorNotTrained('3f2a1b2c-0000-4000-8000-000000000000', '2026-11-07', undefined)))).toBe(
      'Volunteer 3f2a1b2c has no training recorded. Select facilitators trained on or before 7 November 2026',
    );
  });

  it('says which step a date must follow, in the form’s label', () =>
    expect(ruleMessage(toErrorBody(new domain.DateBeforePreviousStep('heldOn', '2026-11-03', '2026-11-05', 'the acceptance')), 'Date of the panel')).toBe(
      'Date of the panel must be the same as or after 5 November 2026, when the referral was accepted',
    ));

  it('offers the quarter hours either side of hours that are not one', () => {
    expect(ruleMessage(toErrorBody(new SessionHours(1.3)))).toBe('Enter the hours in quarter hours, like 1.25 or 1.5');
    expect(ruleMessage(toErrorBody(new SessionHours(9)))).toBe('Enter the hours from 0.25 to 8, in quarter hours, like 1.5');
  });

  it('tells apart no facilitators, too many and the same one twice', () => {
    const id = '5e8a1c3d-1111-4111-8111-111111111111';
    expect(ruleMessage(toErrorBody(new domain.FacilitatorCount([])))).toBe('Select at least one facilitator');
    expect(ruleMessage(toErrorBody(new domain.FacilitatorCount([id, `${id}1`, `${id}2`, `${id}3`])))).toBe('Select no more than 3 facilitators');
    expect(ruleMessage(toErrorBody(new domain.FacilitatorCount([id, id])))).toBe('Select each facilitator only once');
  });

  it('follows a case’s reference in a sentence with its first word small, but keeps a name capital', () => {
    expect(ruleClause(toErrorBody(new domain.ConditionAlreadyBreached('5e8a1c3d-1111-4111-8111-111111111111')))).toBe(
      'this caution was breached and the case went back to the police. Only a reoffence or closing the case can be recorded now',
    );
    expect(ruleClause(toErrorBody(new domain.CoachLeft('5e8a1c3d-1111-4111-8111-111111111111', '2026-11-10', '2026-11-01')))).toMatch(
      /^Volunteer 5e8a1c3d left on 1 November 2026/,
    );
  });

  it('keeps the API’s words, made a sentence, for a code it does not know', () => expect(ruleMessage({ code: 'something-new', message: 'a new rule' })).toBe('A new rule'));
});

/** Every request class a page's form or filter is validated into. */
const formRequests: Type<unknown>[] = [
  ...new Set<Type<unknown>>([
    ...Object.values(rjSteps).map((step) => step.request as Type<unknown>),
    ...Object.values(cautionSteps).map((step) => step.request as Type<unknown>),
    ...Object.values(coachingSteps).map((step) => step.request as Type<unknown>),
    ReferCaseRequest,
    ReferrerRequest,
    SubjectRequest,
    OffenceRequest,
    VictimRequest,
    EligibilityRequest,
    RecordReoffenceRequest,
    CloseCaseRequest,
    StrikeOutEntryRequest,
    ReopenCaseRequest,
    ScheduleCourseRequest,
    CourseCalendarQuery,
    RecruitVolunteerRequest,
    TrainVolunteerRequest,
    VolunteerDepartureRequest,
    CreateUserRequest,
    LoginRequest,
  ]),
];

/** The checks on a request class, by the names a 400's `constraints` gives them. */
const checksOf = (request: Type<unknown>): { property: string; constraint: string }[] => {
  const storage = getMetadataStorage();
  return storage
    .getTargetValidationMetadatas(request, '', true, false)
    .filter((metadata) => metadata.type !== ValidationTypes.CONDITIONAL_VALIDATION)
    .map((metadata) => ({
      property: metadata.propertyName,
      constraint: metadata.type === ValidationTypes.CUSTOM_VALIDATION ? (storage.getTargetValidatorConstraints(metadata.constraintCls)[0]?.name ?? '') : metadata.type,
    }));
};

/** The labels each form gives the API's fields, so that wrong answers are worded as the page words them. */
const labelsOf = (request: Type<unknown>): FieldLabels =>
  Object.assign(
    {},
    ...[...Object.values(rjSteps), ...Object.values(cautionSteps), ...Object.values(coachingSteps)].filter((step) => step.request === request).map((step) => step.labels),
    request === ReferCaseRequest ? referralLabels : {},
    request === RecruitVolunteerRequest ? recruitLabels : {},
  );

/** Answers of every wrong kind, for every field at once: missing, a number, a word, a list, a list of words, too small, too large, yes. */
const wrongAnswers = (request: Type<unknown>): Record<string, unknown>[] => {
  const properties = [...new Set(checksOf(request).map((check) => check.property))];
  const every = (value: unknown): Record<string, unknown> => Object.fromEntries(properties.map((property) => [property, value]));
  return [{}, every(123), every('nonsense'), every([]), every(['nonsense']), every(-5), every(100000), every(true), every(0.3), every('x'.repeat(600)), every({})];
};

describe('the words of an invalid field', () => {
  it('finds the forms’ request classes and their checks', () => expect(formRequests.flatMap(checksOf).length).toBeGreaterThan(60));

  it.each(formRequests.map((request) => [request.name, request] as const))('has words for every check %s makes', (_name, request) => {
    for (const { property, constraint } of checksOf(request))
      expect({ property, constraint, worded: Object.hasOwn(constraintMessages, constraint) }).toEqual({ property, constraint, worded: true });
  });

  it.each(formRequests.map((request) => [request.name, request] as const))('words every wrong answer to %s plainly, one message a field', async (_name, request) => {
    const labels = labelsOf(request);
    for (const answer of wrongAnswers(request)) {
      const refusal = await refusalOf(request, { ...answer, unexpected: 'field' });
      const details = refusal.details as FieldProblem[];
      expect(details.every((detail) => detail.constraints?.length === detail.problems.length)).toBe(true);
      const errors = formErrorsFrom(refusal, labels);
      expect(errors.summary).toHaveLength(details.length);
      for (const { text } of errors.summary) expectPlain(text);
    }
  });

  it('says the examples of issue 12 as it gives them', async () => {
    const panel = rjSteps.panel.labels;
    expect(formErrorsFrom(await refusalOf(rjSteps.panel.request, { heldOn: '2026-11-07', facilitatorIds: [], victimAttended: true }), panel).summary).toEqual([
      { text: 'Select at least one facilitator', href: '#facilitatorIds' },
    ]);
    expect(formErrorsFrom(await refusalOf(rjSteps.panel.request, { heldOn: '2026-11-07', facilitatorIds: ['5e8a1c3d-1111-4111-8111-111111111111'] }), panel).summary).toEqual([
      { text: 'Select yes if the victim attended the panel', href: '#victimAttended' },
    ]);
    const session = coachingSteps.session;
    expect(formErrorsFrom(await refusalOf(session.request, { sessionOn: '2026-11-07', hours: 'an hour' }), session.labels).summary).toEqual([
      { text: 'Enter the hours as a number, like 1.5', href: '#hours' },
    ]);
  });

  it('asks for what was left empty, and gives an example of a date that is not one, in the form’s labels', async () => {
    const decline = rjSteps.decline;
    expect(formErrorsFrom(await refusalOf(decline.request, { declinedOn: '2026-02-31' }), decline.labels).summary).toEqual([
      { text: 'Date declined must be a real date, for example 27 3 2026', href: '#declinedOn-day' },
      { text: 'Enter reason for declining', href: '#declineReason' },
    ]);
    expect(formErrorsFrom(await refusalOf(decline.request, {}), decline.labels).summary).toEqual([
      { text: 'Enter date declined', href: '#declinedOn-day' },
      { text: 'Enter reason for declining', href: '#declineReason' },
    ]);
  });

  it('says a limit in the field’s words', async () => {
    const schedule = await refusalOf(ScheduleCourseRequest, { date: '2027-01-07', capacity: 20 });
    expect(formErrorsFrom(schedule, { capacity: { id: 'capacity', label: 'Places' } }).summary).toEqual([{ text: 'Places must be 16 or fewer', href: '#capacity' }]);
    const tooLong = await refusalOf(rjSteps.decline.request, { declinedOn: '2026-11-06', reason: 'x'.repeat(201) });
    expect(formErrorsFrom(tooLong, rjSteps.decline.labels).summary).toEqual([{ text: 'Reason for declining must be 200 characters or fewer', href: '#declineReason' }]);
  });

  it('words the safety net over every string, and a check of free text in a list by its item', async () => {
    const [unsafe] = unsafeTextIn({ reason: 'null\u0000here' });
    expect(fieldMessage(unsafe, 'Reason for declining')).toBe('Reason for declining must not contain control characters');
    class Terms {
      @IsFreeText(1, 5, { each: true }) terms!: string[];
    }
    const [item] = (await refusalOf(Terms, { terms: ['ok', 'far too long'] })).details as FieldProblem[];
    expect(fieldMessage(item, 'Terms')).toBe('Terms (item 2) must be 5 characters or fewer');
    class Name {
      @IsFreeText(1, 50) name!: string;
    }
    const [line] = (await refusalOf(Name, { name: 'two\nlines' })).details as FieldProblem[];
    expect(fieldMessage(line, 'Given name')).toBe('Given name must be on one line, without tabs or other control characters');
  });

  it('names the calendar’s dates in their order, and whom a user’s organisation must be', async () => {
    const calendar = await refusalOf(CourseCalendarQuery, { from: '2026-12-31', to: '2026-12-01' }, 'query');
    expect(formErrorsFrom(calendar, { from: { id: 'from-day', label: 'From' }, to: { id: 'to-day', label: 'To' } }).summary).toEqual([
      { text: 'The ‘To’ date must be the same as or after the ‘From’ date', href: '#to-day' },
    ]);
    const user = await refusalOf(CreateUserRequest, { username: 'w.tan', password: 'a long enough password', role: 'commissioner', organisation: 'wdp' });
    expect(formErrorsFrom(user, {}).summary).toEqual([{ text: 'A commissioner must belong to Barnet Council' }]);
  });

  it('leaves a problem whose check the API did not name in the API’s words, begun with the label', () =>
    expect(fieldMessage({ field: 'after', problems: ['after must be a position'] }, 'After')).toBeUndefined());
});

describe('the words of a refusal to see or do something', () => {
  it('says whom an action is for, without role codes or routes', () =>
    expect(forbiddenReason('A rj-coordinator may not do this (POST /api/cases/:id/fee); it is for caution-officer', audienceText)).toBe('This is for WDP’s caution officers.'));

  it('says a case is not the organisation’s', () =>
    expect(forbiddenReason('This case is not one a referrer of police may work on', audienceText)).toBe('This case is not one your organisation works on.'));
});
