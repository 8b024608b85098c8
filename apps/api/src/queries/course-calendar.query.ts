import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, ValidationArguments } from 'class-validator';
import { IsCalendarDate } from '../http/validation';
import { AfterQuery } from '../projections/after.query';

const IsNotBeforeFrom = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isNotBeforeFrom',
    target: target.constructor,
    propertyName,
    options: { message: 'to must not be before from' },
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const { from } = args.object as CourseCalendarQuery;
        return typeof value !== 'string' || typeof from !== 'string' || from <= value;
      },
    },
  });

export class CourseCalendarQuery extends AfterQuery {
  @ApiPropertyOptional({ example: '2015-04-01', description: 'Courses on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2016-03-31', description: 'Courses on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBeforeFrom()
  to?: string;
}
