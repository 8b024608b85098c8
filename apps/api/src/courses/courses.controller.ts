import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IdParam } from '../http/params';
import { IsCalendarDate, IsFreeText } from '../http/validation';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CourseCommands } from './course-commands';
import { CourseQueries, CourseView } from './course-queries';

export class ScheduleCourseRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() courseId?: string;
  @ApiProperty({ example: '2015-03-05', description: 'May lie in the future: courses are planned ahead' }) @IsCalendarDate() date!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 16, default: 16 }) @IsOptional() @IsInt() @Min(1) @Max(16) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(1, 200) venue?: string;
}

/** WDP's alcohol-awareness courses: one a month, at most sixteen places. */
@ApiTags('courses')
@Controller('api/courses')
export class CoursesController {
  constructor(
    private readonly commands: CourseCommands,
    private readonly queries: CourseQueries,
  ) {}

  @Post()
  schedule(@Body() body: ScheduleCourseRequest, @CurrentRecorder() recorder: Recorder): Promise<{ courseId: string; position: string }> {
    return this.commands.schedule(recorder, body);
  }

  @Get(':id')
  get(@IdParam() courseId: string, @CurrentActor() actor: Actor): Promise<CourseView> {
    return this.queries.get(actor, courseId);
  }
}
