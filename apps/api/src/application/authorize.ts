import { ForbiddenException } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { RouteKey, ruleOf } from '../auth/policy';

/**
 * The route half of the policy, for a signed-in actor: the API's access guard and the pages'
 * services both ask it, with the use case's route key, so a page may do exactly what the same
 * user may do through the API. A use case the policy does not name is refused to everyone.
 */
export const authorize = (actor: Actor, key: RouteKey): void => {
  const rule = ruleOf(key);
  if (!rule) throw new ForbiddenException({ message: `${key} is not open to any role`, code: 'forbidden' });
  if (rule.public) return;
  if (!rule.roles.includes(actor.role))
    throw new ForbiddenException({ message: `A ${actor.role} may not do this (${key}); it is for ${rule.roles.join(', ')}`, code: 'forbidden' });
};
