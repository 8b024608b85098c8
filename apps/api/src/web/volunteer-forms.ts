import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { date, FieldLabels, FormBody, FormErrors, text } from './forms';
import { shortReference } from './short-reference';
import { submit } from './submit';
import { WebApi } from './web-api';
import { WebRequest } from './web-request';

/** What the charity calls its volunteers on these pages: Victim Support's volunteers, Home-Start's coaches. */
export type VolunteerNoun = 'volunteer' | 'coach';

/** The two things a coordinator records about a volunteer after recruiting them. */
export const volunteerSteps = {
  training: { apiPath: 'training', field: 'trainedOn', title: 'Record training', legend: () => 'Date trained', done: 'Training recorded' },
  departure: { apiPath: 'departure', field: 'leftOn', title: 'Record a departure', legend: (noun: VolunteerNoun) => `Date the ${noun} left`, done: 'Departure recorded' },
} as const;

export type VolunteerStep = keyof typeof volunteerSteps;

/** The step a page's address names, or a 404 page. */
export const volunteerStepOf = (value: string, noun: VolunteerNoun): VolunteerStep => {
  if (value === 'training' || value === 'departure') return value;
  throw new NotFoundException({ message: `There is no such page for a ${noun}`, code: 'not-found' });
};

export const recruitLabels: FieldLabels = {
  recruitedOn: { id: 'recruitedOn-day', label: 'Date recruited' },
  givenName: { id: 'givenName', label: 'Given name' },
  familyName: { id: 'familyName', label: 'Family name' },
};

type Redraw = (errors: FormErrors, status: number) => void | Promise<void>;

/** Recruits a volunteer of the signed-in coordinator's charity; the id was made when the form was drawn, so a second send records once. */
export const recruitVolunteer = (
  api: WebApi,
  request: WebRequest,
  response: Response,
  form: FormBody,
  page: { noun: VolunteerNoun; again: Redraw; next: string },
): Promise<void> => {
  const volunteerId = text(form, 'volunteerId');
  const name = [text(form, 'givenName'), text(form, 'familyName')].filter(Boolean).join(' ');
  const reference = volunteerId ? shortReference(volunteerId) : '';
  const noun = page.noun === 'coach' ? 'Coach' : 'Volunteer';
  return submit(request, response, {
    send: () =>
      api.send(
        request,
        'POST',
        '/api/volunteers',
        {
          volunteerId,
          organisation: request.webActor?.organisation,
          recruitedOn: date(form, 'recruitedOn'),
          givenName: text(form, 'givenName'),
          familyName: text(form, 'familyName'),
        },
        text(form, 'idempotencyKey'),
      ),
    labels: recruitLabels,
    again: page.again,
    done: name ? `${name} added as ${page.noun} ${reference}` : `${noun} ${reference} added`,
    next: page.next,
  });
};

/** Records a volunteer's training or departure from its own page. */
export const recordVolunteerStep = (
  api: WebApi,
  request: WebRequest,
  response: Response,
  volunteerId: string,
  step: VolunteerStep,
  form: FormBody,
  page: { noun: VolunteerNoun; again: Redraw; next: string },
): Promise<void> => {
  const { apiPath, field, legend, done } = volunteerSteps[step];
  return submit(request, response, {
    send: () => api.send(request, 'POST', `/api/volunteers/${volunteerId}/${apiPath}`, { [field]: date(form, field) }, text(form, 'idempotencyKey')),
    labels: { [field]: { id: `${field}-day`, label: legend(page.noun) } },
    again: page.again,
    done: `${done} for ${page.noun} ${shortReference(volunteerId)}`,
    next: page.next,
  });
};
