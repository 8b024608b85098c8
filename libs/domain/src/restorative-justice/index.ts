import { Decider } from '../shared/decider';
import { RestorativeJusticeCommand } from './restorative-justice.commands';
import { decide } from './restorative-justice.decide';
import { RestorativeJusticeEvent } from './restorative-justice.events';
import { RestorativeJusticeCase, evolve, initialState } from './restorative-justice.state';

export * from './restorative-justice.events';
export * from './restorative-justice.commands';
export * from './restorative-justice.errors';
export { checkFacilitators } from './restorative-justice.facilitators';
export * from './restorative-justice.steps';
export {
  hasHadPanel,
  isRestorativeJusticeCompleted,
  personIdOf as restorativeJusticePersonIdOf,
  type PanelledRestorativeJusticeCase,
  type ReferredRestorativeJusticeCase,
  type RestorativeJusticeCase,
  type RestorativeJusticeStatus,
} from './restorative-justice.state';

export const restorativeJusticeDecider: Decider<RestorativeJusticeCommand, RestorativeJusticeEvent, RestorativeJusticeCase> = {
  decide,
  evolve,
  initialState,
};
