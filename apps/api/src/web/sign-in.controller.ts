import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InProcess } from '../application/in-process';
import { LoginRequest } from '../auth/auth.requests';
import { AuthSettings } from '../auth/auth.settings';
import { Sessions } from '../auth/sessions';
import { SignInOutcome, SignInService } from '../auth/sign-in.service';
import { draftLifetimeMinutes, returnsToDraft, SignedOutForm, SignedOutForms } from './form-drafts';
import { FieldLabels, FormBody, formErrorsFrom, formRefusalOf, text } from './forms';
import { homeOf } from './navigation';
import { endSignedInSession, flash, sessionTimes, startSession, staySignedIn } from './session';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

type SignInErrors = { summary: { text: string; href?: string }[]; fields: Record<string, { text: string }> };

/** A return address only if it is a page of this site (never `//elsewhere` or `https://…`). */
const safeReturn = (value: string | undefined): string | undefined => (value && /^\/(?!\/)/.test(value) && !value.startsWith('/\\') ? value : undefined);

/** The address of a sign-in page, with the page to go on to once signed in: the only thing of a refused form that goes into an address. */
const pageWith = (path: string, returnTo: string | undefined): string => `${path}${returnTo ? `?${new URLSearchParams({ returnTo })}` : ''}`;

const noErrors = (): SignInErrors => ({ summary: [], fields: {} });

/**
 * Signing in, choosing a new password, staying signed in and signing out. A refused sign-in or
 * new password is sent back (303) to its page's GET, which draws it with the username and why
 * (`SignedOutForms`: no session exists yet to keep it for), so a reload or the back button never
 * sends a password again.
 */
@WebPages('', 'public')
export class SignInController {
  private readonly refused: SignedOutForms;

  constructor(
    private readonly signIn: SignInService,
    private readonly settings: AuthSettings,
    private readonly sessions: Sessions,
    private readonly inProcess: InProcess,
  ) {
    this.refused = new SignedOutForms(settings.jwtSecret);
  }

  /** The start page: sign in, or go straight to your own first page. */
  @Get()
  start(@Req() request: WebRequest, @Res() response: Response): void {
    if (request.webActor) return response.redirect(303, homeOf(request.webActor.role));
    response.redirect(303, '/sign-in');
  }

  @Get('sign-in')
  form(@Req() request: WebRequest, @Res() response: Response, @Query('returnTo') returnTo?: string): void {
    if (request.webActor) return response.redirect(303, safeReturn(returnTo) ?? homeOf(request.webActor.role));
    const back = safeReturn(returnTo);
    const kept = this.keptFor(request, response, '/sign-in');
    response.status(kept?.status ?? 200).render('sign-in', {
      username: kept ? text(kept.form, 'username') : undefined,
      returnTo: back ?? '',
      keptFor: returnsToDraft(back) ? draftLifetimeMinutes : undefined,
      errors: kept?.errors ?? noErrors(),
    });
  }

  /** The same sign-in as POST /api/auth/login (`SignInService`): one set of limits, one lockout. */
  @Post('sign-in')
  async submit(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const username = text(body, 'username');
    const password = typeof body.password === 'string' ? body.password : undefined;
    const returnTo = safeReturn(text(body, 'returnTo'));
    const again = (status: number, errors: SignInErrors, retryAfterSeconds?: number): void =>
      this.refused.sendBack(request, response, '/sign-in', pageWith('/sign-in', returnTo), { form: username ? { username } : {}, errors, status, retryAfterSeconds });
    if (!username || !password) {
      const fields: Record<string, { text: string }> = {};
      if (!username) fields.username = { text: 'Enter your username' };
      if (!password) fields.password = { text: 'Enter your password' };
      return again(400, { summary: Object.entries(fields).map(([id, message]) => ({ text: message.text, href: `#${id}` })), fields });
    }
    const outcome = await this.signIn.signIn({ username, password, address: request.ip });
    if (outcome.kind === 'signed-in') return this.signedIn(request, response, outcome, returnTo);
    // A temporary password is right, but opens nothing: its user chooses their own first.
    if (outcome.kind === 'password-change-required') return response.redirect(303, `/sign-in/new-password?${new URLSearchParams({ username, ...(returnTo ? { returnTo } : {}) })}`);
    const refusal = refusalOf(outcome, 'The username or password is not right');
    again(refusal.status, errorOn('username', refusal.message), refusal.retryAfterSeconds);
  }

  /** Choosing a new password: after an administrator reset it (the sign-in page leads here), or whenever one likes. */
  @Get('sign-in/new-password')
  newPasswordForm(@Req() request: WebRequest, @Res() response: Response, @Query('username') username?: string, @Query('returnTo') returnTo?: string): void {
    const kept = this.keptFor(request, response, '/sign-in/new-password');
    response.status(kept?.status ?? 200).render('new-password', {
      username: (kept ? text(kept.form, 'username') : undefined) ?? (typeof username === 'string' ? username : ''),
      returnTo: safeReturn(returnTo) ?? '',
      errors: kept?.errors ?? noErrors(),
    });
  }

