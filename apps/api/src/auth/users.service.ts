import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Organisation } from '@safer-cases/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { authorize } from '../application/authorize';
import { AuditLog } from '../audit/audit-log';
import { Database } from '../shared/database';
import { Recorder } from '../shared/recorder';
import { inAccountTransaction } from './account-transaction';
import { Role } from './actor';
import { AuthSettings } from './auth.settings';
import { hashPassword, minimumPasswordLength } from './passwords';
import { UserStore } from './user.store';

export type CreateUser = { username: string; password: string; role: Role; organisation: Organisation };

/** Creates users (the request was validated at the edge) and the first administrator of a new install. Changes to existing accounts are `UserAccounts`'. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UserStore,
    private readonly settings: AuthSettings,
    private readonly audit: AuditLog,
    private readonly database: Database,
  ) {}

  /** A new sign-in, written to the audit log with who gave it. */
  async create({ username, password, role, organisation }: CreateUser, recorder: Recorder): Promise<{ userId: string }> {
    authorize(recorder.actor, 'POST /api/users');
    const userId = randomUUID();
    const passwordHash = await hashPassword(password);
    return inAccountTransaction(this.database.pool, async (client) => {
      const created = await this.users.insert({ id: userId, username, passwordHash, role, organisation }, client);
      if (!created) throw new ConflictException({ message: `The username ${username} is taken; choose another`, code: 'username-taken' });
      const by = { userId: recorder.actor.userId, username: recorder.actor.username, correlationId: recorder.correlationId };
      await this.audit.record([{ action: 'user-created', by, details: { userId, username, role, organisation } }], client);
      return { userId };
    });
  }

  /**
   * On a start with no users yet: user `admin`, council administrator, with
   * `BOOTSTRAP_ADMIN_PASSWORD`, or else with a password made here and written to
   * `generatedAdminPasswordFile` (never to the log).
   */
  async onApplicationBootstrap(): Promise<void> {
    const { bootstrapAdminPassword, generatedAdminPasswordFile } = this.settings;
    if ((bootstrapAdminPassword === undefined && generatedAdminPasswordFile === undefined) || (await this.users.hasUsers())) return;
    if (bootstrapAdminPassword !== undefined && bootstrapAdminPassword.length < minimumPasswordLength) {
      this.logger.warn(`BOOTSTRAP_ADMIN_PASSWORD is shorter than the ${minimumPasswordLength} characters POST /api/users asks of every other password`);
    }
    const password = bootstrapAdminPassword ?? generatedPassword(generatedAdminPasswordFile as string);
    const created = await this.users.insertFirst({ id: randomUUID(), username: 'admin', passwordHash: await hashPassword(password), role: 'admin', organisation: 'council' });
    if (!created) return;
    this.logger.log(
      bootstrapAdminPassword !== undefined
        ? 'Created user admin from BOOTSTRAP_ADMIN_PASSWORD'
        : `Created user admin; its password is in ${generatedAdminPasswordFile}: sign in, create the partnership's users, then delete that file`,
    );
  }
}

/** A new random password in a file only its owner can read; the one already there if a start was cut short. */
const generatedPassword = (file: string): string => {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
};
