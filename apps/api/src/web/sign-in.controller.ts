import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import { AuthSettings } from '../auth/auth.settings';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { SignInService } from '../auth/sign-in.service';
import { FormBody, text } from './forms';
import { homeOf } from './navigation';
import { endSession, startSession } from './session';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

/** A return address only if it is a page of this site (never `//elsewhere` or `https://…`). */
const safeReturn = (value: string | undefined): string | undefined => (value && /^\/(?!\/)/.test(value) && !value.startsWith('/\\') ? value : undefined);

@WebPages('', 'public')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly settings: AuthSettings,
    private readonly tokens: AccessTokens,
  ) {}

  /** The start page: sign in, or go straight to your own first page. */
  @Get()
  start(@Req() request: WebRequest, @Res() response: Response): void {
    if (request.webActor) return response.redirect(303, homeOf(request.webActor.role));
    response.redirect(303, '/sign-in');
  }

  @Get('sign-in')
  form(@Req() request: WebRequest, @Res() response: Response, @Query('returnTo') returnTo?: string): void {
    if (request.webActor) return response.redirect(303, safeReturn(returnTo) ?? homeOf(request.webActor.role));
    response.render('sign-in', { returnTo: safeReturn(returnTo) ?? '', errors: { summary: [], fields: {} } });
  }

  @Post('sign-in')
  @UseGuards(LoginThrottlerGuard)
  async submit(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const username = text(body, 'username');
    const password = typeof body.password === 'string' ? body.password : undefined;
    const returnTo = safeReturn(text(body, 'returnTo'));
    const again = (status: number, errors: { summary: { text: string; href?: string }[]; fields: Record<string, { text: string }> }): void => {
      response.status(status).render('sign-in', { username, returnTo: returnTo ?? '', errors });
    };
    if (!username || !password) {
      const fields: Record<string, { text: string }> = {};
      if (!username) fields.username = { text: 'Enter your username' };
      if (!password) fields.password = { text: 'Enter your password' };
      return again(400, { summary: Object.entries(fields).map(([id, message]) => ({ text: message.text, href: `#${id}` })), fields });
    }
    const outcome = await this.signIn.signIn(username, password);
    if (outcome.kind === 'refused') {
      const message = 'The username or password is not right';
      return again(401, { summary: [{ text: message, href: '#username' }], fields: { username: { text: message } } });
    }
    if (outcome.kind === 'locked') {
      response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      const message = `This account is locked after too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask your administrator.`;
      return again(429, { summary: [{ text: message, href: '#username' }], fields: { username: { text: message } } });
    }
    startSession(request, response, outcome.token.accessToken, this.settings.tokenTtlSeconds);
    const actor = this.tokens.verify(outcome.token.accessToken);
    response.redirect(303, returnTo ?? (actor ? homeOf(actor.role) : '/'));
  }

  @Post('sign-out')
  signOut(@Req() request: WebRequest, @Res() response: Response): void {
    endSession(request, response);
    response.redirect(303, '/sign-in');
  }
}
