import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { authorize } from '../application/authorize';
import { InProcess } from '../application/in-process';
import { auditActorOf } from '../audit/audit-actor';
import { ErasePerson } from '../people/erase-person';
import { ExportPerson } from '../people/export-person';
import {
  findPeopleKey,
  FoundPerson,
  HeldAboutPerson,
  NothingHeldAboutPerson,
  PeopleFinder,
  PeopleSearchQuery,
  peoplePerSearch,
  PersonErasureRequest,
} from '../people/people-finder';
import { PersonNotFound } from '../people/people.errors';
import { PersonDisplay } from '../people/personal-data.store';
import { londonDateTime } from './audit-words';
import { formAsLeft } from './form-drafts';
import { FieldLabels, FormBody, FormErrors, formErrorsFrom, formRefusalOf, newIdempotencyKey } from './forms';
import { shortReference } from './short-reference';
import { actorOf, sendCommand, submit } from './submit';
import { formatDate, humanise } from './view-filters';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';

const searchLabels: FieldLabels = { q: { id: 'q', label: 'Name, date of birth or case reference' } };

/** The erasure form has no fields: a refusal (a form sent twice with other answers, say) is said above its button. */
const erasureLabels: FieldLabels = {};

const kindWords: Record<string, string> = { subject: 'Subject of a case', victim: 'Victim', volunteer: 'Volunteer' };

const roleWords: Record<string, string> = { subject: 'Subject', victim: 'Victim' };

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

/** A person's id from the address, lower-cased as the API's pipes make it; anything but a UUID is a person nothing is held about (404). */
const personIdOf = (typed: string): string => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(typed)) throw new NothingHeldAboutPerson();
  return typed.toLowerCase();
};

/** The person's name as a page shows it; erased or not held, said so. */
const nameOf = (personId: string, display: PersonDisplay | null): string => {
  if (display?.erased) return `Erased person ${shortReference(personId)}`;
  const name = [display?.givenName, display?.familyName].filter((part) => part !== undefined && part !== '').join(' ');
  return name || 'No name held';
};

const casesOf = (person: FoundPerson) =>
  person.cases.map(({ caseId, programme, role }) => ({ reference: shortReference(caseId), programme: humanise(programme), role: roleWords[role] ?? humanise(role) }));

/** What a person's page and its erasure page show of them. */
const personView = (person: HeldAboutPerson) => ({
  personId: person.personId,
  reference: shortReference(person.personId),
  name: nameOf(person.personId, person.display),
  erased: person.erasure !== null && !person.dataHeld,
  erasedAt: person.erasure ? londonDateTime(person.erasure.erasedAt) : undefined,
  erasedBy: person.erasure?.erasedBy,
  kind: person.kind ? kindWords[person.kind] : 'Not known',
  dateOfBirth: (person.dataHeld && formatDate(person.display?.dateOfBirth)) || 'Not held',
  contact: (person.dataHeld && person.display?.contact) || 'Not held',
  cases: casesOf(person),
  volunteer: person.volunteer,
});

/**
 * Administrators' pages for a person's data: find them by name, date of birth or case
 * reference; see what is held; download everything held (a subject access request); erase them;
 * and read the audit log about them. Each calls the same services as `/api/people/...`, under the
 * same policy (the administrators only), and every name shown is a read in the audit log.
 */
@WebPages('admin/people', ['admin'])
export class AdminPeoplePagesController {
  constructor(
    private readonly inProcess: InProcess,
    private readonly finder: PeopleFinder,
    private readonly subjectAccess: ExportPerson,
    private readonly erasure: ErasePerson,
  ) {}

