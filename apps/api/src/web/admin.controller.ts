import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { authorize } from '../application/authorize';
import { InProcess } from '../application/in-process';
import { AuditLog } from '../audit/audit-log';
import { AuditQuery, defaultAuditPageSize } from '../audit/audit.query';
import { organisationsOfRole, Role, roles } from '../auth/actor';
import { AccountActionRequest, CreateUserRequest } from '../auth/auth.requests';
import { RouteKey } from '../auth/policy';
import { UserAccount, UserAccounts } from '../auth/user-accounts';
import { UsersService } from '../auth/users.service';
import { Recorder } from '../shared/recorder';
import { auditWords, londonDateTime } from './audit-words';
import { formAsLeft, redrawOnGet } from './form-drafts';
import { FieldLabels, FormBody, FormErrors, formErrorsFrom, formRefusalOf, newIdempotencyKey, text } from './forms';
import { shortReference } from './short-reference';
import { actorOf, sendCommand, submit } from './submit';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

/** What each role does, in the words of the people who hold it. */
export const roleDescriptions: Record<Role, string> = {
  referrer: 'Referrer: police, probation or council staff who refer cases and record reoffences',
  'rj-coordinator': 'Restorative justice coordinator (Victim Support)',
  'caution-officer': 'Conditional caution officer (WDP)',
  'coaching-coordinator': 'Community coaching coordinator (Home-Start)',
  'iom-officer': 'IOM officer: police or probation offender manager in the Integrated Offender Management team',
  commissioner: 'Commissioner: sees the targets, no personal data',
  admin: 'Administrator: users, erasure, subject access, audit',
};

const roleNames: Record<Role, string> = {
  referrer: 'Referrer',
  'rj-coordinator': 'Restorative justice coordinator',
  'caution-officer': 'Conditional caution officer',
  'coaching-coordinator': 'Community coaching coordinator',
  'iom-officer': 'IOM officer',
  commissioner: 'Commissioner',
  admin: 'Administrator',
};

const organisationNames: Record<string, string> = {
  police: 'Metropolitan Police',
  probation: 'Probation Service',
  council: 'Barnet Council',
  'victim-support': 'Victim Support',
  wdp: 'WDP',
  'home-start': 'Home-Start',
};

const labels: FieldLabels = {
  username: { id: 'username', label: 'Username' },
  password: { id: 'password', label: 'Password' },
  role: { id: 'role', label: 'Role' },
  organisation: { id: 'organisation', label: 'Organisation' },
};

const uuid = new ParseUUIDPipe();

type AccountAction = 'unlock' | 'disable' | 'enable';

/** Each button of an account but the password reset: its use case, what it runs, and what the next page says. */
const accountActions: Record<
  AccountAction,
  { key: RouteKey; run: (accounts: UserAccounts, recorder: Recorder, userId: string) => Promise<UserAccount>; done: (username: string) => string }
> = {
  unlock: { key: 'POST /api/users/:id/unlock', run: (accounts, recorder, userId) => accounts.unlock(recorder, userId), done: (username) => `${username} is unlocked` },
  disable: {
    key: 'POST /api/users/:id/disable',
    run: (accounts, recorder, userId) => accounts.disable(recorder, userId),
    done: (username) => `${username} is disabled and signed out everywhere`,
  },
  enable: { key: 'POST /api/users/:id/enable', run: (accounts, recorder, userId) => accounts.enable(recorder, userId), done: (username) => `${username} can sign in again` },
};

/** An account's state in words, each with the colour of its GOV.UK tag. */
const statusOf = (account: UserAccount): { text: string; classes: string }[] => {
  const status: { text: string; classes: string }[] = [];
  if (account.disabled) status.push({ text: 'Disabled', classes: 'govuk-tag--grey' });
  if (account.locked && account.lockedUntil) status.push({ text: `Locked until ${londonDateTime(account.lockedUntil)}`, classes: 'govuk-tag--red' });
  if (account.mustChangePassword) status.push({ text: 'Must choose a new password', classes: 'govuk-tag--yellow' });
  return status.length > 0 ? status : [{ text: 'Active', classes: 'govuk-tag--green' }];
};

/**
 * Administrators' pages: the users with their state and the buttons to unlock, reset, disable or
 * enable each, giving a colleague a sign-in, and the audit log. Each calls the same services as
 * the API (`UsersService`, `UserAccounts`, under the same policy).
 */
@WebPages('admin', ['admin'])
export class AdminPagesController {
  constructor(
    private readonly inProcess: InProcess,
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { errors, form } = formAsLeft(request);
    await this.draw(request, response, 200, errors, form);
  }

  @Post('users')
  async createUser(@Req() request: WebRequest, @Res() response: Response, @Body() form: FormBody): Promise<void> {
    const username = text(form, 'username');
    await submit(request, response, {
      // Without an idempotency key, as the API takes POST /api/users: a key would keep a fingerprint
      // of the body, password and all, so the form's key is not passed on and nothing of it is stored.
      send: () =>
        this.inProcess.command(
          {
            actor: actorOf(request),
            key: 'POST /api/users',
            request: CreateUserRequest,
            input: { username, password: typeof form.password === 'string' ? form.password : undefined, role: text(form, 'role'), organisation: text(form, 'organisation') },
          },
          (valid, recorder) => this.users.create(valid, recorder),
        ),
      labels,
      again: (errors, status) => this.draw(request, response, status, errors, form),
      done: `${username ?? 'The user'} can now sign in`,
      next: '/admin',
    });
  }

