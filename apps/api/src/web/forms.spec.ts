import { date, dateParts, formErrorsFrom, list, number, text, yesNo } from './forms';

describe('reading a posted form', () => {
  it('trims text and leaves an empty field out, so the API names it as missing', () => {
    expect(text({ reason: '  moved away ' }, 'reason')).toBe('moved away');
    expect(text({ reason: '   ' }, 'reason')).toBeUndefined();
    expect(list({ ids: ['a', ' ', 'b'] }, 'ids')).toEqual(['a', 'b']);
    expect(list({ ids: 'a' }, 'ids')).toEqual(['a']);
  });

  it('reads numbers and yes/no, passing anything else on as typed for the API to refuse', () => {
    expect(number({ hours: '1.5' }, 'hours')).toBe(1.5);
    expect(number({ hours: 'two' }, 'hours')).toBe('two');
    expect(yesNo({ satisfied: 'yes' }, 'satisfied')).toBe(true);
    expect(yesNo({ satisfied: 'no' }, 'satisfied')).toBe(false);
  });

  it('joins a GOV.UK date input into YYYY-MM-DD, padded, and leaves an empty one out', () => {
    expect(date({ 'heldOn-day': '3', 'heldOn-month': '4', 'heldOn-year': '2026' }, 'heldOn')).toBe('2026-04-03');
    expect(date({ 'heldOn-day': '31', 'heldOn-month': 'Feb', 'heldOn-year': '2026' }, 'heldOn')).toBe('2026-Feb-31');
    expect(date({ 'heldOn-day': '', 'heldOn-month': '', 'heldOn-year': '' }, 'heldOn')).toBeUndefined();
  });

  it('fills a date input from what was typed, or else from the default date', () => {
    expect(dateParts({ 'on-day': '3', 'on-month': 'x', 'on-year': '2026' }, 'on', '2026-11-22')).toEqual({ day: '3', month: 'x', year: '2026' });
    expect(dateParts({}, 'on', '2026-01-05')).toEqual({ day: '5', month: '1', year: '2026' });
  });
});

describe('the API’s refusal as a form’s errors', () => {
  const labels = { heldOn: { id: 'heldOn-day', label: 'Date of the panel' }, facilitatorIds: { id: 'facilitatorIds', label: 'Facilitators' } };
  const invalid = (details: unknown) => ({ statusCode: 400, error: 'Bad Request', message: 'Invalid request', code: 'invalid-request', details });

  it('puts each invalid field’s message beside its input, in the form’s words, and links the summary to it', () => {
    const errors = formErrorsFrom(invalid([{ field: 'heldOn', problems: ['heldOn must be a real calendar date written YYYY-MM-DD'], constraints: ['isCalendarDate'] }]), labels);
    expect(errors).toEqual({
      summary: [{ text: 'Date of the panel must be a real date, for example 27 3 2026', href: '#heldOn-day' }],
      fields: { 'heldOn-day': { text: 'Date of the panel must be a real date, for example 27 3 2026' } },
    });
  });

  it('names a nested field by its label', () => {
    const errors = formErrorsFrom(invalid([{ field: 'offence.date', problems: ['date must be a real calendar date written YYYY-MM-DD'], constraints: ['isCalendarDate'] }]), {
      'offence.date': { id: 'offenceDate-day', label: 'Date of the offence' },
    });
    expect(errors.summary).toEqual([{ text: 'Date of the offence must be a real date, for example 27 3 2026', href: '#offenceDate-day' }]);
  });

  it('asks for each field that was left empty', () => {
    const errors = formErrorsFrom(
      invalid([
        { field: 'on', problems: ['on must be a real calendar date written YYYY-MM-DD'], constraints: ['isCalendarDate'], missing: true },
        { field: 'reason', problems: ['reason must be a string'], constraints: ['isFreeText'], missing: true },
      ]),
      { on: { id: 'declinedOn-day', label: 'Date declined' }, reason: { id: 'reason', label: 'Reason for declining' } },
    );
    expect(errors.summary).toEqual([
      { text: 'Enter date declined', href: '#declinedOn-day' },
      { text: 'Enter reason for declining', href: '#reason' },
    ]);
  });

  it('says one thing of a field: that it is not a number, before any limit', () => {
    const errors = formErrorsFrom(
      invalid([
        {
          field: 'hours',
          problems: ['hours must not be greater than 8', 'hours must not be less than 0.25', 'hours must be a number conforming to the specified constraints'],
          constraints: ['max', 'min', 'isNumber'],
        },
      ]),
      { hours: { id: 'hours', label: 'Hours' } },
    );
    expect(errors.summary).toEqual([{ text: 'Enter the hours as a number, like 1.5', href: '#hours' }]);
  });

  it('shows a refused rule in the form’s words, beside the field it names when the form has it', () => {
    const body = {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'A panel needs one to three different facilitators; 0 ids were given ()',
      code: 'facilitator-count',
      details: { field: 'facilitatorIds' },
    };
    expect(formErrorsFrom(body, labels)).toEqual({
      summary: [{ text: 'Select at least one facilitator', href: '#facilitatorIds' }],
      fields: { facilitatorIds: { text: 'Select at least one facilitator' } },
    });
    expect(formErrorsFrom({ ...body, details: undefined }, labels)).toEqual({ summary: [{ text: 'Select at least one facilitator' }], fields: {} });
    const dated = { ...body, code: 'date-before-previous-step', message: 'heldOn 2026-11-03 is before the acceptance on 2026-11-05', details: { field: 'heldOn' } };
    expect(formErrorsFrom(dated, labels).summary).toEqual([
      { text: 'Date of the panel must be the same as or after 5 November 2026, when the referral was accepted', href: '#heldOn-day' },
    ]);
  });

  it('keeps the API’s words, begun with the label, for a field problem whose check the API did not name', () => {
    const errors = formErrorsFrom(invalid([{ field: 'after', problems: ['after must be a position as a command returned it: digits only'] }]), {
      after: { id: 'after', label: 'Position' },
    });
    expect(errors.summary).toEqual([{ text: 'Position must be a position as a command returned it: digits only', href: '#after' }]);
  });
});
