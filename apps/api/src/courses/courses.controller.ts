import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CourseNotFound, stripUndefined, placesLeft } from '@safer-cases/domain';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { IdParam } from '../http/params';
import { IsCalendarDate, IsFreeText } from '../http/validation';
import { positionOf } from '../shared/command-result';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { CourseLedger } from './course-ledger';

export class ScheduleCourseRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() courseId?: string;
  @ApiProperty({ example: '2015-03-05', description: 'May lie in the future: courses are planned ahead' }) @IsCalendarDate() date!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 16, default: 16 }) @IsOptional() @IsInt() @Min(1) @Max(16) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 200) venue?: string;
}

export type CourseView = { courseId: string; date: string; capacity: number; venue?: string; placesLeft: number; bookedCaseIds: readonly string[] };

/** WDP's alcohol-awareness courses: one a month, at most sixteen places. */
@ApiTags('courses')
@Controller('api/courses')
export class CoursesController {
  constructor(private readonly courses: CourseLedger) {}

  @Post()
  async schedule(@Body() body: ScheduleCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<{ courseId: string; position: string }> {
    const courseId = body.courseId ?? randomUUID();
    const position = await this.courses.decide(
      courseId,
      (today) => ({ type: 'ScheduleCourse', data: stripUndefined({ courseId, date: body.date, capacity: body.capacity, venue: body.venue, today }) }),
      recorder,
    );
    return { courseId, ...positionOf(position) };
  }

  @Get(':id')
  async get(@IdParam() courseId: string): Promise<CourseView> {
    const state = await this.courses.state(courseId);
    if (state.status !== 'scheduled') throw new CourseNotFound(courseId);
    const { status: _status, ...course } = state;
    return { ...course, placesLeft: placesLeft(state) };
  }
}
