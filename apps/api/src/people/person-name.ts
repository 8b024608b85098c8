import { erasedMarker, PersonDisplay } from './personal-data.store';

/** How case lists and case titles name a person: given and family name, `[erased]` once erased; undefined when no name is held. */
export const personName = (person: Pick<PersonDisplay, 'givenName' | 'familyName' | 'erased'> | null | undefined): string | undefined => {
  if (!person) return undefined;
  if (person.erased) return erasedMarker;
  return [person.givenName, person.familyName].filter((part) => part).join(' ') || undefined;
};

/** A case page's title: "<name> — <reference>", or "<fallback> <reference>" when no name is held. */
export const caseTitle = (person: Pick<PersonDisplay, 'givenName' | 'familyName' | 'erased'> | null | undefined, reference: string, fallback = 'Case'): string => {
  const name = personName(person);
  return name ? `${name} — ${reference}` : `${fallback} ${reference}`;
};
