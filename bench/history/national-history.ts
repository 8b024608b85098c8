import { addDays, CalendarDate, daysBetween } from '@safer-cases/domain';
import { referCommunityCoaching } from './community-coaching.history';
import { referConditionalCaution } from './conditional-caution.history';
import { Courses } from './courses';
import { History } from './history';
import { referRestorativeJustice } from './restorative-justice.history';
import { VolunteerPool } from './volunteers';
import { Calendar, HistoryEvent, Random, World } from './world';

export type HistoryShape = { events: number; from: CalendarDate; to: CalendarDate; seed?: number };

export type GrownHistory = {
  events: number;
  cases: { 'restorative-justice': number; 'conditional-caution': number; 'community-coaching': number };
  revisions: [string, number][];
  refusals: Map<string, number>;
};

/** Measured on this generator: events recorded per case referred, volunteers and courses included. */
const eventsPerCase = 8.8;
const mix = { 'restorative-justice': 0.35, 'conditional-caution': 0.4, 'community-coaching': 0.25 } as const;
const referrals = { 'restorative-justice': referRestorativeJustice, 'conditional-caution': referConditionalCaution, 'community-coaching': referCommunityCoaching };
/** Referrals come mostly on weekdays. */
const weekdayShare = [0.5, 1.2, 1.2, 1.2, 1.2, 1.2, 0.5];
const chunkSize = 5000;

/**
 * Grows a partnership's history day by day, every command decided by the domain on the state
 * its stream has reached, about `shape.events` events in all; hands each chunk of events to
 * `write` (the next chunk is grown while the last is written).
 */
export const growHistory = async (shape: HistoryShape, write: (events: HistoryEvent[]) => Promise<void>): Promise<GrownHistory> => {
  const world = new World(new Random(shape.seed ?? 2014));
  const calendar = new Calendar();
  const days = daysBetween(shape.from, shape.to) + 1;
  const casesPerDay = shape.events / eventsPerCase / days;
  const history: History = {
    world,
    calendar,
    courses: new Courses(world, Math.max(1, Math.ceil(((casesPerDay * 7 * mix['conditional-caution']) / 16) * 1.3))),
    facilitators: new VolunteerPool(world, calendar, 'victim-support', Math.max(20, Math.ceil(casesPerDay * mix['restorative-justice'] * 6))),
    coaches: new VolunteerPool(world, calendar, 'home-start', Math.max(20, Math.ceil((casesPerDay * mix['community-coaching'] * 95) / 3))),
    completed: [],
  };
  const cases = { 'restorative-justice': 0, 'conditional-caution': 0, 'community-coaching': 0 };
  const programmes = Object.keys(mix) as (keyof typeof mix)[];
  history.facilitators.seed(shape.from);
  history.coaches.seed(shape.from);
  const firstMonday = addDays(shape.from, (8 - new Date(`${shape.from}T00:00:00Z`).getUTCDay()) % 7);
  for (let week = 0; week < 6; week++) history.courses.scheduleWeek(addDays(firstMonday, 7 * week), shape.from);

  let writing = Promise.resolve();
  for (let day = 0; day < days; day++) {
    const today = addDays(shape.from, day);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    if (today.endsWith('-01')) {
      history.facilitators.monthly(today);
      history.coaches.monthly(today);
    }
    if (weekday === 1) history.courses.scheduleWeek(addDays(today, 42), today);
    const expected = casesPerDay * weekdayShare[weekday];
    const count = Math.floor(expected) + (world.random.chance(expected % 1) ? 1 : 0);
    for (let n = 0; n < count; n++) {
      const programme = pickProgramme(world.random.next(), programmes);
      referrals[programme](history, today);
      cases[programme] += 1;
    }
    calendar.run(today);
    if (world.waiting >= chunkSize) {
      const chunk = world.take();
      await writing;
      writing = write(chunk);
    }
  }
  await writing;
  await write(world.take());
  return { events: world.recorded, cases, revisions: world.revisions(), refusals: world.refusals };
};

const pickProgramme = (draw: number, programmes: (keyof typeof mix)[]): keyof typeof mix => {
  let cumulative = 0;
  for (const programme of programmes) {
    cumulative += mix[programme];
    if (draw < cumulative) return programme;
  }
  return programmes[programmes.length - 1];
};
