import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Organisation } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { Role } from './actor';
import { AuthSettings } from './auth.settings';
import { hashPassword, minimumPasswordLength } from './passwords';
import { UserStore } from './user.store';

export type CreateUser = { username: string; password: string; role: Role; organisation: Organisation };

/** Creates users (the request was validated at the edge) and the first administrator of a new install. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UserStore,
    private readonly settings: AuthSettings,
  ) {}

  async create({ username, password, role, organisation }: CreateUser): Promise<{ userId: string }> {
    const userId = randomUUID();
    const created = await this.users.insert({ id: userId, username, passwordHash: await hashPassword(password), role, organisation });
    if (!created) throw new ConflictException({ message: `The username ${username} is taken; choose another`, code: 'username-taken' });
    return { userId };
  }

  /** `BOOTSTRAP_ADMIN_PASSWORD` on a start with no users yet: user `admin`, council administrator. */
  async onApplicationBootstrap(): Promise<void> {
    const password = this.settings.bootstrapAdminPassword;
    if (password === undefined || (await this.users.hasUsers())) return;
    if (password.length < minimumPasswordLength) {
      this.logger.warn(`BOOTSTRAP_ADMIN_PASSWORD is shorter than the ${minimumPasswordLength} characters POST /api/users asks of every other password`);
    }
    const created = await this.users.insertFirst({ id: randomUUID(), username: 'admin', passwordHash: await hashPassword(password), role: 'admin', organisation: 'council' });
    if (created) this.logger.log('Created user admin from BOOTSTRAP_ADMIN_PASSWORD');
  }
}
