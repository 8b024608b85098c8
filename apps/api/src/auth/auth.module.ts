import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { AuthController, UsersController } from './auth.controller';
import { AuthSettings, authSettingsFromEnvironment } from './auth.settings';
import { SessionStore } from './session.store';
import { Sessions } from './sessions';
import { SignInLimits } from './sign-in-limits';
import { SignInService } from './sign-in.service';
import { UserAccounts } from './user-accounts';
import { UserStore } from './user.store';
import { UsersService } from './users.service';

/** The settings on their own, read once from the environment; tests override `AuthSettings`. */
@Module({
  providers: [{ provide: AuthSettings, useFactory: () => authSettingsFromEnvironment() }],
  exports: [AuthSettings],
})
export class AuthSettingsModule {}

/** Sign-in, sessions, users and their accounts, and the access guard in front of every route. */
@Module({
  imports: [AuthSettingsModule],
  controllers: [AuthController, UsersController],
  providers: [UserStore, UsersService, UserAccounts, SignInService, SignInLimits, SessionStore, Sessions, AccessTokens, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessTokens, Sessions, UserStore, UsersService, UserAccounts, SignInService, AuthSettingsModule],
})
export class AuthModule {}
