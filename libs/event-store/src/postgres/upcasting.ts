import { Upcaster } from '../event-store.port';

export type Upcast = (type: string, schemaVersion: number, data: Record<string, unknown>) => { schemaVersion: number; data: Record<string, unknown> };

/**
 * Chains upcasters by schema version: an event stored at version 1 goes through the 1 -> 2
 * upcaster, then 2 -> 3, and so on until none is registered for its type and version.
 */
export const upcasterChain = (upcasters: Upcaster[]): Upcast => {
  const byStep = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = step(upcaster.type, upcaster.fromVersion);
    if (byStep.has(key)) throw new Error(`Two upcasters for ${upcaster.type} from version ${upcaster.fromVersion}`);
    byStep.set(key, upcaster);
  }
  return (type, schemaVersion, data) => {
    let current = { schemaVersion, data };
    for (let next = byStep.get(step(type, schemaVersion)); next; next = byStep.get(step(type, current.schemaVersion))) {
      current = { schemaVersion: current.schemaVersion + 1, data: next.upcast(current.data) };
    }
    return current;
  };
};

const step = (type: string, fromVersion: number): string => `${type}@${fromVersion}`;
