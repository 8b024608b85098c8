import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { migrate } from '@safer-cases/database';
import { Organisation } from '@safer-cases/domain';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { AccessTokens } from '../../apps/api/src/auth/access-tokens';
import { Actor, organisationsOfRole, Role, roles } from '../../apps/api/src/auth/actor';
import { AuthSettings, defaultAuthSettings } from '../../apps/api/src/auth/auth.settings';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { SessionStore } from '../../apps/api/src/auth/session.store';
import { UserStore } from '../../apps/api/src/auth/user.store';
import { MasterKey } from '../../apps/api/src/people/master-key';
import { configureApp } from '../../apps/api/src/configure-app';
import { ReadYourWrites } from '../../apps/api/src/projections/read-your-writes';
import { Clock } from '../../apps/api/src/shared/clock';
import { createTestDatabase } from './test-database';

/** A clock the test moves by hand; `today` is a London calendar date. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
  setToday(date: string): void {
    this.instant = new Date(`${date}T12:00:00Z`);
  }
  advanceMinutes(minutes: number): void {
    this.instant = new Date(this.instant.getTime() + minutes * 60_000);
  }
}

/** The master key every test app seals personal data with. */
export const testMasterKey = MasterKey.fromBytes(Buffer.alloc(32, 7));

/** The secret every test app signs its tokens with. */
export const testJwtSecret = 'test-secret-for-e2e-tests-only-0123456789';
/** The password of every user the test app creates. */
export const testPassword = 'correct horse battery staple';

/**
 * The username of the test user of a role (`referrer.police` for a referrer, `iom-officer.probation`):
 * what events record as `recordedBy`. A role held in several organisations names the organisation.
 */
export const usernameOf = (role: Role, organisation: Organisation = organisationsOfRole[role][0]): string =>
  organisationsOfRole[role].length > 1 ? `${role}.${organisation}` : role;

/** One user per role, and a referrer for each organisation that refers. */
export const testUsers: readonly Actor[] = roles.flatMap((role) =>
  organisationsOfRole[role].map((organisation) => ({ userId: randomUUID(), username: usernameOf(role, organisation), role, organisation })),
);

export type TestAgent = ReturnType<typeof request.agent>;

export type TestApp = {
  app: INestApplication;
  /** Requests without a token: for the public routes and for checking refusals. */
  http: () => ReturnType<typeof request>;
  /** Requests with the bearer token of the test user of that role (and organisation; by default the role's first). */
  as: (role: Role, organisation?: Organisation) => TestAgent;
  /** A fresh access token of that test user. */
  tokenFor: (role: Role, organisation?: Organisation) => string;
  /** The test user of that role and organisation, as the events record them (`recordedBy` is the username). */
  user: (role: Role, organisation?: Organisation) => Actor;
  clock: FixedClock;
  databaseUrl: string;
  /** Number of events in a stream, read straight from the store's table. */
  streamLength: (streamId: string) => Promise<number>;
  /** Number of events in the whole store. */
  eventCount: () => Promise<number>;
  /** Waits until the in-app projection runner has applied every event so far; answers that position. */
  caughtUp: () => Promise<bigint>;
  close: () => Promise<void>;
};

/**
 * `auth` replaces sign-in settings (the login throttle is lifted unless set here); `withUsers:
 * false` starts with no users; `databaseUrl` starts on an existing database instead of a new one.
 */
export type TestAppOptions = { auth?: Partial<AuthSettings>; withUsers?: boolean; databaseUrl?: string };

/** The whole app in-process on a fresh database, with "today" pinned and a signed-in user per role. */
export const startTestApp = async (today = '2015-12-31', options: TestAppOptions = {}): Promise<TestApp> => {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  await migrate(databaseUrl);
  const clock = new FixedClock(new Date(`${today}T12:00:00Z`));
  const settings: AuthSettings = {
    ...defaultAuthSettings,
    signInLimits: { perUsernameAndAddress: 1000, perAddress: 1000, windowMs: 60_000 },
    jwtSecret: testJwtSecret,
    ...options.auth,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ databaseUrl, masterKey: testMasterKey })] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(AuthSettings)
    .useValue(settings)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  const sessionIds = (options.withUsers ?? true) ? await createTestUsers(app.get(UserStore), app.get(SessionStore)) : new Map<string, string>();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);
  const tokens = app.get(AccessTokens);
  const user = (role: Role, organisation: Organisation = organisationsOfRole[role][0]): Actor => {
    const found = testUsers.find((each) => each.role === role && each.organisation === organisation);
    if (!found) throw new Error(`No test user is a ${role} of ${organisation}`);
    return found;
  };
  const tokenFor = (role: Role, organisation?: Organisation): string => {
    const actor = user(role, organisation);
    const sessionId = sessionIds.get(actor.userId);
    if (!sessionId) throw new Error(`The test user ${actor.username} has no session: start the app with its users`);
    return tokens.issue(actor, sessionId).accessToken;
  };
  return {
    app,
    http: () => request(app.getHttpServer()),
    as: (role, organisation) => request.agent(app.getHttpServer()).set('Authorization', `Bearer ${tokenFor(role, organisation)}`),
    tokenFor,
    user,
    clock,
    databaseUrl,
    streamLength: (streamId) => count('select count(*) as n from events where stream_id = $1', [streamId]),
    eventCount: () => count('select count(*) as n from events', []),
    caughtUp: async () => {
      const head = BigInt((await pool.query<{ n: string }>('select coalesce(max(position), 0) as n from events')).rows[0].n);
      if (!(await app.get(ReadYourWrites).caughtUp(head))) throw new Error(`The read models did not reach position ${head}`);
      return head;
    },
    close: async () => {
      await pool.end();
      await app.close();
    },
  };
};

/** The test users, each with one session open for a day, which every token of `tokenFor` names; answers user id → session id. */
const createTestUsers = async (users: UserStore, sessions: SessionStore): Promise<Map<string, string>> => {
  const passwordHash = await hashPassword(testPassword);
  const sessionIds = new Map<string, string>();
  for (const { userId, username, role, organisation } of testUsers) {
    await users.insert({ id: userId, username, passwordHash, role, organisation });
    const sessionId = randomUUID();
    await sessions.open(sessionId, userId, 24 * 60 * 60);
    sessionIds.set(userId, sessionId);
  }
  return sessionIds;
};
