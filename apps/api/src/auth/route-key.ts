import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

const segments = (path: unknown): string | undefined => (typeof path === 'string' ? path : undefined);

/**
 * `METHOD /path/:param` of a controller method, from Nest's own route metadata: the key the
 * policy is written in. Undefined for a method that is no route, or one declared with several
 * paths (which the policy then cannot name, so it is refused).
 */
export const routeKeyOf = (controller: object, handler: object): string | undefined => {
  const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
  const base = segments(Reflect.getMetadata(PATH_METADATA, controller));
  const own = segments(Reflect.getMetadata(PATH_METADATA, handler));
  if (typeof method !== 'number' || base === undefined || own === undefined) return undefined;
  const path = `/${base}/${own}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return `${RequestMethod[method]} ${path}`;
};

/** The methods of a prototype and of those it inherits from, each name once (the nearest wins), as Nest finds routes. */
const methodsOf = (prototype: object): unknown[] => {
  const names = new Set<string>();
  for (let at: object | null = prototype; at !== null && at !== Object.prototype; at = Object.getPrototypeOf(at) as object | null) {
    for (const name of Object.getOwnPropertyNames(at)) if (name !== 'constructor') names.add(name);
  }
  return [...names].map((name) => (prototype as Record<string, unknown>)[name]);
};

/** Every route a controller class declares, its inherited routes included (the case pages' corrections: CaseCorrectionRoutes). */
export const routeKeysOfController = (controller: { prototype: object }): string[] =>
  methodsOf(controller.prototype)
    .filter((handler): handler is object => typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler))
    .map((handler) => routeKeyOf(controller, handler) ?? `unnameable route ${String((handler as { name?: string }).name)}`);
