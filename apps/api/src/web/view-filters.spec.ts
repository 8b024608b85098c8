import nunjucks from 'nunjucks';
import { breachReasonLabels } from './conditional-caution/conditional-caution.steps';
import { addFilters, describeEntry, eventDetails, eventName, formatDate, formatMoney, humanise, yesNo } from './view-filters';

const facilitator = '3f2a1b2c-0000-4000-8000-000000000001';
const other = '9d8c7b6a-0000-4000-8000-000000000002';

describe('what the pages print', () => {
  it('writes dates the GOV.UK way', () => {
    expect(formatDate('2026-12-02')).toBe('2 December 2026');
    expect(formatDate('2026-11-02T23:30:00.000Z')).toBe('2 November 2026');
    expect(formatDate(undefined)).toBe('');
  });

  it('writes money in pounds and pence', () => {
    expect(formatMoney(4400)).toBe('£44.00');
    expect(formatMoney(5)).toBe('£0.05');
    expect(formatMoney(123456)).toBe('£1,234.56');
    expect(formatMoney(undefined)).toBe('');
  });

  it('answers yes or no', () => {
    expect(yesNo(true)).toBe('Yes');
    expect(yesNo(false)).toBe('No');
    expect(yesNo(undefined)).toBe('');
  });

  it('turns codes and event types into words', () => {
    expect(humanise('agreement-reached')).toBe('Agreement reached');
    expect(eventName('OutcomeAgreementReached')).toBe('Outcome agreement reached');
  });

  it('lists an event’s business details by label, without ids, its business date or the command’s today', () => {
    expect(eventDetails({ caseId: 'c', on: '2026-01-01', reason: 'moved away', hours: 1.5, facilitatorIds: ['a'], today: '2026-01-02' })).toBe('Reason: moved away; Hours: 1.5');
    expect(eventDetails({ surveyedOn: '2026-11-21', satisfied: true, score: 4 })).toBe('Satisfied: Yes; Score: 4');
    expect(eventDetails({ referrer: { organisation: 'police', reference: 'CR/1' } })).toBe('Referrer: organisation police, reference CR/1');
    expect(eventDetails({ amountPence: 4400, courseDate: '2026-12-03' })).toBe('Amount: £44.00; Course date: 3 December 2026');
  });
});

describe('a case history entry in words', () => {
  it('titles a panel and labels its facts, counting the facilitators when their names are not to hand', () =>
    expect(describeEntry({ type: 'PanelHeld', data: { caseId: 'c', heldOn: '2015-11-20', facilitatorIds: [facilitator, other], victimAttended: true } })).toEqual({
      title: 'Panel held',
      details: [
        { label: 'Date', text: '20 November 2015' },
        { label: 'Victim attended', text: 'Yes' },
        { label: 'Facilitators', text: '2' },
      ],
      text: 'Date: 20 November 2015; Victim attended: Yes; Facilitators: 2',
    }));

  it('names the facilitators and the coach the page has read, and the others by reference', () => {
    const names = { [facilitator]: 'Ann Lee' };
    expect(describeEntry({ type: 'PanelHeld', data: { heldOn: '2015-11-20', facilitatorIds: [facilitator, other], victimAttended: false } }, names).text).toBe(
      'Date: 20 November 2015; Victim attended: No; Facilitators: Ann Lee, Volunteer 9d8c7b6a',
    );
    expect(describeEntry({ type: 'CoachAssigned', data: { volunteerId: facilitator, assignedOn: '2026-11-03' } }, new Map([[facilitator, 'Ann Lee']])).text).toBe(
      'Date: 3 November 2026; Coach: Ann Lee',
    );
    expect(describeEntry({ type: 'CoachAssigned', data: { volunteerId: other, assignedOn: '2026-11-03' } }).text).toBe('Date: 3 November 2026; Coach: Volunteer 9d8c7b6a');
  });

  it('says a referral by who referred and why, with no ids', () =>
    expect(
      describeEntry({
        type: 'CaseReferred',
        data: {
          caseId: 'c',
          programme: 'community-coaching',
          referredOn: '2026-11-20',
          personId: 'p',
          referrer: { organisation: 'police', reference: 'CRIS 4411/26' },
          eligibility: { basis: 'completed-restorative-justice', linkedCaseId: other },
        },
      }).text,
    ).toBe('Date: 20 November 2026; Referred by: Metropolitan Police; Reference: CRIS 4411/26; Eligible because: Completed a restorative justice panel; Earlier case: 9d8c7b6a'));

  it('says money in pounds, a survey’s answers, a session’s hours and a reparation’s terms', () => {
    expect(describeEntry({ type: 'FeePaid', data: { paidOn: '2026-11-21', amountPence: 4400 } }).text).toBe('Date: 21 November 2026; Amount: £44.00');
    expect(describeEntry({ type: 'VictimSatisfactionRecorded', data: { surveyedOn: '2026-11-21', satisfied: true, score: 4 } })).toMatchObject({
      title: 'Victim satisfaction recorded',
      text: 'Date: 21 November 2026; Satisfied: Yes; Score: 4 out of 5',
    });
    expect(describeEntry({ type: 'CoachingSessionLogged', data: { sessionOn: '2026-11-06', hours: 1.5 } }).text).toBe('Date: 6 November 2026; Hours: 1.5 hours');
    expect(describeEntry({ type: 'OutcomeAgreementReached', data: { reachedOn: '2026-11-12', reparation: ['Written apology', 'Repaint the bus shelter'] } }).text).toBe(
      'Date: 12 November 2026; Reparation: Written apology, Repaint the bus shelter',
    );
    expect(describeEntry({ type: 'CourseBooked', data: { courseId: other, courseDate: '2026-12-03' } }).text).toBe('Course: 3 December 2026');
  });

  it('gives a breach’s reason in the words the breach form offers', () => {
    for (const [reason, label] of Object.entries(breachReasonLabels)) {
      expect(describeEntry({ type: 'ConditionBreached', data: { on: '2026-11-21', reason } })).toEqual({
        title: 'Caution breached',
        details: [
          { label: 'Date', text: '21 November 2026' },
          { label: 'Reason', text: label },
        ],
        text: `Date: 21 November 2026; Reason: ${label}`,
      });
    }
  });

  it('leaves out what was not recorded', () =>
    expect(describeEntry({ type: 'CaseClosed', data: { closedOn: '2026-11-21' } }).details).toEqual([{ label: 'Date', text: '21 November 2026' }]));

  it('labels the facts of an entry of a type it has no words for, by their names', () =>
    expect(describeEntry({ type: 'SomethingNoted', data: { caseId: 'c', notedOn: '2026-11-21', urgent: false } })).toEqual({
      title: 'Something noted',
      details: [
        { label: 'Noted on', text: '21 November 2026' },
        { label: 'Urgent', text: 'No' },
      ],
      text: 'Noted on: 21 November 2026; Urgent: No',
    }));

  it('is a filter of every template, with the names as its argument', () => {
    const environment = new nunjucks.Environment();
    addFilters(environment);
    const names = { [facilitator]: 'Ann Lee' };
    const entry = { type: 'PanelHeld', data: { heldOn: '2015-11-20', facilitatorIds: [facilitator], victimAttended: true } };
    expect(environment.renderString('{% set words = entry | describeEntry(names) %}{{ words.title }} — {{ words.text }}', { entry, names })).toBe(
      'Panel held — Date: 20 November 2015; Victim attended: Yes; Facilitators: Ann Lee',
    );
    expect(environment.renderString('{{ 4400 | money }} {{ true | yesNo }}', {})).toBe('£44.00 Yes');
  });
});
