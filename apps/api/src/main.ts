import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { migrate } from '@safer-cases/database';
import { AppModule } from './app.module';
import { configFromEnvironment } from './config';
import { configureApp } from './configure-app';
import { startEmbeddedDatabase } from './embedded-database';
import { MasterKey } from './people/master-key';
import { describeStartUpFailure } from './start-up-failure';

const bootstrap = async (): Promise<void> => {
  const logger = new Logger('Safer Cases');
  const config = configFromEnvironment();
  const masterKey = MasterKey.load(process.env, config.dataDir);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
  const databaseUrl = config.databaseUrl ?? embedded?.url;
  if (!databaseUrl) throw new Error('No database: set DATABASE_URL or let the embedded PostgreSQL start');
  if (embedded) logger.log(embedded.whereItsFilesAre);
  await migrate(databaseUrl);

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ databaseUrl, masterKey, eventStore: config.eventStore, embeddedDatabase: embedded && { status: embedded.status } }),
    { bodyParser: false },
  );
  configureApp(app);
  await app.listen(config.port);
  logger.log(`Listening on http://localhost:${config.port} (API docs at /api/docs); events in ${config.eventStore.kind === 'eventstoredb' ? 'EventStoreDB' : 'PostgreSQL'}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Safer Cases could not start: ${describeStartUpFailure(error)}\n`);
  process.exit(1);
});
