import type { Request, Response } from 'express';
import { Actor } from '../auth/actor';

/** A page request once the session middleware has read the session cookie. */
export type WebRequest = Request & {
  /** The signed-in user, when the session cookie holds a valid token. */
  webActor?: Actor;
};

export type WebResponse = Response;
