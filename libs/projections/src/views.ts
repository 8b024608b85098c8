type NullableKeys<T> = { [K in keyof T]: null extends T[K] ? K : never }[keyof T];

/** A row's nullable fields become optional and are left out when null: a list item shows only the steps taken. */
export type WithoutNulls<T> = Omit<T, NullableKeys<T>> & { [K in NullableKeys<T>]?: Exclude<T[K], null> };

export const withoutNulls = <T extends object>(value: T): WithoutNulls<T> => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as WithoutNulls<T>;

/** PostgreSQL's JSON rendering of a timestamptz, as the ISO instant the rest of the API writes. */
export const isoInstant = (timestamp: string): string => new Date(timestamp).toISOString();
