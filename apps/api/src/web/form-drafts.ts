import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NextFunction, Response } from 'express';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { routeKeysOfController } from '../auth/route-key';
import { audienceOf } from '../auth/page-audience';
import { toErrorBody } from '../http/domain-error.filter';
import { MasterKey } from '../people/master-key';
import { open, seal, SealedDataUnreadable } from '../people/sealed-box';
import { Database } from '../shared/database';
import { FormBody, FormErrors } from './forms';
import { flash, lapsedActorOf } from './session';
import { WebRequest } from './web-request';

/**
 * What a form's page draws it again with: what was typed and, when it was refused, why. A form
 * sent after its session ended (`signed-out`) has no errors: it was never judged; nor has one
 * sent on to the page that asks before it acts (`to-confirm`, corrections.ts).
 */
export type FormDraft = { form: FormBody; errors: FormErrors; reason: 'refused' | 'signed-out' | 'to-confirm' };

const noErrors = (): FormErrors => ({ summary: [], fields: {} });

/** How long a draft waits for its page, in minutes: long enough to sign in again, short enough that few are ever left. */
export const draftLifetimeMinutes = 30;

/** The draft's id in the page's address (`?draft=`): the only thing of it that leaves the server. */
export const draftParameter = 'draft';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fields never kept: the form's CSRF token (its page draws a fresh one) and any password, which no table may hold even sealed. */
const unkept = (name: string): boolean => name === '_csrf' || /password/i.test(name);

/**
 * The forms kept between a POST and the GET that draws them again (post/redirect/get), in the
 * `form_drafts` table. What was typed may name people and their dates of birth, so it never goes
 * into a cookie or an address: it is sealed (AES-256-GCM, sealed-box.ts) under a key derived from
 * the master key, with the draft's id, user and page as context, so a sealed draft copied onto
 * another row, user or page does not open. A draft is for one user and one page, read once
 * (deleted as it is read) and dead after `draftLifetimeMinutes`; times are the database's.
 */
export class FormDrafts {
  readonly #key: Buffer;

  constructor(
    private readonly database: Database,
    masterKey: MasterKey,
    private readonly lifetimeSeconds = draftLifetimeMinutes * 60,
  ) {
    this.#key = masterKey.derive('form drafts');
  }

