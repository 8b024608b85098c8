import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Sign-in attempts per client address: past the limit, 429 with Retry-After, whatever the username. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(): Promise<void> {
    throw new HttpException({ message: 'Too many sign-in attempts from here; wait a minute and try again', code: 'too-many-attempts' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
