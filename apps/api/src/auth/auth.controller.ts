import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IdParam } from '../http/params';
import { CurrentRecorder, Recorder } from '../shared/recorder';
import { AccessToken } from './access-tokens';
import { CurrentActor } from './current-actor.decorator';
import { Actor } from './actor';
import { CreateUserRequest, LoginRequest } from './auth.requests';
import { SignInService } from './sign-in.service';
import { TemporaryPassword, UserAccount, UserAccounts } from './user-accounts';
import { UsersService } from './users.service';

const tooMany = {
  'username-and-address': 'Too many sign-in attempts for this username from this address',
  address: 'Too many sign-in attempts from this address',
} as const;

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

  /**
   * 200 with a bearer token; with `newPassword`, the password is changed too and the user's other
   * sessions end. 401 for a wrong username or password; 429 with Retry-After when locked or past
   * the attempt limits; 403 `account-disabled`, or `password-change-required` after a reset
   * (sign in again with `newPassword`); 422 `password-unchanged` for a new password that is the old one.
   */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AccessToken> {
    response.setHeader('Cache-Control', 'no-store');
    const outcome = await this.signIn.signIn({ username: body.username, password: body.password, newPassword: body.newPassword, address: request.ip });
    switch (outcome.kind) {
      case 'signed-in':
        return outcome.token;
      case 'refused':
        throw new UnauthorizedException({ message: 'Wrong username or password', code: 'invalid-credentials' });
      case 'locked':
        response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        throw new HttpException(
          { message: `This account is locked after too many failed sign-ins; try again after ${outcome.until.toISOString()}`, code: 'account-locked' },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      case 'throttled':
        response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        throw new HttpException(
          { message: `${tooMany[outcome.scope]}; wait ${outcome.retryAfterSeconds} seconds and try again`, code: 'too-many-attempts' },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      case 'disabled':
        throw new ForbiddenException({ message: 'This account is disabled; an administrator can enable it again', code: 'account-disabled' });
      case 'password-change-required':
        throw new ForbiddenException({
          message: 'An administrator reset this password to a temporary one: sign in again with it and a newPassword of your own (at least 12 characters)',
          code: 'password-change-required',
        });
      case 'password-unchanged':
        throw new UnprocessableEntityException({ message: 'newPassword must differ from the current password', code: 'password-unchanged', details: { field: 'newPassword' } });
    }
  }
}

@ApiTags('auth')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
  ) {}

  /** 201 `{userId}`; 409 username-taken; 400 for an unknown role or organisation, a pair that does not fit, or a password under 12 characters. */
  @Post()
  create(@Body() body: CreateUserRequest, @CurrentRecorder() recorder: Recorder): Promise<{ userId: string }> {
    return this.users.create(body, recorder);
  }

  /** `{items}`: every account by username, with its role, organisation and whether it is locked, disabled or waiting for a new password. */
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: UserAccount[] }> {
    return this.accounts.list(actor);
  }

  /** 200 with the account, its lockout lifted; 404 `user-not-found`. */
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@IdParam('userId') userId: string, @CurrentRecorder() recorder: Recorder): Promise<UserAccount> {
    return this.accounts.unlock(recorder, userId);
  }

  /**
   * 200 `{userId, username, temporaryPassword}`: shown this once and kept only as its hash. The
   * user's sessions end, and they must choose a new password at their next sign-in. An
   * Idempotency-Key is not honoured here (the answer is not stored): a retry makes a new
   * password, and only the latest works. 422 `own-account` for the caller's own account.
   */
  @Post(':id/password-reset')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  resetPassword(@IdParam('userId') userId: string, @CurrentRecorder() recorder: Recorder): Promise<TemporaryPassword> {
    return this.accounts.resetPassword(recorder, userId);
  }

  /** 200 with the account: it can no longer sign in, and its open sessions end now. 422 `own-account` for the caller's own account. */
  @Post(':id/disable')
  @HttpCode(200)
  disable(@IdParam('userId') userId: string, @CurrentRecorder() recorder: Recorder): Promise<UserAccount> {
    return this.accounts.disable(recorder, userId);
  }

  /** 200 with the account, which can sign in again. */
  @Post(':id/enable')
  @HttpCode(200)
  enable(@IdParam('userId') userId: string, @CurrentRecorder() recorder: Recorder): Promise<UserAccount> {
    return this.accounts.enable(recorder, userId);
  }
}
