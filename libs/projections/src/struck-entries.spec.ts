import { CaseEvent } from '@safer-cases/domain';
import { corrections } from '@safer-cases/domain/cases/case-corrections.fixtures';
import * as rj from '@safer-cases/domain/restorative-justice/restorative-justice.fixtures';
import { StoredEvent } from '@safer-cases/event-store';
import { StreamReader } from './projection';
import { resolveStrikes, StrikeNotInItsStream } from './struck-entries';
import { streamsOf } from './testing/streams';

const { struckOut, reopened } = corrections(rj.caseId, rj.today);
const reoffence: CaseEvent = { type: 'ReoffenceRecorded', data: { caseId: rj.caseId, offenceDate: rj.on.upheld } };

/** The case's events as its stream holds them, at revisions 0, 1, 2… and positions 10, 20, 30… */
const streamOf = (events: readonly CaseEvent[], streamId = `case-${rj.caseId}`): StoredEvent[] =>
  events.map(({ type, data }, revision) => ({
    id: `${streamId}/${revision}`,
    streamId,
    revision,
    position: BigInt((revision + 1) * 10),
    type,
    data,
    metadata: { recordedAt: '2015-07-01T09:00:00.000Z', recordedBy: 'tester' },
    schemaVersion: 1,
  }));

const revisionsOf = (events: readonly StoredEvent[] = []) => events.map((event) => event.revision);

describe('a strike, resolved against its case’s stream', () => {
  it('names the event it struck, and what stands once it has: the strike among them, nothing after it', async () => {
    const stream = streamOf([rj.referred, rj.accepted, rj.panelHeld, struckOut(2), rj.panelHeld]);
    const resolved = (await resolveStrikes([stream[3]], streamsOf(stream), new Set())).get(stream[3].id);
    expect({ struck: resolved?.struck?.revision, standing: revisionsOf(resolved?.standing) }).toEqual({ struck: 2, standing: [0, 1, 3] });
  });

  it('keeps earlier strikes struck, and takes facts in any order', async () => {
    const stream = streamOf([rj.referred, reoffence, reoffence, struckOut(1), struckOut(2), reoffence]);
    const resolved = await resolveStrikes(stream.slice(3, 5), streamsOf(stream), new Set());
    expect([...resolved.values()].map(({ struck, standing }) => ({ struck: struck?.revision, standing: revisionsOf(standing) }))).toEqual([
      { struck: 1, standing: [0, 2, 3] },
      { struck: 2, standing: [0, 3, 4] },
    ]);
  });

  it.each([
    ['the referral', [rj.referred, struckOut(0)], [0, 1]],
    ['an entry struck already', [rj.referred, reoffence, struckOut(1), struckOut(1)], [0, 2, 3]],
    ['a revision the case does not hold', [rj.referred, struckOut(7)], [0, 1]],
    ['a reopening', [rj.referred, rj.closed, reopened(rj.on.closed), struckOut(2)], [0, 1, 2, 3]],
  ])('strikes nothing when it names %s, the rules having no such strike', async (_, events, standing) => {
    const stream = streamOf(events);
    const strike = stream[stream.length - 1];
    const resolved = (await resolveStrikes([strike], streamsOf(stream), new Set())).get(strike.id);
    expect({ struck: resolved?.struck, standing: revisionsOf(resolved?.standing) }).toEqual({ struck: undefined, standing });
  });

  it('leaves out the events an operator chose to skip', async () => {
    const stream = streamOf([rj.referred, reoffence, reoffence, struckOut(1)]);
    const resolved = (await resolveStrikes([stream[3]], streamsOf(stream), new Set([stream[2].position]))).get(stream[3].id);
    expect(revisionsOf(resolved?.standing)).toEqual([0, 3]);
  });

  it('reads each case’s stream once for a batch, and no stream for a batch without strikes', async () => {
    const one = streamOf([rj.referred, reoffence, reoffence, struckOut(1), struckOut(2)]);
    const other = streamOf([rj.referred, reoffence, struckOut(1)], 'case-other');
    const read: string[] = [];
    const counting: StreamReader = { readStream: async (streamId) => (read.push(streamId), streamsOf([...one, ...other]).readStream(streamId)) };
    await resolveStrikes([...one, ...other], counting, new Set());
    await resolveStrikes(one.slice(0, 3), counting, new Set());
    expect(read).toEqual([`case-${rj.caseId}`, 'case-other']);
  });

  it.each([
    ['the strike', (stream: StoredEvent[]) => stream.slice(0, 2)],
    ['an event before it', (stream: StoredEvent[]) => [stream[0], stream[2]]],
    ['its first events', (stream: StoredEvent[]) => stream.slice(1)],
  ])('refuses a stream that does not hold %s, rather than put a read model wrong', async (_, readBack) => {
    const stream = streamOf([rj.referred, reoffence, struckOut(1)]);
    await expect(resolveStrikes([stream[2]], streamsOf(readBack(stream)), new Set())).rejects.toBeInstanceOf(StrikeNotInItsStream);
  });
});
