import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { TransactionScope } from '@safer-cases/event-store';
import { createHash } from 'node:crypto';
import { Database } from '../shared/database';
import { IdempotencyStore } from '../http/idempotency.store';

/** A command's idempotency: the caller's own key, and a fingerprint of what was asked with it. */
export type Idempotency = { owner: string; key: string; request: string; body: unknown };

/** What a command answered: its body, its status, and whether it is the stored answer of an earlier try. */
export type CommandAnswer<T> = { body: T; status: number; replayed: boolean };

/**
 * One command, one transaction: its events, the personal data it names and, with an
 * idempotency key, the key and its first answer commit together, and the answer is given only
 * after the commit. A retry of a committed command replays the stored answer and writes nothing
 * more; a refused or failed command rolls everything back, its key included, so a retry may run.
 * The API's interceptor and the pages' forms both run their commands through here.
 */
@Injectable()
export class CommandTransaction {
  constructor(
    private readonly keys: IdempotencyStore,
    private readonly database: Database,
  ) {}

  run<T>(idempotency: Idempotency | undefined, status: number, work: () => Promise<T>): Promise<CommandAnswer<T>> {
    return TransactionScope.run(this.database.pool, async (scope) => {
      if (idempotency === undefined) return { body: await work(), status, replayed: false };
      // Keys are the caller's own: one user can neither replay nor block another's answer.
      const ownKey = `${idempotency.owner} ${idempotency.key}`;
      const fingerprint = createHash('sha256')
        .update(`${idempotency.request}\n${JSON.stringify(idempotency.body ?? null)}`)
        .digest('hex');
      const claim = await this.keys.claim(await scope.transaction(), ownKey, fingerprint);
      switch (claim.kind) {
        case 'replay':
          return { body: claim.body as T, status: claim.status, replayed: true };
        case 'in-progress':
          throw new ConflictException({ message: 'A request with this Idempotency-Key is still being processed; try again in a moment', code: 'idempotency-key-in-use' });
        case 'mismatch':
          throw new UnprocessableEntityException({ message: 'This Idempotency-Key was used for a different request; use a new key', code: 'idempotency-key-reused' });
        case 'claimed': {
          const body = await work();
          await this.keys.complete(await scope.transaction(), ownKey, status, body);
          return { body, status, replayed: false };
        }
      }
    });
  }
}
