import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { isCalendarDate, londonDate } from '@safer-cases/domain';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';

/**
 * One invalid field of a 400: its problems as sentences, and beside each (same place in the list)
 * the name of the check it failed (`isCalendarDate`, `arrayMinSize`), and `missing` when nothing
 * was sent for it, so that a client, the pages among them, can word its own message without
 * reading ours ("Enter the date closed" rather than "must be a real date"). Both came after
 * `problems`: a client that knows only `field` and `problems` reads the body as before.
 */
export type FieldProblem = { field: string; problems: string[]; constraints?: string[]; missing?: true };

const flatten = (errors: ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const missing = error.value === undefined || error.value === null ? { missing: true as const } : {};
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints), constraints: Object.keys(error.constraints), ...missing }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** The 400 of shared/API.md: every problem named by its field. */
const invalidRequest = (details: FieldProblem[]): BadRequestException => {
  const summary = details.map((detail) => detail.problems.join('; ')).join('; ');
  return new BadRequestException({ message: `Invalid request: ${summary}`, code: 'invalid-request', details });
};

/** How deep objects and arrays may nest in a request: our deepest body nests three levels. */
export const maximumNesting = 32;

const tooDeep = (): BadRequestException =>
  new BadRequestException({ message: `The request nests objects or arrays more than ${maximumNesting} levels deep`, code: 'too-deeply-nested' });

/** Whether `value` nests objects or arrays deeper than `maximumNesting`; walked without recursion, so no depth can overflow the stack. */
const nestsTooDeep = (value: unknown): boolean => {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maximumNesting) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
};

/**
 * Express middleware after the JSON parser: a body nested thousands deep parses, but would
 * overflow the stack of whatever walks it next (the idempotency fingerprint, the validation
 * pipe), so it is refused here with a 400 before anything else reads it.
 */
export const refuseDeepNesting = (request: Request, _response: Response, next: NextFunction): void => {
  next(nestsTooDeep(request.body) ? tooDeep() : undefined);
};

/** C0 controls and DEL and the C1 controls: never part of what a person types. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, less tab, line feed and carriage return, which text may hold where it runs over lines. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharactersBesideLineBreaks = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half of a UTF-16 surrogate pair with no other half: not a character at all, and PostgreSQL refuses it. */
const loneSurrogate = /[\uD800-\uDFFF]/u;
/** The embeddings, overrides and isolates that make text read in another order than it is stored ("Trojan Source"). */
const directionOverrides = /[\u202A-\u202E\u2066-\u2069]/;

export type TextRules = { multiline?: boolean };

/**
 * What stops a piece of text being kept, said to the person who sent it and starting with the
 * field's name (the pages put their label there), or undefined when it may be kept. Checked on
 * every string a request carries, whatever its field, so that none reaches the store with a
 * character PostgreSQL refuses (a null character, a lone surrogate) or one that hides what it says.
 */
export const unsafeTextProblem = (name: string, value: string, { multiline = false }: TextRules = {}): string | undefined => {
  if (loneSurrogate.test(value)) return `${name} contains a broken character (half of a surrogate pair); type or paste the text again`;
  if ((multiline ? controlCharactersBesideLineBreaks : controlCharacters).test(value)) {
    return `${name} must not contain control characters such as a null character${multiline ? '' : ', a tab or a line break'}`;
  }
  if (directionOverrides.test(value)) return `${name} must not contain characters that change the direction of the text`;
  return undefined;
};

/** Every string of a request body or query, by the path of its field (array positions left out, as class-validator names them). */
const stringsOf = (value: unknown, path: string[] = [], depth = 0): { path: string[]; text: string }[] => {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= maximumNesting) throw tooDeep();
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, path, depth + 1));
  return Object.entries(value).flatMap(([key, child]) => stringsOf(child, [...path, key], depth + 1));
};

/** The name the safety net's problems go by in `constraints`: no class-validator check, but the same role. */
export const safeTextConstraint = 'isSafeText';

