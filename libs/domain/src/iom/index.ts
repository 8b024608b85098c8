import { Decider } from '../shared/decider';
import { IomCommand } from './iom.commands';
import { decideIom } from './iom.decide';
import { IomEvent } from './iom.events';
import { evolveIom, IomCase, initialIomState } from './iom.state';

export * from './iom.events';
export * from './iom.commands';
export * from './iom.errors';
export * from './iom.state';
export * from './iom.decide';
export * from './iom.steps';
export * from './iom-measures';

export const iomDecider: Decider<IomCommand, IomEvent, IomCase> = {
  decide: decideIom,
  evolve: evolveIom,
  initialState: initialIomState,
};
