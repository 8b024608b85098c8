import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../auth/actor';
import { WebErrorFilter } from './web-error.filter';
import { WebGuard } from './web.guard';

export const WEB_PAGES = 'safer-cases:web-pages';

/** Who may open a controller's pages: `'any'` signed-in user, `'public'` anyone, or a list of roles. */
export type PageAudience = 'public' | 'any' | readonly Role[];

/**
 * A controller of pages, not of the API: signed in by the session cookie (not a bearer token),
 * open to the roles given, with errors drawn as GOV.UK pages. What a page may read or change is
 * still decided by the API it calls with the user's own token, so the access policy stays in
 * one place (auth/policy.ts).
 */
export const WebPages = (path: string, audience: PageAudience) =>
  applyDecorators(Controller(path), SetMetadata(WEB_PAGES, audience), UseGuards(WebGuard), UseFilters(WebErrorFilter), ApiExcludeController());

/** The audience of a pages controller, or undefined for an API controller. */
export const audienceOf = (controller: object): PageAudience | undefined => Reflect.getMetadata(WEB_PAGES, controller) as PageAudience | undefined;
