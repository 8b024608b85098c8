import { Projection } from '@safer-cases/projections';
import { readModels } from './read-models';

export type ProjectionsOptions = {
  /** Whether this process runs the projection runner; false when the projector runs it apart. */
  run: boolean;
  projections: readonly Projection[];
  /** How long a GET with `after` waits for the read models. */
  readYourWritesTimeoutMs: number;
};

export const PROJECTIONS_OPTIONS = Symbol('projections options');

/** `RUN_PROJECTIONS=false` leaves the read models to a projector process; anything else but `true` is refused. */
export const projectionsOptionsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): ProjectionsOptions => {
  const run = env.RUN_PROJECTIONS ?? 'true';
  if (run !== 'true' && run !== 'false') throw new Error(`RUN_PROJECTIONS must be "true" or "false", not "${run}"`);
  return { run: run === 'true', projections: readModels, readYourWritesTimeoutMs: 5000 };
};
