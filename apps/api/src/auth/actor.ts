import { Organisation, organisations } from '@safer-cases/domain';
import type { Request } from 'express';

export const roles = ['admin', 'referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'iom-officer', 'commissioner'] as const;
export type Role = (typeof roles)[number];

/**
 * The organisations a user of each role can belong to. Commissioners sit in the council's
 * Community Safety team (MOPAC has no organisation of its own here); administrators too.
 */
export const organisationsOfRole: Record<Role, readonly Organisation[]> = {
  admin: ['council'],
  referrer: ['police', 'probation', 'council'],
  'rj-coordinator': ['victim-support'],
  'caution-officer': ['wdp'],
  'coaching-coordinator': ['home-start'],
  /** The IOM team is co-located: its offender managers come from the police and from probation. */
  'iom-officer': ['police', 'probation'],
  commissioner: ['council'],
};

export const isRole = (value: unknown): value is Role => roles.some((role) => role === value);
export const isOrganisation = (value: unknown): value is Organisation => organisations.some((organisation) => organisation === value);

/** The signed-in user a request acts for, as its access token says. */
export type Actor = { userId: string; username: string; role: Role; organisation: Organisation };

/** The request once the access guard has let it through a route that needs a token. */
export type SignedInRequest = Request & { user?: Actor };