  @Post('users/:id/unlock')
  unlock(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) userId: string, @Body() form: FormBody): Promise<void> {
    return this.accountAction(request, response, userId, form, 'unlock');
  }

  @Post('users/:id/disable')
  disable(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) userId: string, @Body() form: FormBody): Promise<void> {
    return this.accountAction(request, response, userId, form, 'disable');
  }

  @Post('users/:id/enable')
  enable(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) userId: string, @Body() form: FormBody): Promise<void> {
    return this.accountAction(request, response, userId, form, 'enable');
  }

  /**
   * The temporary password, on the answer to the form itself rather than after a redirect, so it
   * is in no address, cookie or stored answer: the form's idempotency key is not passed on, as a
   * kept answer would keep the password. Sending the form again makes a new password, and only
   * the latest works.
   */
  @Post('users/:id/password-reset')
  async resetPassword(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) userId: string): Promise<void> {
    try {
      const reset = await this.inProcess.command(
        { actor: actorOf(request), key: 'POST /api/users/:id/password-reset', on: userId, request: AccountActionRequest, input: {} },
        (_, recorder) => this.accounts.resetPassword(recorder, userId),
      );
      response.setHeader('Cache-Control', 'no-store');
      response.render('admin/temporary-password', reset);
    } catch (error) {
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      const errors = formErrorsFrom(refusal, labels);
      if (!(await redrawOnGet(request, response, errors))) await this.draw(request, response, refusal.statusCode, errors, {});
    }
  }

  /**
   * Who did what, newest first, a page at a time: the same entries as GET /api/audit, all of
   * them, or those about one person (`?personId=`, the link on their page under People). The
   * person is named by their reference only, so that reading their log reads none of their data.
   */
  @Get('audit')
  async auditLog(@Req() request: WebRequest, @Res() response: Response, @Query('cursor') cursor?: string, @Query('personId') personId?: string): Promise<void> {
    authorize(actorOf(request), 'GET /api/audit');
    const query = await this.inProcess.input(AuditQuery, { cursor, personId }, 'query');
    const page = await this.audit.page({ personId: query.personId }, defaultAuditPageSize, query.cursor);
    const address = (next?: string): string => {
      const parameters = new URLSearchParams();
      if (query.personId) parameters.set('personId', query.personId);
      if (next) parameters.set('cursor', next);
      const search = parameters.toString();
      return search ? `/admin/audit?${search}` : '/admin/audit';
    };
    response.render('admin/audit', {
      person: query.personId ? { reference: shortReference(query.personId), href: `/admin/people/${query.personId}` } : undefined,
      entries: page.items.map((entry) => ({
        at: londonDateTime(entry.at),
        username: entry.username,
        what: auditWords(entry),
        caseReference: entry.caseId ? shortReference(entry.caseId) : undefined,
        personReference: entry.personId ? shortReference(entry.personId) : undefined,
      })),
      newer: query.cursor === undefined ? undefined : address(),
      older: page.nextCursor === null ? undefined : address(page.nextCursor),
    });
  }

  private async accountAction(request: WebRequest, response: Response, userId: string, form: FormBody, action: AccountAction): Promise<void> {
    const actor = actorOf(request);
    const { username } = await this.accounts.get(actor, userId);
    const { key, run, done } = accountActions[action];
    await submit(request, response, {
      send: () => sendCommand(this.inProcess, request, form, { key, on: userId, request: AccountActionRequest, input: {} }, (_, recorder) => run(this.accounts, recorder, userId)),
      labels,
      again: (errors, status) => this.draw(request, response, status, errors, {}),
      done: done(username),
      next: '/admin',
    });
  }

  private async draw(request: WebRequest, response: Response, status: number, errors: FormErrors, form: FormBody): Promise<void> {
    const actor = actorOf(request);
    const { items } = await this.accounts.list(actor);
    response.status(status).render('admin', {
      errors,
      users: items.map((account) => {
        const own = account.userId === actor.userId;
        const buttons: { action: string; text: string; classes?: string }[] = [
          ...(account.locked ? [{ action: 'unlock', text: 'Unlock' }] : []),
          ...(own ? [] : [{ action: 'password-reset', text: 'Reset password' }]),
          ...(account.disabled ? [{ action: 'enable', text: 'Enable' }] : own ? [] : [{ action: 'disable', text: 'Disable', classes: 'govuk-button--warning' }]),
        ];
        return {
          userId: account.userId,
          username: account.username,
          role: roleNames[account.role],
          organisation: organisationNames[account.organisation] ?? account.organisation,
          status: statusOf(account),
          lastSignIn: account.lastSignInAt ? londonDateTime(account.lastSignInAt) : 'Never',
          own,
          // No key on the password reset's form: its answer is the password, which no kept answer may hold.
          buttons: buttons.map((button) => ({ ...button, idempotencyKey: button.action === 'password-reset' ? undefined : newIdempotencyKey() })),
        };
      }),
      form: { username: text(form, 'username'), role: text(form, 'role'), organisation: text(form, 'organisation') },
      idempotencyKey: newIdempotencyKey(),
      roles: roles.map((role) => ({ value: role, text: roleDescriptions[role], organisations: organisationsOfRole[role] })),
      organisations: Object.entries(organisationNames).map(([value, name]) => ({ value, text: name })),
    });
  }
}
