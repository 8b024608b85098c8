import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageAudience, WEB_PAGES } from '../auth/page-audience';
import { WebErrorFilter } from './web-error.filter';
import { WebGuard } from './web.guard';

/**
 * A controller of pages, not of the API: signed in by the session cookie (not a bearer token),
 * open to the roles given, with errors drawn as GOV.UK pages. What a page may read or change is
 * decided by the application services it calls in process, for the signed-in user, by the same
 * policy as the API's (auth/policy.ts, through application/authorize.ts).
 */
export const WebPages = (path: string, audience: PageAudience) =>
  applyDecorators(Controller(path), SetMetadata(WEB_PAGES, audience), UseGuards(WebGuard), UseFilters(WebErrorFilter), ApiExcludeController());
