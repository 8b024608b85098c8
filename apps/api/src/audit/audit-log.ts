import { Injectable } from '@nestjs/common';
import type { Queryable } from '@safer-cases/projections';
import { Clock } from '../shared/clock';
import { Database } from '../shared/database';
import { accountActions } from '../auth/account-actions';
import { AuditActor } from './audit-actor';

export const auditActions = ['personal-data-read', 'person-exported', 'person-erased', ...accountActions] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * One thing a user did to personal data. `details` names what was touched (field names, case
 * ids, counts), never a value: the audit log outlives an erasure.
 */
export type AuditEntry = {
  action: AuditAction;
  by: AuditActor;
  caseId?: string;
  personId?: string;
  details?: Record<string, string | number | boolean | string[]>;
};

/** One entry for each case given, so that a case's audit shows it, or one without a case for none. */
export const perCase = (entry: AuditEntry, caseIds: readonly string[]): AuditEntry[] => (caseIds.length === 0 ? [entry] : caseIds.map((caseId) => ({ ...entry, caseId })));

export type AuditRecord = {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  action: string;
  caseId: string | null;
  personId: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
};

export type AuditFilter = { caseId?: string; userId?: string; personId?: string };
export type AuditPage = { items: AuditRecord[]; nextCursor: string | null };

type Row = {
  id: string;
  at: Date;
  user_id: string | null;
  username: string;
  action: string;
  case_id: string | null;
  person_id: string | null;
  correlation_id: string | null;
  details: Record<string, unknown>;
};

const recordOf = (row: Row): AuditRecord => ({
  id: row.id,
  at: row.at.toISOString(),
  userId: row.user_id,
  username: row.username,
  action: row.action,
  caseId: row.case_id,
  personId: row.person_id,
  correlationId: row.correlation_id,
  details: row.details,
});

const columns = 'id::text as id, at, user_id, username, action, case_id, person_id, correlation_id, details';

/**
 * Who read, exported or erased whose personal data, and when. Entries are written in the same
 * transaction as what they record when there is one (`client`), so an erasure and its entry
 * stand or fall together. Ids are bigint identities: newest first is descending id.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async record(entries: readonly AuditEntry[], client: Queryable = this.database.pool): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now().toISOString();
    await client.query(
      `insert into audit_log (at, user_id, username, action, case_id, person_id, correlation_id, details)
       select $1::timestamptz, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
      [
        at,
        entries.map(({ by }) => by.userId ?? null),
        entries.map(({ by }) => by.username),
        entries.map(({ action }) => action),
        entries.map(({ caseId }) => caseId ?? null),
        entries.map(({ personId }) => personId ?? null),
        entries.map(({ by }) => by.correlationId ?? null),
        entries.map(({ details }) => JSON.stringify(details ?? {})),
      ],
    );
  }

  /** Entries matching every filter given, newest first; `before` is the previous page's cursor. */
  async page(filter: AuditFilter, limit: number, before?: string): Promise<AuditPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    };
    where('case_id', filter.caseId);
    where('user_id', filter.userId);
    where('person_id', filter.personId);
    if (before !== undefined) {
      params.push(before);
      conditions.push(`id < $${params.length}::bigint`);
    }
    params.push(limit + 1);
    const { rows } = await this.database.pool.query<Row>(
      `select ${columns} from audit_log ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
       order by audit_log.id desc limit $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(recordOf);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  }

  /** Every entry about a person, newest first: part of what a subject access request returns. */
  async about(personId: string): Promise<AuditRecord[]> {
    const { rows } = await this.database.pool.query<Row>(`select ${columns} from audit_log where person_id = $1 order by audit_log.id desc`, [personId]);
    return rows.map(recordOf);
  }
}
