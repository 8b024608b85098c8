import { parseArgs } from 'node:util';

export type FailuresCommand = { kind: 'list' } | { kind: 'retry'; projection: string } | { kind: 'skip'; projection: string; position: bigint; by: string; reason: string };

export const usage = `Read models stopped at an event they cannot apply, and what to do about one.

  npm run projections:failures
      lists the stopped read models, the event each is stopped at, and the events skipped so far
  npm run projections:retry -- <read model>
      after a fix, tries the event again; the read model carries on from its checkpoint
  npm run projections:skip -- <read model> <position> --by <your name> --reason <why>
      leaves that event out of that read model for good (and out of every rebuild); recorded

Works on DATABASE_URL while the app runs, or on the embedded PostgreSQL under DATA_DIR with the
app stopped. A running app or projector notices a retry or a skip within a second.`;

/** The command line as a command, or an error saying in plain words what is wrong. */
export const failuresCommandOf = (args: string[], readModels: readonly string[]): FailuresCommand => {
  const { values, positionals } = parseArgs({ args, options: { by: { type: 'string' }, reason: { type: 'string' } }, allowPositionals: true, strict: true });
  const [action, projection, position, ...rest] = positionals;
  const known = (name: string | undefined): string => {
    if (name === undefined) throw new Error(`Name the read model: one of ${readModels.join(', ')}`);
    if (!readModels.includes(name)) throw new Error(`There is no read model called ${name}; the read models are ${readModels.join(', ')}`);
    return name;
  };
  const extra = action === 'list' ? [projection, position, ...rest] : action === 'retry' ? [position, ...rest] : rest;
  if (extra.some((each) => each !== undefined)) throw new Error(`Unexpected ${extra.filter((each) => each !== undefined).join(' ')}`);
  if (action === 'list') return { kind: 'list' };
  if (action === 'retry') return { kind: 'retry', projection: known(projection) };
  if (action !== 'skip') throw new Error('Say list, retry or skip');
  const name = known(projection);
  if (position === undefined || !/^\d{1,19}$/.test(position) || BigInt(position) === 0n)
    throw new Error('Give the position of the event to skip, as projections:failures shows it: digits only');
  const by = values.by?.trim() ?? '';
  const reason = values.reason?.trim() ?? '';
  if (by === '' || reason === '') throw new Error('Say who decided (--by) and why (--reason): both are recorded with the skip');
  return { kind: 'skip', projection: name, position: BigInt(position), by, reason };
};
