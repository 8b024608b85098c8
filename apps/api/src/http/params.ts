import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

const uuid = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, code: 'invalid-request', details: [{ field, problems: [`${field} must be a UUID`] }] }),
  });

/** `:id` in the path, checked to be a UUID (400 naming the field otherwise). */
export const IdParam = (field = 'id') => Param('id', uuid(field));
