import { caseDecider, CaseEvent, CaseReferred, strikeableRevisions } from '@safer-cases/domain';
import { corrections, referredCase } from '@safer-cases/domain/cases/case-corrections.fixtures';
import { Walk, walkFixtureCaseIds, walkHistory, walkReferrals, walksOf } from '@safer-cases/domain/testing/case-walks';
import { StoredEvent } from '@safer-cases/event-store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/*
 * Random case histories, each written by the rules themselves (the domain's case walks), made
 * into fresh cases the read models can hold.
 */

/* Mostly the programme's own steps, so that histories run deep; closing, reoffending, striking and reopening often enough to meet each other. */
const walks = walksOf([0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3]);

const historyOf = (referral: CaseReferred, walk: Walk): CaseEvent[] => {
  const { events, today } = walkHistory(referral, walk);
  // Ended, when it can be, by a strike, so that every history puts one right.
  const last = strikeableRevisions(referredCase(events));
  if (last.length === 0) return events;
  const pick = walk.reduce((sum, { pick: each }) => sum + each, 0) % last.length;
  return [...events, ...caseDecider.decide(corrections(referral.data.caseId, today).strikeOut(last[pick]), referredCase(events))];
};

/** Every id the fixtures' histories hold that a table keeps as a uuid, and the probes' stand-ins. */
const standIns = ['any-course-with-places', 'any-trained-coach'];

/** The history as one fresh case's: its own case id, and the courses and coach it uses given as uuids. */
const asCase = (events: readonly CaseEvent[], ids: { caseId: string; courseId: string; coachId: string }): CaseEvent[] => {
  let text = JSON.stringify(events);
  for (const fixture of walkFixtureCaseIds) text = text.split(fixture).join(ids.caseId);
  text = text.split(standIns[0]).join(ids.courseId).split(standIns[1]).join(ids.coachId);
  return JSON.parse(text) as CaseEvent[];
};

export type CaseWalk = { caseId: string; events: CaseEvent[] };

/** One to four cases of any programme, each a fresh case with a history the rules allow, ended by a strike where one can be. */
export const caseWalks = (ids: { courseId: string; coachId: string }): fc.Arbitrary<CaseWalk[]> =>
  fc.array(
    fc.tuple(fc.constantFrom(...walkReferrals), walks).map(([referral, walk]) => {
      const caseId = randomUUID();
      return { caseId, events: asCase(historyOf(referral, walk), { caseId, ...ids }) };
    }),
    { minLength: 1, maxLength: 4 },
  );

/**
 * The cases' events in one global order, as the store would hand them over: each case's in its
 * own order, the cases interleaved as `shuffle` picks, after `before` (a course, say), with
 * increasing positions (with gaps) and per-stream revisions.
 */
export const globalOrder = (
  cases: readonly CaseWalk[],
  shuffle: readonly number[],
  before: readonly { streamId: string; type: string; data: Record<string, unknown> }[] = [],
): StoredEvent[] => {
  const queues = cases.map(({ caseId, events }) =>
    events.map((event) => ({ streamId: `case-${caseId}`, ...event }) as { streamId: string; type: string; data: Record<string, unknown> }),
  );
  const order = [...before];
  for (let turn = 0; queues.some((queue) => queue.length > 0); turn += 1) {
    const waiting = queues.filter((queue) => queue.length > 0);
    order.push(waiting[(shuffle[turn % Math.max(shuffle.length, 1)] ?? 0) % waiting.length].shift() as (typeof order)[number]);
  }
  const revisions = new Map<string, number>();
  return order.map(({ streamId, type, data }, index) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    return {
      id: randomUUID(),
      streamId,
      revision,
      position: BigInt(100 + index * 3),
      type,
      data,
      metadata: { recordedAt: new Date(Date.UTC(2016, 0, 1, 9, 0, index)).toISOString(), recordedBy: 'tester' },
      schemaVersion: 1,
    };
  });
};

/**
 * The same global order as if every struck entry had never been recorded: the struck events and
 * the strikes themselves left out, every other event where it was, at its own position. What a
 * strike does to a read model is judged against this. For histories the rules wrote, where each
 * strike struck the entry it names.
 */
export const neverRecorded = (events: readonly StoredEvent[]): StoredEvent[] => {
  const struck = new Set(events.filter((event) => event.type === 'EntryStruckOut').map((event) => `${event.streamId}@${String(event.data.revision)}`));
  const kept = events.filter((event) => event.type !== 'EntryStruckOut' && !struck.has(`${event.streamId}@${event.revision}`));
  const revisions = new Map<string, number>();
  return kept.map((event) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    return { ...event, revision };
  });
};
