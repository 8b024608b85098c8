import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessToken } from './access-tokens';
import { CreateUserRequest, LoginRequest } from './auth.requests';
import { SignInService } from './sign-in.service';
import { UsersService } from './users.service';

const tooMany = {
  'username-and-address': 'Too many sign-in attempts for this username from this address',
  address: 'Too many sign-in attempts from this address',
} as const;

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

  /** 200 with a bearer token; 401 for a wrong username or password; 429 with Retry-After when locked or past the attempt limits. */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AccessToken> {
    response.setHeader('Cache-Control', 'no-store');
    const outcome = await this.signIn.signIn({ username: body.username, password: body.password, address: request.ip });
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
    }
  }
}

@ApiTags('auth')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 `{userId}`; 409 username-taken; 400 for an unknown role or organisation, a pair that does not fit, or a password under 12 characters. */
  @Post()
  create(@Body() body: CreateUserRequest): Promise<{ userId: string }> {
    return this.users.create(body);
  }
}
