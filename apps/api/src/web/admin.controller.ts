import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InProcess } from '../application/in-process';
import { organisationsOfRole, Role, roles } from '../auth/actor';
import { CreateUserRequest } from '../auth/auth.requests';
import { UsersService } from '../auth/users.service';
import { FieldLabels, FormBody, FormErrors, newIdempotencyKey, text } from './forms';
import { actorOf, submit } from './submit';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

/** What each role does, in the words of the people who hold it. */
export const roleDescriptions: Record<Role, string> = {
  referrer: 'Referrer: police, probation or council staff who refer cases and record reoffences',
  'rj-coordinator': 'Restorative justice coordinator (Victim Support)',
  'caution-officer': 'Conditional caution officer (WDP)',
  'coaching-coordinator': 'Community coaching coordinator (Home-Start)',
  commissioner: 'Commissioner: sees the targets, no personal data',
  admin: 'Administrator: users, erasure, subject access, audit',
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

/** Administrators' page: giving a colleague a sign-in (POST /api/users). */
@WebPages('admin', ['admin'])
export class AdminPagesController {
  constructor(
    private readonly inProcess: InProcess,
    private readonly users: UsersService,
  ) {}

  @Get()
  home(@Res() response: Response): void {
    this.draw(response, 200, { summary: [], fields: {} }, {});
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
          (valid) => this.users.create(valid),
        ),
      labels,
      again: (errors, status) => this.draw(response, status, errors, form),
      done: `${username ?? 'The user'} can now sign in`,
      next: '/admin',
    });
  }

  private draw(response: Response, status: number, errors: FormErrors, form: FormBody): void {
    response.status(status).render('admin', {
      errors,
      form: { username: text(form, 'username'), role: text(form, 'role'), organisation: text(form, 'organisation') },
      idempotencyKey: newIdempotencyKey(),
      roles: roles.map((role) => ({ value: role, text: roleDescriptions[role], organisations: organisationsOfRole[role] })),
      organisations: Object.entries(organisationNames).map(([value, name]) => ({ value, text: name })),
    });
  }
}
