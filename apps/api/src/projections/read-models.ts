import { Projection } from '@safer-cases/projections';
import { CaseFactsProjection } from '@safer-cases/projections/case-facts';
import { listProjections } from '@safer-cases/projections/list-projections';

/**
 * Every read model the runner keeps up to date, in the API, in the projector and in a rebuild.
 * A new read model is added here (its tables by a migration); its checkpoint starts at 0, so the
 * runner catches it up from the first event while the others carry on.
 */
export const readModels: readonly Projection[] = [new CaseFactsProjection(), ...listProjections()];