/**
 * The safety net under every field's own rules: each string anywhere in the body or query, named
 * or not by the DTO, is checked for characters that cannot be stored before class-validator runs.
 * Line breaks pass here; a single-line field's own `@IsFreeText` refuses them.
 */
export const unsafeTextIn = (value: unknown): FieldProblem[] => {
  const problems = new Map<string, string[]>();
  for (const { path, text } of stringsOf(value)) {
    const field = path.join('.');
    const problem = unsafeTextProblem(path.at(-1) ?? 'the request', text, { multiline: true });
    if (problem && !problems.get(field)?.includes(problem)) problems.set(field, [...(problems.get(field) ?? []), problem]);
  }
  return [...problems].map(([field, each]) => ({ field, problems: each, constraints: each.map(() => safeTextConstraint) }));
};

/** The ValidationPipe, with the text safety net run first on bodies and queries that have a DTO (the pages' own forms go to the API, which checks them there). */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && this.toValidate(metadata)) {
      const unsafe = unsafeTextIn(value);
      if (unsafe.length > 0) throw invalidRequest(unsafe);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields refused, types converted only where declared, every problem named by field. */
export const validationPipe = new RequestValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  // The value is read only to tell a missing field (`flatten`); it is never copied into the body, which may not echo what was sent.
  validationError: { target: false, value: true },
  exceptionFactory: (errors) => invalidRequest(flatten(errors)),
});

/** A real date in `YYYY-MM-DD` form: 2015-02-30 is refused. */
export const IsCalendarDate = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isCalendarDate',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must be a real calendar date written YYYY-MM-DD`, ...options },
    validator: { validate: (value: unknown) => isCalendarDate(value) },
  });

/**
 * A date not after today in London, by the machine's own clock. For the one date that is never a
 * business date (a date of birth, which stays out of the domain's commands and events, so no
 * decider sees it); every business date is judged by the deciders against the injected Clock.
 */
export const NotAfterToday = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'notAfterToday',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must not be in the future`, ...options },
    validator: { validate: (value: unknown) => !isCalendarDate(value) || value <= londonDate(new Date()) },
  });

const characterCount = (text: string): number => [...text].length;

/** What is wrong with one piece of free text, or undefined; `name` starts the sentence. */
const freeTextProblem = (name: string, value: unknown, min: number, max: number, rules: TextRules): string | undefined => {
  if (typeof value !== 'string') return `${name} must be a string`;
  const unsafe = unsafeTextProblem(name, value, rules);
  if (unsafe) return unsafe;
  if (value.trim() === '') return `${name} must not be blank`;
  const length = characterCount(value);
  if (length < min) return `${name} must be at least ${min} characters`;
  if (length > max) return `${name} must be at most ${max} characters`;
  return undefined;
};

/** The same for a list of texts: the first item with a problem, named by its place in the list. */
const freeTextListProblem = (name: string, value: unknown, min: number, max: number, rules: TextRules): string | undefined => {
  if (!Array.isArray(value)) return `${name} must be a list of texts`;
  for (const [index, item] of value.entries()) {
    const problem = freeTextProblem(name, item, min, max, rules);
    if (problem) return `${problem} (item ${index + 1})`;
  }
  return undefined;
};

export type FreeTextOptions = TextRules & { each?: boolean };

/**
 * Text a person typed: `min` to `max` characters, not blank, and none of the characters that
 * cannot be stored or that hide what the text says (control characters; tab and line breaks
 * too unless `multiline`; lone surrogates; direction overrides). `each` for a list of texts.
 * Replaces `@IsString() @Length()` on every free-text field, with one message a person can read.
 */
export const IsFreeText =
  (min: number, max: number, { each = false, ...rules }: FreeTextOptions = {}) =>
  (target: object, propertyName: string) => {
    const problemOf = (value: unknown): string | undefined =>
      each ? freeTextListProblem(propertyName, value, min, max, rules) : freeTextProblem(propertyName, value, min, max, rules);
    registerDecorator({
      name: 'isFreeText',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => problemOf(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => problemOf(args?.value) ?? `${propertyName} must be text`,
      },
    });
  };
