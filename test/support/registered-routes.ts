import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { routeKeysOfController } from '../../apps/api/src/auth/route-key';
import { audienceOf } from '../../apps/api/src/auth/page-audience';

type ModuleRef = Type<unknown> | DynamicModule;

const isDynamic = (module: ModuleRef): module is DynamicModule => typeof module === 'object' && module !== null && 'module' in module;

const listed = (target: object, key: string): unknown[] => (Reflect.getMetadata(key, target) as unknown[] | undefined) ?? [];

/** Every controller the module and its imports declare, found from Nest's module metadata without starting anything. */
export const controllersOf = (root: ModuleRef): Type<unknown>[] => {
  const seen = new Set<unknown>();
  const controllers = new Set<Type<unknown>>();
  const visit = (module: ModuleRef): void => {
    if (seen.has(module)) return;
    seen.add(module);
    const type = isDynamic(module) ? module.module : module;
    const own = [...listed(type, MODULE_METADATA.CONTROLLERS), ...(isDynamic(module) ? (module.controllers ?? []) : [])];
    for (const controller of own) controllers.add(controller as Type<unknown>);
    const imports = [...listed(type, MODULE_METADATA.IMPORTS), ...(isDynamic(module) ? (module.imports ?? []) : [])];
    for (const imported of imports) if (imported && (typeof imported === 'function' || isDynamic(imported as ModuleRef))) visit(imported as ModuleRef);
  };
  visit(root);
  return [...controllers];
};

/** `METHOD /path` of every API route of the module, as the access policy names them (pages have their own guard). */
export const registeredRoutes = (root: ModuleRef): string[] =>
  controllersOf(root)
    .filter((controller) => audienceOf(controller) === undefined)
    .flatMap((controller) => routeKeysOfController(controller))
    .sort();
