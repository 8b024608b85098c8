import { BadRequestException, Injectable, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../auth/actor';
import { RouteKey } from '../auth/policy';
import { canonicalIds } from '../http/canonical-ids';
import { validationPipe } from '../http/validation';
import { afterProblem, positionPattern } from '../projections/after.query';
import { ReadYourWrites } from '../projections/read-your-writes';
import { Recorder } from '../shared/recorder';
import { authorize } from './authorize';
import { CommandTransaction } from './command-transaction';

/**
 * A command as a page sends it: who, the use case's policy key, the id of what it acts on (the
 * `:id` of the route), the form's idempotency key, and the input as the API would take it.
 */
export type PageCommand<Input> = { actor: Actor; key: RouteKey; on?: string; idempotencyKey?: string; request: Type<Input>; input: unknown };

/**
 * What stands between a page and the application services in place of HTTP: the same policy,
 * the same input pipes, the same one-transaction-per-command with its idempotency key, and the
 * same read-your-writes wait as the API's guard, pipes and interceptors give a JSON client. A
 * page's refusal is therefore the API's refusal, word for word.
 */
@Injectable()
export class InProcess {
  constructor(
    private readonly transaction: CommandTransaction,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Input as the API's pipes make it: UUIDs lower-cased, then validated into the request class (400 `invalid-request` naming the fields otherwise). */
  async input<Input>(request: Type<Input>, input: unknown, kind: 'body' | 'query' = 'body'): Promise<Input> {
    // As a JSON body would carry it: its own copy, with undefined fields left out.
    const copy: unknown = JSON.parse(JSON.stringify(input ?? {}));
    return (await validationPipe.transform(canonicalIds.transform(copy), { type: kind, metatype: request })) as Input;
  }

  /** Waits until the read models show the reader's own write at `after` (a page's `?after=`), as `after=` on the API does. */
  async caughtUp(after: string | undefined): Promise<void> {
    if (after === undefined) return;
    if (!positionPattern.test(after))
      throw new BadRequestException({ message: `Invalid request: ${afterProblem}`, code: 'invalid-request', details: [{ field: 'after', problems: [afterProblem] }] });
    await this.readYourWrites.assertCaughtUp(BigInt(after));
  }

  /**
   * Runs a page's command: allowed by the policy, input validated, then `execute` in one
   * transaction with the form's idempotency key, so a double-clicked button records once.
   */
  async command<Input, Output>(command: PageCommand<Input>, execute: (input: Input, recorder: Recorder) => Promise<Output>): Promise<Output> {
    authorize(command.actor, command.key);
    const input = await this.input(command.request, command.input);
    const recorder: Recorder = { recordedBy: command.actor.username, correlationId: randomUUID(), causationId: command.idempotencyKey, actor: command.actor };
    const idempotency =
      command.idempotencyKey === undefined
        ? undefined
        : { owner: command.actor.username, key: command.idempotencyKey, request: `${command.key} ${command.on ?? ''}`, body: command.input };
    const answer = await this.transaction.run(idempotency, 200, () => execute(input, recorder));
    return answer.body;
  }
}
