import { ApiProperty } from '@nestjs/swagger';
import { CautionBreachReason, cautionBreachReasons } from '@safer-cases/domain';
import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { IsCalendarDate } from '../http/validation';

export class BookCourseRequest {
  @ApiProperty() @IsUUID() courseId!: string;
}

export class PayFeeRequest {
  @ApiProperty({ example: '2015-02-01' }) @IsCalendarDate() paidOn!: string;
  @ApiProperty({ example: 4400, description: 'In pence: the fee is exactly £44.00' }) @IsInt() @Min(0) amountPence!: number;
}

export class RecordAttendanceRequest {
  @ApiProperty() @IsUUID() courseId!: string;
  @ApiProperty({ example: '2015-03-05' }) @IsCalendarDate() attendedOn!: string;
}

export class CompleteCourseRequest {
  @ApiProperty({ example: '2015-03-05' }) @IsCalendarDate() completedOn!: string;
}

export class RecordBreachRequest {
  @ApiProperty({ example: '2015-03-06' }) @IsCalendarDate() on!: string;
  @ApiProperty({ enum: cautionBreachReasons }) @IsIn(cautionBreachReasons as readonly string[]) reason!: CautionBreachReason;
}
