import fc from 'fast-check';
import { addDays, CalendarDate, daysBetween } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { CaseNotFound, DateBeforePreviousStep, DateInFuture, DomainError, WrongProgramme } from '../shared/domain-error';
import {
  AlreadyAdopted,
  AlreadyInComparisonGroup,
  ConvictionBeforeOffence,
  IomCommand,
  IomEvent,
  iomDecider,
  iomLeavingReasons,
  MemberAlreadyLeft,
  MemberNotJoined,
  UnknownLeavingReason,
} from '.';
import {
  adopt,
  adopted,
  arrested,
  assignComparison,
  assigned,
  caseId,
  closed,
  convicted,
  exit,
  left,
  on,
  recordArrest,
  recordConviction,
  referred,
  referredElsewhere,
  spec,
  today,
} from './iom.fixtures';

/** Every state a case can be in when a conviction or an arrest arrives: they are facts, taken in all of them. */
const histories: [string, IomEvent[]][] = [
  ['referred', [referred]],
  ['adopted', [referred, adopted]],
  ['in the comparison group', [referred, assigned]],
  ['left', [referred, adopted, left()]],
  ['closed', [referred, closed(on.referred)]],
  ['closed after leaving', [referred, assigned, left(), closed()]],
];

/** Any date from 1995 to a year after `today`, so that some lie in the future. */
const dates = fc.integer({ min: daysBetween(today, '1995-01-01'), max: 365 }).map((offset) => addDays(today, offset));

