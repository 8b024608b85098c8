import { PipeTransform } from '@nestjs/common';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in any case, as we store and compare it: lower case. Anything else is given back as it is. */
export const canonicalId = (value: string): string => (uuidShape.test(value) ? value.toLowerCase() : value);

/**
 * Ids are UUIDs, which a client may write in either case: at the edge every UUID-shaped string of
 * a request's path, query and body becomes lower case, so that `CASE-ID` and `case-id` are one
 * case everywhere behind it (streams, read models, personal data, policy). Walks without
 * recursion, so a deeply nested body cannot exhaust the stack here (it is refused later).
 */
export class CanonicalIdsPipe implements PipeTransform {
  transform(value: unknown): unknown {
    if (typeof value === 'string') return canonicalId(value);
    if (typeof value !== 'object' || value === null) return value;
    const pending: object[] = [value];
    const seen = new Set<object>();
    for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
      if (seen.has(container)) continue;
      seen.add(container);
      const record = container as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        if (typeof item === 'string') record[key] = canonicalId(item);
        else if (typeof item === 'object' && item !== null) pending.push(item);
      }
    }
    return value;
  }
}

export const canonicalIds = new CanonicalIdsPipe();
