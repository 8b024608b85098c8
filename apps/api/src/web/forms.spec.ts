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
  const labels = { panelHeldOn: { id: 'panelHeldOn-day', label: 'Date of the panel' }, facilitatorIds: { id: 'facilitatorIds', label: 'Facilitators' } };

  it('puts each invalid field’s message beside its input, in the form’s words, and links the summary to it', () => {
    const errors = formErrorsFrom(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request',
        code: 'invalid-request',
        details: [{ field: 'panelHeldOn', problems: ['panelHeldOn must be a real calendar date written YYYY-MM-DD'] }],
      },
      labels,
    );
    expect(errors).toEqual({
      summary: [{ text: 'Date of the panel must be a real date, for example 27 3 2026', href: '#panelHeldOn-day' }],
      fields: { 'panelHeldOn-day': { text: 'Date of the panel must be a real date, for example 27 3 2026' } },
    });
  });

  it('names a nested field by its label, though the API’s message names only its last part', () => {
    const errors = formErrorsFrom(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request',
        details: [{ field: 'offence.date', problems: ['date must be a real calendar date written YYYY-MM-DD'] }],
      },
      { 'offence.date': { id: 'offenceDate-day', label: 'Date of the offence' } },
    );
    expect(errors.summary).toEqual([{ text: 'Date of the offence must be a real date, for example 27 3 2026', href: '#offenceDate-day' }]);
  });

  it('asks for a field that was left empty, in one message', () => {
    const errors = formErrorsFrom(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request',
        details: [{ field: 'reason', problems: ['reason must be longer than or equal to 1 characters', 'reason must be a string'] }],
      },
      { reason: { id: 'reason', label: 'Reason for declining' } },
    );
    expect(errors.summary).toEqual([{ text: 'Enter reason for declining', href: '#reason' }]);
  });

  it('says only that a field is not a number when it is not one, and leaves the field’s name alone inside other words', () => {
    const hours = { hours: { id: 'hours', label: 'Hours' } };
    const notANumber = formErrorsFrom(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request',
        details: [{ field: 'hours', problems: ['hours must not be greater than 8', 'hours must be a number conforming to the specified constraints'] }],
      },
      hours,
    );
    expect(notANumber.summary).toEqual([{ text: 'Hours must be a number conforming to the specified constraints', href: '#hours' }]);
    const rule = formErrorsFrom(
      { statusCode: 422, error: 'Unprocessable Entity', message: 'hours are counted in quarter hours: 1.3 is not one', details: { field: 'hours' } },
      hours,
    );
    expect(rule.summary).toEqual([{ text: 'Hours are counted in quarter hours: 1.3 is not one', href: '#hours' }]);
  });

  it('shows a refused rule’s message, beside the field it names when the form has it', () => {
    const body = {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'a facilitator must be trained',
      code: 'facilitator-not-trained',
      details: { field: 'facilitatorIds' },
    };
    expect(formErrorsFrom(body, labels)).toEqual({
      summary: [{ text: 'A facilitator must be trained', href: '#facilitatorIds' }],
      fields: { facilitatorIds: { text: 'A facilitator must be trained' } },
    });
    expect(formErrorsFrom({ ...body, details: undefined }, labels)).toEqual({ summary: [{ text: 'A facilitator must be trained' }], fields: {} });
    const dated = { ...body, message: 'panelHeldOn 2026-11-03 is before the acceptance on 2026-11-05', details: { field: 'panelHeldOn' } };
    expect(formErrorsFrom(dated, labels).summary).toEqual([{ text: 'Date of the panel 2026-11-03 is before the acceptance on 2026-11-05', href: '#panelHeldOn-day' }]);
  });
});
