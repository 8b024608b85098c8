import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { isCalendarDate } from '@safer-cases/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

export type FieldProblem = { field: string; problems: string[] };

const flatten = (errors: ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Unknown fields refused, types converted only where declared, every problem named by field. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const details = flatten(errors);
    const summary = details.map((detail) => detail.problems.join('; ')).join('; ');
    return new BadRequestException({ message: `Invalid request: ${summary}`, code: 'invalid-request', details });
  },
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
