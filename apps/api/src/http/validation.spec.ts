import { BadRequestException } from '@nestjs/common';
import { addDays, londonDate } from '@safer-cases/domain';
import { IsOptional, validate } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { IsFreeText, maximumNesting, NotAfterToday, refuseDeepNesting, unsafeTextIn, unsafeTextProblem, validationPipe } from './validation';

class Note {
  @IsFreeText(1, 10) reason!: string;
  @IsOptional() @IsFreeText(1, 10, { multiline: true }) details?: string;
  @IsOptional() @IsFreeText(1, 5, { each: true }) terms?: string[];
  @IsOptional() @NotAfterToday() bornOn?: string;
}

const problemsOf = async (fields: Partial<Note>): Promise<string[]> =>
  (await validate(Object.assign(new Note(), { reason: 'fine', ...fields }))).flatMap((error) => Object.values(error.constraints ?? {}));

const refusalOf = async (run: () => Promise<unknown>): Promise<Record<string, unknown>> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse() as Record<string, unknown>;
    throw error;
  }
  throw new Error('Expected a 400');
};

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { inner: value };
  return value;
};

describe('validation at the edge', () => {
  describe('the characters no text may hold', () => {
    it.each([
      ['a null character', 'Tom\u0000'],
      ['an escape character', 'Tom\u001b[31m'],
      ['DEL', 'Tom\u007f'],
      ['a C1 control', 'Tom\u0085'],
    ])('refuses %s, naming the field', (_what, text) =>
      expect(unsafeTextProblem('reason', text)).toBe('reason must not contain control characters such as a null character, a tab or a line break'),
    );

    it('refuses half of a surrogate pair, but keeps a whole one (an emoji)', () => {
      expect(unsafeTextProblem('reason', 'broken \ud83d here')).toMatch(/^reason contains a broken character/);
      expect(unsafeTextProblem('reason', 'broken \ude00')).toMatch(/^reason contains a broken character/);
      expect(unsafeTextProblem('reason', 'fine \ud83d\ude00')).toBeUndefined();
    });

    it.each(['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])('refuses the direction control U+%s', (character) =>
      expect(unsafeTextProblem('reason', `abc${character}def`)).toBe('reason must not contain characters that change the direction of the text'),
    );

    it('keeps accents, other scripts and typographic punctuation', () => expect(unsafeTextProblem('reason', 'Zoë O’Brien – 李雷 «ok»')).toBeUndefined());

    it('lets tab and line breaks through only where text runs over lines', () => {
      expect(unsafeTextProblem('details', 'one\r\ntwo\tthree', { multiline: true })).toBeUndefined();
      expect(unsafeTextProblem('details', 'one\u0000', { multiline: true })).toBe('details must not contain control characters such as a null character');
    });
  });

  describe('@IsFreeText', () => {
    it('accepts ordinary text', async () => expect(await problemsOf({ reason: 'Moved away' })).toEqual([]));

    it.each([
      ['whitespace alone', '  \u00a0 ', 'reason must not be blank'],
      ['an empty string', '', 'reason must not be blank'],
      ['text too long', 'eleven char', 'reason must be at most 10 characters'],
      ['a line break in single-line text', 'one\ntwo', 'reason must not contain control characters such as a null character, a tab or a line break'],
      ['a number', 12, 'reason must be a string'],
      ['nothing', undefined, 'reason must be a string'],
    ])('refuses %s with one message', async (_what, reason, message) => expect(await problemsOf({ reason: reason as string })).toEqual([message]));

    it('counts characters, not UTF-16 units: ten emoji fit ten characters', async () => expect(await problemsOf({ reason: '😀'.repeat(10) })).toEqual([]));

    it('names the item of a list that is wrong', async () => {
      expect(await problemsOf({ terms: ['ok', ' '] })).toEqual(['terms must not be blank (item 2)']);
      expect(await problemsOf({ terms: ['ok', 'a\u0000'] })).toEqual(['terms must not contain control characters such as a null character, a tab or a line break (item 2)']);
      expect(await problemsOf({ terms: 'ok' as unknown as string[] })).toEqual(['terms must be a list of texts']);
    });
  });

  describe('@NotAfterToday', () => {
    const today = londonDate(new Date());

    it('accepts today and any day before', async () => {
      expect(await problemsOf({ bornOn: today })).toEqual([]);
      expect(await problemsOf({ bornOn: '1990-04-01' })).toEqual([]);
    });

    it('refuses tomorrow', async () => expect(await problemsOf({ bornOn: addDays(today, 1) })).toEqual(['bornOn must not be in the future']));
  });

  describe('the safety net over every string of a request', () => {
    it('finds each unsafe string by the path of its field, in lists too', () =>
      expect(unsafeTextIn({ subject: { givenName: 'Sam\u0000' }, eligibility: { indicators: ['fine', '\u202eevil'] }, referredOn: '2015-01-01' })).toEqual([
        { field: 'subject.givenName', problems: ['givenName must not contain control characters such as a null character'], constraints: ['isSafeText'] },
        { field: 'eligibility.indicators', problems: ['indicators must not contain characters that change the direction of the text'], constraints: ['isSafeText'] },
      ]));

    it('refuses a body whose fields the DTO does not declare, before class-validator sees it', async () => {
      const refusal = await refusalOf(() => validationPipe.transform({ reason: 'fine', colour: '\ud800' }, { type: 'body', metatype: Note }));
      expect(refusal).toMatchObject({ code: 'invalid-request', details: [{ field: 'colour', problems: [expect.stringMatching(/^colour contains a broken character/)] }] });
    });

    it('checks queries as well as bodies', async () => {
      const refusal = await refusalOf(() => validationPipe.transform({ reason: 'fine\u0000' }, { type: 'query', metatype: Note }));
      expect(refusal).toMatchObject({ code: 'invalid-request', details: [{ field: 'reason' }] });
    });

    it('refuses nesting deeper than the limit without walking on', async () => {
      const refusal = await refusalOf(() => validationPipe.transform({ reason: 'fine', details: nested(maximumNesting + 5) }, { type: 'body', metatype: Note }));
      expect(refusal).toMatchObject({ code: 'too-deeply-nested' });
    });
  });

  describe('what a 400 says of each field', () => {
    it('names the check beside each problem, and says when nothing was sent, without repeating what was', async () => {
      const refusal = await refusalOf(() => validationPipe.transform({ details: 'fine', terms: ['far too long'] }, { type: 'body', metatype: Note }));
      expect(refusal.details).toEqual([
        { field: 'reason', problems: ['reason must be a string'], constraints: ['isFreeText'], missing: true },
        { field: 'terms', problems: ['terms must be at most 5 characters (item 1)'], constraints: ['isFreeText'] },
      ]);
      expect(JSON.stringify(refusal)).not.toContain('far too long');
    });
  });

  describe('the nesting limit on JSON bodies', () => {
    const run = (body: unknown): unknown => {
      let passed: unknown = 'not called';
      refuseDeepNesting({ body } as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
      return passed;
    };

    it('lets a body nested up to the limit through', () => expect(run(nested(maximumNesting - 1))).toBeUndefined());

    it('refuses one nested thousands deep with a 400, without overflowing the stack', () => {
      const passed = run(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`));
      expect(passed).toBeInstanceOf(BadRequestException);
      expect((passed as BadRequestException).getResponse()).toMatchObject({
        code: 'too-deeply-nested',
        message: expect.stringContaining(`more than ${maximumNesting} levels deep`),
      });
    });
  });
});
