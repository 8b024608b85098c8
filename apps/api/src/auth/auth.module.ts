import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { AuthController, UsersController } from './auth.controller';
import { AuthSettings, authSettingsFromEnvironment } from './auth.settings';
import { SignInService } from './sign-in.service';
import { UserStore } from './user.store';
import { UsersService } from './users.service';

/** The settings on their own, so that the login throttle can be built from them; tests override `AuthSettings`. */
@Module({
  providers: [{ provide: AuthSettings, useFactory: () => authSettingsFromEnvironment() }],
  exports: [AuthSettings],
})
export class AuthSettingsModule {}

/** Sign-in, users, and the access guard in front of every route. */
@Module({
  imports: [
    AuthSettingsModule,
    ThrottlerModule.forRootAsync({
      imports: [AuthSettingsModule],
      inject: [AuthSettings],
      useFactory: ({ loginRateLimit }: AuthSettings) => ({ throttlers: [{ ttl: loginRateLimit.windowMs, limit: loginRateLimit.attempts }] }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [UserStore, UsersService, SignInService, AccessTokens, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessTokens, UserStore, SignInService, AuthSettingsModule],
})
export class AuthModule {}
