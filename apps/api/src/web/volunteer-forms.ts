import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { date, FieldLabels, FormBody, FormErrors, text } from './forms';
import { shortReference } from './short-reference';
import { InProcess } from '../application/in-process';
import { CommandResult } from '../shared/command-result';
import { VolunteerCommands } from '../volunteers/volunteer-commands';
import { RecruitVolunteerRequest, TrainVolunteerRequest, VolunteerDepartureRequest } from '../volunteers/volunteers.controller';
import { sendCommand, submit } from './submit';
import { WebRequest } from './web-request';

/** What a volunteer page sends its forms through. */
export type VolunteerPages = { inProcess: InProcess; volunteers: VolunteerCommands };

/** What the charity calls its volunteers on these pages: Victim Support's volunteers, Home-Start's coaches. */
export type VolunteerNoun = 'volunteer' | 'coach';

/** The two things a coordinator records about a volunteer after recruiting them. */
export const volunteerSteps = {
  training: { field: 'trainedOn', title: 'Record training', legend: () => 'Date trained', done: 'Training recorded' },
  departure: { field: 'leftOn', title: 'Record a departure', legend: (noun: VolunteerNoun) => `Date the ${noun} left`, done: 'Departure recorded' },
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
  pages: VolunteerPages,
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
    send: () => {
      const input = {
        volunteerId,
        organisation: request.webActor?.organisation,
        recruitedOn: date(form, 'recruitedOn'),
        givenName: text(form, 'givenName'),
        familyName: text(form, 'familyName'),
      };
      return sendCommand(pages.inProcess, request, form, { key: 'POST /api/volunteers', request: RecruitVolunteerRequest, input }, (valid, recorder) =>
        pages.volunteers.recruit(recorder, valid),
      );
    },
    labels: recruitLabels,
    again: page.again,
    done: name ? `${name} added as ${page.noun} ${reference}` : `${noun} ${reference} added`,
    next: page.next,
  });
};

/** Records a volunteer's training or departure from its own page. */
export const recordVolunteerStep = (
  pages: VolunteerPages,
  request: WebRequest,
  response: Response,
  volunteerId: string,
  step: VolunteerStep,
  form: FormBody,
  page: { noun: VolunteerNoun; again: Redraw; next: string },
): Promise<void> => {
  const { field, legend, done } = volunteerSteps[step];
  const input = { [field]: date(form, field) };
  const send = (): Promise<CommandResult> =>
    step === 'training'
      ? sendCommand(pages.inProcess, request, form, { key: 'POST /api/volunteers/:id/training', on: volunteerId, request: TrainVolunteerRequest, input }, (valid, recorder) =>
          pages.volunteers.train(recorder, volunteerId, valid),
        )
      : sendCommand(pages.inProcess, request, form, { key: 'POST /api/volunteers/:id/departure', on: volunteerId, request: VolunteerDepartureRequest, input }, (valid, recorder) =>
          pages.volunteers.depart(recorder, volunteerId, valid),
        );
  return submit(request, response, {
    send,
    labels: { [field]: { id: `${field}-day`, label: legend(page.noun) } },
    again: page.again,
    done: `${done} for ${page.noun} ${shortReference(volunteerId)}`,
    next: page.next,
  });
};
