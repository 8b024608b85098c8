import { Role } from './actor';

export const WEB_PAGES = 'safer-cases:web-pages';

/** Who may open a controller's pages: `'any'` signed-in user, `'public'` anyone, or a list of roles. */
export type PageAudience = 'public' | 'any' | readonly Role[];

/** The audience of a pages controller, or undefined for an API controller. */
export const audienceOf = (controller: object): PageAudience | undefined => Reflect.getMetadata(WEB_PAGES, controller) as PageAudience | undefined;
