import { Decider } from '../shared/decider';
import { ConditionalCautionCommand } from './conditional-caution.commands';
import { decideConditionalCaution } from './conditional-caution.decide';
import { ConditionalCautionEvent } from './conditional-caution.events';
import { ConditionalCautionCase, evolveConditionalCaution, initialConditionalCautionState } from './conditional-caution.state';

export * from './conditional-caution.events';
export * from './conditional-caution.commands';
export * from './conditional-caution.errors';
export * from './conditional-caution.state';
export * from './conditional-caution.decide';
export * from './conditional-caution.steps';

export const conditionalCautionDecider: Decider<ConditionalCautionCommand, ConditionalCautionEvent, ConditionalCautionCase> = {
  decide: decideConditionalCaution,
  evolve: evolveConditionalCaution,
  initialState: initialConditionalCautionState,
};
