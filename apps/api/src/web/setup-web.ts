import { isApiPath } from '../http/api-paths';
import { INestApplication } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import express, { NextFunction, Request, Response } from 'express';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { AccessTokens } from '../auth/access-tokens';
import { AuthSettings } from '../auth/auth.settings';
import { Sessions } from '../auth/sessions';
import { MasterKey } from '../people/master-key';
import { Database } from '../shared/database';
import { formDraftsMiddleware, FormDrafts, pageAddress, pageOfApp } from './form-drafts';
import { navigationFor } from './navigation';
import { lapsedActorOf, sessionMiddleware } from './session';
import { addFilters } from './view-filters';
import { webPaths } from './web-paths';
import { WebRequest } from './web-request';

/** Paths that are the API's, not pages: bearer tokens there, no cookies, no CSRF, JSON errors. */

/** A fresh nonce per response, for the one inline script of the GOV.UK page template. */
export const cspNonce = (_request: Request, response: Response, next: NextFunction): void => {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
};

/**
 * The pages' half of the HTTP app: Nunjucks with the GOV.UK Design System's templates, its
 * styles, scripts, fonts and images, form bodies, the session cookie, CSRF protection on every
 * form (a signed double-submit token tied to the signed-in user), and the forms kept for their
 * pages to draw again (form-drafts.ts: post/redirect/get). Also `trust proxy`
 * (TRUST_PROXY), which decides whether a request came over HTTPS (Secure cookies) and from
 * which address (the sign-in limits, for the API's login too).
 */
export const setUpWeb = (app: INestApplication): void => {
  const auth = signInOf(app);
  if (!auth) return;
  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  expressApp.set('trust proxy', auth.settings.trustProxy);
  const environment = nunjucks.configure([webPaths.views, webPaths.govukFrontend], { autoescape: true, express: expressApp, throwOnUndefined: false });
  addFilters(environment);
  expressApp.set('view engine', 'njk');

  const cached = { maxAge: '1h' };
  const file = (path: string) => (_request: Request, response: Response) => response.sendFile(path, cached);
  app.use('/assets', express.static(join(webPaths.govukFrontend, 'govuk', 'assets'), { ...cached, index: false }));
  expressApp.get('/stylesheets/govuk-frontend.min.css', file(join(webPaths.govukFrontend, 'govuk', 'govuk-frontend.min.css')));
  expressApp.get('/javascripts/govuk-frontend.min.js', file(join(webPaths.govukFrontend, 'govuk', 'govuk-frontend.min.js')));
  expressApp.get('/stylesheets/safer-cases.css', file(join(webPaths.public, 'safer-cases.css')));
  expressApp.get('/javascripts/app.mjs', file(join(webPaths.public, 'app.mjs')));

  const { settings, sessions, tokens } = auth;
  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  app.use(cookieParser());
  app.use(onPages(sessionMiddleware(sessions, tokens, settings)));
  app.use(onPages(pageLocals));

  const csrf = { https: csrfProtection(settings, true), http: csrfProtection(settings, false) };
  app.use(
    onPages((request: Request, response: Response, next: NextFunction) => {
      const { doubleCsrfProtection, generateCsrfToken } = request.secure ? csrf.https : csrf.http;
      doubleCsrfProtection(request, response, (error?: unknown) => {
        if (error) {
          response.status(403).render('error', {
            title: 'This form has expired',
            message: 'The page was open too long, or you signed in again elsewhere. Go back, reload the page and send the form again. Nothing was recorded.',
          });
          return;
        }
        response.locals.csrfToken = generateCsrfToken(request, response);
        next();
      });
    }),
  );
  const drafts = formDraftsOf(app);
  if (drafts) app.use(onPages(formDraftsMiddleware(drafts, pageOfApp(app))));
};

/**
 * The double-submit CSRF cookie, Secure over HTTPS. There it is also `__Host-`, which browsers
 * take only from this very host, Secure and for the whole site, so no neighbouring subdomain can
 * plant one; over plain HTTP (a laptop on localhost) browsers would refuse that name, so it has none.
 */
const csrfProtection = (settings: AuthSettings, https: boolean) =>
  doubleCsrf({
    getSecret: () => createHmac('sha256', settings.jwtSecret).update('csrf').digest('hex'),
    // A form sent just after its session ended is checked as its user's (their token says who), so that it can be kept for them (form-drafts.ts).
    getSessionIdentifier: (request) =>
      (request as WebRequest).webActor?.userId ?? (request.method === 'POST' ? lapsedActorOf(request as WebRequest)?.userId : undefined) ?? 'signed-out',
    cookieName: https ? '__Host-sc_csrf' : 'sc_csrf',
    cookieOptions: { sameSite: 'strict', secure: https, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (request) => {
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });

/** The sign-in the pages use; an app built without the auth module (some tests) serves the API alone. */
const signInOf = (app: INestApplication): { settings: AuthSettings; sessions: Sessions; tokens: AccessTokens } | undefined => {
  try {
    return { settings: app.get(AuthSettings), sessions: app.get(Sessions), tokens: app.get(AccessTokens) };
  } catch {
    return undefined;
  }
};

/** The form drafts, sealed under a key of the master key; none in an app built without personal data (its forms are drawn on the POST). */
const formDraftsOf = (app: INestApplication): FormDrafts | undefined => {
  let found: { database: Database; masterKey: MasterKey };
  try {
    found = { database: app.get(Database), masterKey: app.get(MasterKey) };
  } catch {
    return undefined;
  }
  return new FormDrafts(found.database, found.masterKey);
};

const onPages =
  (middleware: (request: Request, response: Response, next: NextFunction) => void) =>
  (request: Request, response: Response, next: NextFunction): void =>
    isApiPath(request.path) ? next() : middleware(request, response, next);

/** What every page template can use: the navigation of the user's role, the current path, and the page's address to come back to ("Stay signed in"). */
const pageLocals = (request: Request, response: Response, next: NextFunction): void => {
  const actor = (request as WebRequest).webActor;
  response.locals.currentPath = request.path;
  if (request.method === 'GET') response.locals.pageAddress = pageAddress(request);
  response.locals.navigation = actor ? navigationFor(actor.role, request.path) : [];
  response.setHeader('Cache-Control', 'no-store');
  next();
};
