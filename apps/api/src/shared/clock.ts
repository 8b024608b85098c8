import { Injectable } from '@nestjs/common';
import { CalendarDate, londonDate } from '@safer-cases/domain';

/** The one place the API reads the time; tests replace it to pin "today". */
export abstract class Clock {
  abstract now(): Date;

  today(): CalendarDate {
    return londonDate(this.now());
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
