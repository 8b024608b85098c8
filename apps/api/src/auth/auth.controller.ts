import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessToken } from './access-tokens';
import { CreateUserRequest, LoginRequest } from './auth.requests';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SignInService } from './sign-in.service';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

  /** 200 with a bearer token; 401 for a wrong username or password; 429 when locked or too many attempts. */
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  async login(@Body() body: LoginRequest, @Res({ passthrough: true }) response: Response): Promise<AccessToken> {
    response.setHeader('Cache-Control', 'no-store');
    const outcome = await this.signIn.signIn(body.username, body.password);
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
