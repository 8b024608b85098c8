/** The short reference staff say and type for a case, course or volunteer: the first eight characters of its id. */
export const shortReference = (id: string): string => id.slice(0, 8);