/** What the decider answered: the events, or the code of the rule it refused on. */
const outcome = (events: readonly IomEvent[], command: IomCommand): IomEvent[] | string => {
  try {
    return iomDecider.decide(command, fold(iomDecider, events));
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('integrated offender management: convictions and arrests', () => {
  describe.each(histories)('on a case %s', (_, history) => {
    it('records a conviction from the baseline year, before the referral', () =>
      spec
        .given(history)
        .when(recordConviction(on.baselineOffence, on.baselineConviction))
        .then([convicted(on.baselineOffence, on.baselineConviction)]));

    it('records an arrest from before the referral', () =>
      spec
        .given(history)
        .when(recordArrest('2013-01-05'))
        .then([arrested('2013-01-05')]));
  });

  it('records a conviction on the day of its offence, and refuses one the day before it', () => {
    spec
      .given([referred, adopted])
      .when(recordConviction(on.offence, on.offence))
      .then([convicted(on.offence, on.offence)]);
    spec.given([referred, adopted]).when(recordConviction(on.offence, '2014-06-19')).thenThrows(ConvictionBeforeOffence, 'conviction-before-offence');
  });

  it('records today, and refuses an offence, a conviction or an arrest after today', () => {
    spec
      .given([referred, adopted])
      .when(recordConviction(today, today))
      .then([convicted(today, today)]);
    spec
      .given([referred, adopted])
      .when(recordArrest(today))
      .then([arrested(today)]);
    spec.given([referred, adopted]).when(recordConviction(on.offence, '2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
    spec.given([referred, adopted]).when(recordConviction('2014-12-02', '2014-12-03')).thenThrows(DateInFuture, 'date-in-future');
    spec.given([referred, adopted]).when(recordArrest('2014-12-02')).thenThrows(DateInFuture, 'date-in-future');
  });

  it('leaves out a reference not given', () => {
    const [conviction] = iomDecider.decide(recordConviction(on.offence, on.convicted, {}), fold(iomDecider, [referred]));
    expect(Object.keys(conviction.data)).toEqual(['caseId', 'offenceDate', 'convictedOn']);
    spec
      .given([referred])
      .when(recordConviction(on.offence, on.convicted, {}))
      .then([{ type: 'ConvictionRecorded', data: { caseId, offenceDate: on.offence, convictedOn: on.convicted } }]);
    spec
      .given([referred])
      .when(recordArrest(on.arrested, {}))
      .then([{ type: 'ArrestRecorded', data: { caseId, arrestedOn: on.arrested } }]);
  });

  it("refuses a conviction or an arrest on a case that does not exist or another programme's case", () => {
    spec.given([]).when(recordConviction()).thenThrows(CaseNotFound, 'case-not-found');
    spec.given([referredElsewhere]).when(recordConviction()).thenThrows(WrongProgramme, 'wrong-programme');
    spec.given([]).when(recordArrest()).thenThrows(CaseNotFound, 'case-not-found');
    spec.given([referredElsewhere]).when(recordArrest()).thenThrows(WrongProgramme, 'wrong-programme');
  });

  describe('the date rules, for any dates', () => {
    const anyHistory = fc.constantFrom(...histories.map(([, history]) => history));

    it('records a conviction exactly when its offence is on or before its conviction, and that on or before today, in any state', () => {
      fc.assert(
        fc.property(anyHistory, dates, dates, (history, offenceDate, convictedOn) => {
          const expected =
            offenceDate > today || convictedOn > today ? 'date-in-future' : convictedOn < offenceDate ? 'conviction-before-offence' : [convicted(offenceDate, convictedOn)];
          expect(outcome(history, recordConviction(offenceDate, convictedOn))).toEqual(expected);
        }),
      );
    });

    it('records an arrest exactly when it is on or before today, however long before the referral, in any state', () => {
      fc.assert(
        fc.property(anyHistory, dates, (history, arrestedOn) => {
          expect(outcome(history, recordArrest(arrestedOn))).toEqual(arrestedOn > today ? 'date-in-future' : [arrested(arrestedOn)]);
        }),
      );
    });

    it('joins a group exactly when the date is from the referral to today', () => {
      fc.assert(
        fc.property(fc.constantFrom(adopt, assignComparison), dates, (join, joinedOn) => {
          const expected = joinedOn > today ? 'date-in-future' : joinedOn < on.referred ? 'date-before-previous-step' : 'joined';
          const answer = outcome([referred], join(joinedOn));
          expect(Array.isArray(answer) ? 'joined' : answer).toBe(expected);
        }),
      );
    });

    it('takes a leaving exactly when it is from the joining date to today, for a reason on the list', () => {
      const reasons = fc.oneof(fc.constantFrom(...iomLeavingReasons), fc.string());
      fc.assert(
        fc.property(fc.constantFrom(adopted, assigned), dates, reasons, (joined, leftOn, reason) => {
          const answer = outcome([referred, joined], exit(leftOn, reason));
          const listed = (iomLeavingReasons as readonly string[]).includes(reason);
          const expected =
            leftOn > today
              ? 'date-in-future'
              : leftOn < on.joined
                ? 'date-before-previous-step'
                : listed
                  ? [{ type: 'CohortMemberLeft', data: { caseId, leftOn, reason } }]
                  : 'unknown-leaving-reason';
          expect(answer).toEqual(expected);
        }),
      );
    });
  });

  it('writes, whatever is sent in whatever order, one group at most, one leaving at most and only after joining, and no date after today', () => {
    const command = fc.oneof(
      dates.map(adopt),
      dates.map(assignComparison),
      fc.tuple(dates, fc.constantFrom<string>(...iomLeavingReasons, 'retired')).map(([leftOn, reason]) => exit(leftOn, reason)),
      fc.tuple(dates, dates).map(([offenceDate, convictedOn]) => recordConviction(offenceDate, convictedOn)),
      dates.map((arrestedOn) => recordArrest(arrestedOn)),
    );
    const refusals = [
      AlreadyAdopted,
      AlreadyInComparisonGroup,
      MemberNotJoined,
      MemberAlreadyLeft,
      UnknownLeavingReason,
      ConvictionBeforeOffence,
      DateInFuture,
      DateBeforePreviousStep,
    ];
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const history: IomEvent[] = [referred];
        for (const each of commands) {
          try {
            history.push(...iomDecider.decide(each, fold(iomDecider, history)));
          } catch (error) {
            expect(refusals.some((refusal) => error instanceof refusal)).toBe(true);
          }
        }
        const joinings = history.filter((event) => event.type === 'CohortMemberAdopted' || event.type === 'ComparisonMemberAssigned');
        const leavings = history.filter((event) => event.type === 'CohortMemberLeft');
        expect(joinings.length).toBeLessThanOrEqual(1);
        expect(leavings.length).toBeLessThanOrEqual(joinings.length);
        if (leavings.length === 1) expect(history.indexOf(leavings[0])).toBeGreaterThan(history.indexOf(joinings[0]));
        const businessDates: CalendarDate[] = history.flatMap((event) =>
          Object.entries(event.data).flatMap(([field, value]) => (field.endsWith('On') || field.endsWith('Date') ? [String(value)] : [])),
        );
        expect(businessDates.every((date) => date <= today)).toBe(true);
        for (const event of history) if (event.type === 'ConvictionRecorded') expect(event.data.convictedOn >= event.data.offenceDate).toBe(true);
      }),
    );
  });
});