  /** Signs in with the current password and sets the new one, through the same `SignInService` as every sign-in. */
  @Post('sign-in/new-password')
  async newPassword(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const username = text(body, 'username');
    const typed = (name: string): string | undefined => (typeof body[name] === 'string' && body[name] !== '' ? (body[name] as string) : undefined);
    const [password, newPassword, confirmPassword] = [typed('password'), typed('newPassword'), typed('confirmPassword')];
    const returnTo = safeReturn(text(body, 'returnTo'));
    const again = (status: number, errors: SignInErrors, retryAfterSeconds?: number): void =>
      this.refused.sendBack(request, response, '/sign-in/new-password', pageWith('/sign-in/new-password', returnTo), {
        form: username ? { username } : {},
        errors,
        status,
        retryAfterSeconds,
      });
    const fields: Record<string, { text: string }> = {};
    if (!username) fields.username = { text: 'Enter your username' };
    if (!password) fields.password = { text: 'Enter your current password' };
    if (!newPassword) fields.newPassword = { text: 'Enter a new password' };
    if (!confirmPassword) fields.confirmPassword = { text: 'Enter the new password again' };
    else if (newPassword && confirmPassword !== newPassword) fields.confirmPassword = { text: 'The new passwords do not match: type the same one twice' };
    if (Object.keys(fields).length > 0 || !username || !password || !newPassword) {
      return again(400, { summary: Object.entries(fields).map(([id, message]) => ({ text: message.text, href: `#${id}` })), fields });
    }
    try {
      await this.inProcess.input(LoginRequest, { username, password, newPassword });
    } catch (error) {
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      return again(refusal.statusCode, formErrorsFrom(refusal, newPasswordLabels));
    }
    const outcome = await this.signIn.signIn({ username, password, newPassword, address: request.ip });
    if (outcome.kind === 'signed-in') {
      flash(request, response, 'Your password has been changed');
      return this.signedIn(request, response, outcome, returnTo);
    }
    const refusal = refusalOf(outcome, 'The username or current password is not right');
    again(
      refusal.status,
      errorOn(outcome.kind === 'password-unchanged' ? 'newPassword' : outcome.kind === 'refused' ? 'password' : 'username', refusal.message),
      refusal.retryAfterSeconds,
    );
  }

  /**
   * The form refused on this page a moment ago in this browser, if any. Its page is drawn with the
   * refusal's status, and Retry-After when waiting helps, as the POST answered before it redirected.
   */
  private keptFor(request: WebRequest, response: Response, page: string): SignedOutForm | undefined {
    const kept = this.refused.take(request, response, page);
    if (kept?.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(kept.retryAfterSeconds));
    return kept;
  }

  private signedIn(request: WebRequest, response: Response, outcome: SignedIn, returnTo: string | undefined): void {
    startSession(request, response, outcome.token.accessToken, this.settings.tokenTtlSeconds);
    response.redirect(303, returnTo ?? homeOf(outcome.actor.role));
  }

  /**
   * "Stay signed in", before the session ends (the layout warns of it): the session lasts
   * `tokenTtlSeconds` more. The page's script asks for JSON and stays on the page; the form
   * without it comes back to the page it was sent from.
   */
  @Post('sign-in/renew')
  async renew(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const endsAt = await staySignedIn(this.sessions, this.settings, request, response);
    const returnTo = safeReturn(text(body, 'returnTo'));
    if (request.accepts(['html', 'json']) === 'json') {
      response.status(endsAt ? 200 : 401).json(endsAt ? { signedIn: true, ...sessionTimes(endsAt) } : { signedIn: false });
      return;
    }
    if (!endsAt || !request.webActor) return response.redirect(303, `/sign-in${returnTo ? `?${new URLSearchParams({ returnTo })}` : ''}`);
    flash(request, response, 'You are still signed in');
    response.redirect(303, returnTo ?? homeOf(request.webActor.role));
  }

  @Post('sign-out')
  async signOut(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await endSignedInSession(this.sessions, request, response);
    response.redirect(303, '/sign-in');
  }
}

type SignedIn = Extract<SignInOutcome, { kind: 'signed-in' }>;

const newPasswordLabels: FieldLabels = {
  username: { id: 'username', label: 'Username' },
  password: { id: 'password', label: 'Current password' },
  newPassword: { id: 'newPassword', label: 'New password' },
};

const errorOn = (field: string, message: string): SignInErrors => ({ summary: [{ text: message, href: `#${field}` }], fields: { [field]: { text: message } } });

/** Why a sign-in opened no session, in words for the page, with its status (and how long to wait, when waiting helps). */
const refusalOf = (outcome: Exclude<SignInOutcome, SignedIn>, wrong: string): { status: number; message: string; retryAfterSeconds?: number } => {
  switch (outcome.kind) {
    case 'refused':
      return { status: 401, message: wrong };
    case 'locked':
      return {
        status: 429,
        message: `This account is locked after too many wrong passwords. Try again in ${inWords(outcome.retryAfterSeconds)}, or ask your administrator.`,
        retryAfterSeconds: outcome.retryAfterSeconds,
      };
    case 'throttled':
      return {
        status: 429,
        message:
          outcome.scope === 'address'
            ? `There have been too many attempts to sign in from your network. Try again in ${inWords(outcome.retryAfterSeconds)}.`
            : `There have been too many attempts to sign in with this username. Try again in ${inWords(outcome.retryAfterSeconds)}, or ask your administrator.`,
        retryAfterSeconds: outcome.retryAfterSeconds,
      };
    case 'disabled':
      return { status: 403, message: 'This account has been disabled. Ask your administrator if you need it again.' };
    case 'password-change-required':
      return { status: 403, message: 'Your administrator reset your password: choose a new one to sign in.' };
    case 'password-unchanged':
      return { status: 422, message: 'Your new password must be different from your current one' };
  }
};

/** "1 minute", "14 minutes", "30 seconds": how long to wait, as a person would say it. */
const inWords = (seconds: number): string => {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};