  /**
   * Keeps a draft for `userId` to find on `page` (a path); answers its id. Drafts already dead are
   * cleared away at the same time. `id` is given only to keep a draft just taken once more.
   */
  async keep(userId: string, page: string, draft: FormDraft, id: string = randomUUID()): Promise<string> {
    const kept: FormDraft = { ...draft, form: Object.fromEntries(Object.entries(draft.form).filter(([name]) => !unkept(name))) };
    const sealed = seal(this.#key, Buffer.from(JSON.stringify(kept), 'utf8'), contextOf(id, userId, page));
    await this.database.pool.query(
      `with over as (delete from form_drafts where expires_at <= now())
       insert into form_drafts (id, user_id, page, sealed, expires_at) values ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [id, userId, page, sealed, this.lifetimeSeconds],
    );
    return id;
  }

  /** The draft of that id if it is `userId`'s, for `page` and still alive; it is deleted as it is read, so a reload draws the page afresh. */
  async take(id: string, userId: string, page: string): Promise<FormDraft | undefined> {
    if (!uuid.test(id)) return undefined;
    const { rows } = await this.database.pool.query<{ sealed: Buffer; alive: boolean }>(
      `delete from form_drafts where id = $1 and user_id = $2 and page = $3 returning sealed, expires_at > now() as alive`,
      [id, userId, page],
    );
    const row = rows[0];
    if (!row?.alive) return undefined;
    try {
      return JSON.parse(open(this.#key, row.sealed, contextOf(id, userId, page)).toString('utf8')) as FormDraft;
    } catch (error) {
      // Sealed under another master key (one since replaced): a draft lost, nothing worse.
      if (error instanceof SealedDataUnreadable) return undefined;
      throw error;
    }
  }
}

const contextOf = (id: string, userId: string, page: string): string => `form draft ${id} of ${userId} for ${page}`;

/**
 * The page a form is drawn on, from the address it posts to: that address itself when it is a
 * page, otherwise the nearest page above it (`POST /restorative-justice/cases/:id/accept` is
 * drawn on `/restorative-justice/cases/:id`, `POST /admin/users/:id/disable` on `/admin`). Only
 * pages that need a signed-in user count; undefined when there is none.
 */
export type PageOf = (path: string) => string | undefined;

/** `PageOf` over these `GET /path/:param` route keys. */
export const pageOfRoutes = (routes: readonly string[]): PageOf => {
  const patterns = routes
    .filter((route) => route.startsWith('GET /'))
    .map((route) => {
      const segments = route.slice('GET '.length).split('/').slice(1);
      const pattern = segments.map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      return new RegExp(`^/${pattern}$`);
    });
  const isPage = (path: string): boolean => patterns.some((pattern) => pattern.test(path));
  return (path) => {
    for (let candidate = path.replace(/(.)\/+$/, '$1'); ; candidate = candidate.slice(0, candidate.lastIndexOf('/')) || '/') {
      if (isPage(candidate)) return candidate;
      if (candidate === '/') return undefined;
    }
  };
};

/** `PageOf` over every signed-in page of the app, read from Nest's routes on first use (when every module is known). */
export const pageOfApp = (app: INestApplication): PageOf => {
  let pageOf: PageOf | undefined;
  return (path) => {
    pageOf ??= pageOfRoutes(
      [...app.get(ModulesContainer).values()]
        .flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as { prototype: object } | null))
        .filter((controller): controller is { prototype: object } => controller !== null && isSignedInPages(controller))
        .flatMap(routeKeysOfController),
    );
    return pageOf(path);
  };
};

const isSignedInPages = (controller: object): boolean => {
  const audience = audienceOf(controller);
  return audience !== undefined && audience !== 'public';
};

type Desk = { drafts: FormDrafts; pageOf: PageOf; response: Response; taken?: FormDraft; takenId?: string };

const desks = new WeakMap<WebRequest, Desk>();

/**
 * The draft the page's address names (`?draft=`), when it is the signed-in user's and for this
 * page: what each page's GET draws its form with, instead of an empty one. Read (and so deleted)
 * before the page's handler runs, once. A form kept when its session ended is drawn with a
 * banner saying it was not sent.
 */
export const draftOf = (request: WebRequest): FormDraft | undefined => {
  const desk = desks.get(request);
  if (desk?.taken?.reason === 'signed-out')
    desk.response.locals.draftNotice = 'You were signed out before this form was sent, so nothing was recorded. Check what you typed, then send it again.';
  return desk?.taken;
};

/** What a form's page draws it with on a GET: as it was left (`draftOf`), or empty. */
export const formAsLeft = (request: WebRequest): { errors: FormErrors; form: FormBody } => draftOf(request) ?? { errors: noErrors(), form: {} };

/**
 * Keeps the draft this page was drawn from for one more read, under the same address: for a page
 * that asks before it acts (corrections.ts), which a reload or the back button should draw as it
 * was, not empty. It still dies `draftLifetimeMinutes` after this.
 */
export const keepDrawnDraft = async (request: WebRequest): Promise<void> => {
  const desk = desks.get(request);
  const actor = request.webActor;
  if (!desk?.taken || !desk.takenId || !actor) return;
  await desk.drafts.keep(actor.userId, request.path, { form: desk.taken.form, errors: noErrors(), reason: 'to-confirm' }, desk.takenId);
};

/**
 * Post, redirect, get for a form that is drawn again (refused, with its errors): the form and
 * its errors are kept as a draft for the signed-in user, and the browser is sent (303) to the
 * form's page, which draws them (`draftOf`). A reload of that page is then a GET, and the back
 * button never offers to send the form again. `drawn` may name the form's page, when the nearest
 * page above its address (`PageOf`) is not; the form to draw, when it is not the one sent; the
 * read-model position the page must show (`?after=`); and a confirmation for it. False, having
 * sent nothing, when there is no page to send the browser to (or no drafts, in an app set up
 * without the pages' middleware).
 */
export const redrawOnGet = (
  request: WebRequest,
  response: Response,
  errors: FormErrors,
  drawn: { page?: string; form?: FormBody; after?: string; flash?: string } = {},
): Promise<boolean> => sendOnToPage(request, response, { form: drawn.form ?? formOf(request), errors, reason: 'refused' }, drawn);

/**
 * Post, redirect, get for a form that goes on to a page of its own: `draft` is kept for the
 * signed-in user and the browser sent (303) to `drawn.page` (by default the nearest page at or
 * above the form's address), which draws it (`draftOf`). False, having sent nothing, as for `redrawOnGet`.
 */
export const sendOnToPage = async (request: WebRequest, response: Response, draft: FormDraft, drawn: { page?: string; after?: string; flash?: string } = {}): Promise<boolean> => {
  const desk = desks.get(request);
  const actor = request.webActor;
  const address = drawn.page ?? desk?.pageOf(request.path);
  if (!desk || !actor || !address) return false;
  const id = await desk.drafts.keep(actor.userId, address, draft);
  if (drawn.flash) flash(request, response, drawn.flash);
  response.redirect(303, withDraft(address === request.path ? pageAddress(request) : address, id, drawn.after));
  return true;
};

/** Where a page is, its draft (or a stale one) left out: for going back to it. */
export const pageAddress = (request: WebRequest): string => {
  const url = new URL(request.originalUrl, 'http://page');
  url.searchParams.delete(draftParameter);
  return `${url.pathname}${url.search}`;
};

/** A page's address naming a draft (and the read-model position to wait for, when given). */
const withDraft = (address: string, id: string, after?: string): string => {
  const url = new URL(address, 'http://page');
  if (after) url.searchParams.set('after', after);
  url.searchParams.set(draftParameter, id);
  return `${url.pathname}${url.search}`;
};

const formOf = (request: WebRequest): FormBody => {
  const body: unknown = request.body;
  return typeof body === 'object' && body !== null ? (body as FormBody) : {};
};

/**
 * The pages' half of drafts, after the session and CSRF checks: a page's GET whose address names
 * a draft of its user takes it (for `draftOf`), and a form sent just after its session ended, by
 * the user the session was (its token genuine, its CSRF token theirs), is kept as a draft for
 * them; they are sent to sign in again, and from there back to the form as they left it.
 */
export const formDraftsMiddleware =
  (drafts: FormDrafts, pageOf: PageOf) =>
  (request: WebRequest, response: Response, next: NextFunction): void => {
    const desk: Desk = { drafts, pageOf, response };
    desks.set(request, desk);
    handle(desk, request, response).then(
      (answered) => (answered ? undefined : next()),
      (error: unknown) => (toErrorBody(error).statusCode === 503 ? unavailable(response) : next(error)),
    );
  };

const handle = async (desk: Desk, request: WebRequest, response: Response): Promise<boolean> => {
  const actor = request.webActor;
  const id = request.query[draftParameter];
  if (request.method === 'GET' && actor && typeof id === 'string') {
    desk.taken = await desk.drafts.take(id, actor.userId, request.path);
    if (desk.taken) desk.takenId = id;
    return false;
  }
  const lapsed = request.method === 'POST' && !actor ? lapsedActorOf(request) : undefined;
  const page = lapsed && desk.pageOf(request.path);
  if (!lapsed || !page) return false;
  const kept = await desk.drafts.keep(lapsed.userId, page, { form: formOf(request), errors: noErrors(), reason: 'signed-out' });
  response.redirect(303, `/sign-in?${new URLSearchParams({ returnTo: withDraft(page === request.path ? pageAddress(request) : page, kept) })}`);
  return true;
};

/** Whether a sign-in's return address is a form kept for after signing in again (the sign-in page then says so). */
export const returnsToDraft = (returnTo: string | undefined): boolean => returnTo !== undefined && new URL(returnTo, 'http://page').searchParams.has(draftParameter);

const unavailable = (response: Response): void => {
  response.setHeader('Retry-After', '5');
  response.status(503).render('error', {
    title: 'Sorry, the service is unavailable',
    message: 'The service is briefly unavailable. Nothing was recorded. Try again in a few seconds.',
  });
};

/** A form refused before anyone signed in, as its page draws it again: what was typed (never a password), why, and with what status. */
export type SignedOutForm = { form: FormBody; errors: FormErrors; status: number; retryAfterSeconds?: number };

/** How long a refused sign-in waits for its page, in seconds: the redirect follows at once, so a minute is ample. */
const signedOutFormSeconds = 60;

const signedOutFormCookie = 'sc_signed_out_form';

/**
 * Post, redirect, get for the forms sent before anyone is signed in (sign-in, a new password).
 * They are kept in a short-lived signed cookie, not in `form_drafts`: a draft there belongs to a
 * user, and a visitor is nobody yet; and a row keyed to a random id in a cookie would let anyone
 * write to the database by sending wrong passwords, which a cookie costs the server nothing to
 * refuse. Only what the visitor typed themselves, less any password (`unkept`), goes back to the
 * browser that typed it, with the message and status: the username names an account, not a case.
 * The cookie is HttpOnly, sent to the sign-in pages only, signed (HMAC-SHA256 under a key derived
 * from JWT_SECRET) so that no one can plant a message on the page, bound to its page, read once
 * and dead after a minute; nothing about the refusal goes into the address.
 */
export class SignedOutForms {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = createHmac('sha256', secret).update('signed-out forms').digest();
  }

  /** Keeps the refused form for `page` (a path under /sign-in) and sends the browser (303) to `address`, that page's GET. */
  sendBack(request: WebRequest, response: Response, page: string, address: string, kept: SignedOutForm): void {
    const form = Object.fromEntries(Object.entries(kept.form).filter(([name, value]) => !unkept(name) && typeof value === 'string' && value.length <= 200));
    const payload = Buffer.from(JSON.stringify({ page, until: Date.now() + signedOutFormSeconds * 1000, kept: { ...kept, form } }), 'utf8').toString('base64url');
    response.cookie(signedOutFormCookie, `${payload}.${this.#mac(payload)}`, { ...signedOutCookieOptions(request), maxAge: signedOutFormSeconds * 1000 });
    response.redirect(303, address);
  }

  /** The form refused on `page`, when this browser's cookie holds one still alive and genuine; the cookie is dropped as it is read. */
  take(request: WebRequest, response: Response, page: string): SignedOutForm | undefined {
    const value = (request.cookies as Record<string, string | undefined> | undefined)?.[signedOutFormCookie];
    if (value === undefined) return undefined;
    response.clearCookie(signedOutFormCookie, signedOutCookieOptions(request));
    const [payload, mac, ...rest] = value.split('.');
    if (!payload || !mac || rest.length > 0) return undefined;
    const [expected, given] = [Buffer.from(this.#mac(payload)), Buffer.from(mac)];
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const read = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { page: string; until: number; kept: SignedOutForm };
    return read.page === page && read.until > Date.now() ? read.kept : undefined;
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}

const signedOutCookieOptions = (request: WebRequest) => ({ httpOnly: true, sameSite: 'lax' as const, secure: request.secure, path: '/sign-in' });
