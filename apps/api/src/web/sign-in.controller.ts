import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthSettings } from '../auth/auth.settings';
import { Sessions } from '../auth/sessions';
import { SignInService } from '../auth/sign-in.service';
import { FormBody, text } from './forms';
import { homeOf } from './navigation';
import { endSignedInSession, startSession } from './session';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

type SignInErrors = { summary: { text: string; href?: string }[]; fields: Record<string, { text: string }> };

/** A return address only if it is a page of this site (never `//elsewhere` or `https://…`). */
const safeReturn = (value: string | undefined): string | undefined => (value && /^\/(?!\/)/.test(value) && !value.startsWith('/\\') ? value : undefined);

@WebPages('', 'public')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly settings: AuthSettings,
    private readonly sessions: Sessions,
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

  /** The same sign-in as POST /api/auth/login (`SignInService`): one set of limits, one lockout. */
  @Post('sign-in')
  async submit(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const username = text(body, 'username');
    const password = typeof body.password === 'string' ? body.password : undefined;
    const returnTo = safeReturn(text(body, 'returnTo'));
    const again = (status: number, errors: SignInErrors): void => {
      response.status(status).render('sign-in', { username, returnTo: returnTo ?? '', errors });
    };
    const refusedWith = (status: number, message: string): void => again(status, { summary: [{ text: message, href: '#username' }], fields: { username: { text: message } } });
    if (!username || !password) {
      const fields: Record<string, { text: string }> = {};
      if (!username) fields.username = { text: 'Enter your username' };
      if (!password) fields.password = { text: 'Enter your password' };
      return again(400, { summary: Object.entries(fields).map(([id, message]) => ({ text: message.text, href: `#${id}` })), fields });
    }
    const outcome = await this.signIn.signIn({ username, password, address: request.ip });
    switch (outcome.kind) {
      case 'refused':
        return refusedWith(401, 'The username or password is not right');
      case 'locked':
        response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        return refusedWith(429, `This account is locked after too many wrong passwords. Try again in ${inWords(outcome.retryAfterSeconds)}, or ask your administrator.`);
      case 'throttled':
        response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        return refusedWith(
          429,
          outcome.scope === 'address'
            ? `There have been too many attempts to sign in from your network. Try again in ${inWords(outcome.retryAfterSeconds)}.`
            : `There have been too many attempts to sign in with this username. Try again in ${inWords(outcome.retryAfterSeconds)}, or ask your administrator.`,
        );
      case 'signed-in':
        startSession(request, response, outcome.token.accessToken, this.settings.tokenTtlSeconds);
        return response.redirect(303, returnTo ?? homeOf(outcome.actor.role));
    }
  }

  @Post('sign-out')
  async signOut(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await endSignedInSession(this.sessions, request, response);
    response.redirect(303, '/sign-in');
  }
}

/** "1 minute", "14 minutes", "30 seconds": how long to wait, as a person would say it. */
const inWords = (seconds: number): string => {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};