  @Get()
  async search(@Req() request: WebRequest, @Res() response: Response, @Query('q') q?: unknown): Promise<void> {
    const actor = actorOf(request);
    const typed = typeof q === 'string' ? q : undefined;
    let query: PeopleSearchQuery;
    try {
      query = await this.inProcess.input(PeopleSearchQuery, { q: typed?.trim() || undefined }, 'query');
    } catch (error) {
      const refusal = formRefusalOf(error);
      if (!refusal) throw error;
      response.status(refusal.statusCode).render('admin/people', { q: typed, errors: formErrorsFrom(refusal, searchLabels) });
      return;
    }
    if (query.q === undefined) {
      response.render('admin/people', { q: typed, errors: noErrors() });
      return;
    }
    const found = await this.finder.find(actor, auditActorOf(actor), query.q);
    response.render('admin/people', {
      q: query.q,
      errors: noErrors(),
      searched: true,
      more: found.more,
      perSearch: peoplePerSearch,
      people: found.people.map((person) => ({
        href: `/admin/people/${person.personId}`,
        name: nameOf(person.personId, person.display),
        dateOfBirth: person.display && !person.display.erased ? formatDate(person.display.dateOfBirth) || 'Not held' : '',
        kind: person.kind ? kindWords[person.kind] : 'Not known',
        cases: casesOf(person),
      })),
    });
  }

  @Get(':personId')
  async person(@Req() request: WebRequest, @Res() response: Response, @Param('personId') personId: string): Promise<void> {
    const actor = actorOf(request);
    const person = await this.finder.held(actor, auditActorOf(actor), personIdOf(personId));
    response.render('admin/person', { person: personView(person) });
  }

  /** The subject access export, as `GET /api/people/:id/export` answers it, as a file to download (and recorded as an export in the audit log). */
  @Get(':personId/export')
  async download(@Req() request: WebRequest, @Res() response: Response, @Param('personId') personId: string): Promise<void> {
    const actor = actorOf(request);
    const id = personIdOf(personId);
    authorize(actor, findPeopleKey);
    const held = await this.known(() => this.subjectAccess.execute(id, auditActorOf(actor)));
    const day = held.generatedAt.slice(0, 10);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="subject-access-${shortReference(held.personId)}-${day}.json"`);
    response.send(JSON.stringify(held, null, 2));
  }

  /** The confirmation before an erasure: whom it erases, what it does and what it cannot undo. */
  @Get(':personId/erasure')
  async confirmErasure(@Req() request: WebRequest, @Res() response: Response, @Param('personId') personId: string): Promise<void> {
    const actor = actorOf(request);
    const { errors } = formAsLeft(request);
    const person = await this.finder.held(actor, auditActorOf(actor), personIdOf(personId));
    response.render('admin/erase-person', { person: personView(person), errors, idempotencyKey: newIdempotencyKey() });
  }

  /** Post, redirect, get: the erasure, then the person's page saying it is done (or that it was already). */
  @Post(':personId/erasure')
  async erase(@Req() request: WebRequest, @Res() response: Response, @Param('personId') personId: string, @Body() form: FormBody): Promise<void> {
    const actor = actorOf(request);
    const id = personIdOf(personId);
    const { dataHeld, erasure: before } = await this.finder.erasureState(actor, id);
    await submit(request, response, {
      send: () =>
        this.known(() =>
          sendCommand(this.inProcess, request, form, { key: 'POST /api/people/:id/erasure', on: id, request: PersonErasureRequest, input: {} }, () =>
            this.erasure.execute(id, auditActorOf(actor)),
          ),
        ),
      labels: erasureLabels,
      page: `/admin/people/${id}/erasure`,
      done:
        before && !dataHeld
          ? `This person was already erased on ${londonDateTime(before.erasedAt)}. Nothing more was held about them.`
          : 'This person’s personal details are erased. Their cases and the figures stay, with no name.',
      next: `/admin/people/${id}`,
    });
  }

  /** The services' own 404 for a person nothing is held about, in the administrators' words (its API words speak to a referrer). */
  private async known<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof PersonNotFound) throw new NothingHeldAboutPerson();
      throw error;
    }
  }
}
