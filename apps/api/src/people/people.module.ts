import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '../shared/database';
import { ErasePerson } from './erase-person';
import { ExportPerson } from './export-person';
import { MasterKey } from './master-key';
import { PeopleController } from './people.controller';
import { PersonKeyring } from './person-keyring';
import { PersonRecords } from './person-records';
import { PersonalDataStore } from './personal-data.store';
import { PlaintextImport } from './plaintext-import';

/**
 * Personal data, sealed per person under the master key, with erasure and subject access.
 * Needs the AuditModule and the infrastructure's Database, EventStore and Clock. Before taking
 * requests it refuses a master key other than the data's, rewraps keys left from before
 * key-encryption keys, finishes an erasure a crash interrupted, and encrypts any plaintext left
 * from before encryption.
 */
@Global()
@Module({})
export class PeopleModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('People');

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(PersonKeyring) private readonly keyring: PersonKeyring,
    @Inject(PlaintextImport) private readonly plaintext: PlaintextImport,
  ) {}

  static register(masterKey: MasterKey): DynamicModule {
    return {
      module: PeopleModule,
      controllers: [PeopleController],
      providers: [{ provide: MasterKey, useValue: masterKey }, PersonKeyring, PersonalDataStore, PersonRecords, ErasePerson, ExportPerson, PlaintextImport],
      exports: [PersonalDataStore, PersonKeyring, PersonRecords],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const warning = await this.keyring.start(this.database.pool);
    if (warning) this.logger.warn(warning);
    const imported = await this.plaintext.run();
    if (imported > 0) this.logger.log(`Encrypted ${imported} people's personal data written before encryption`);
  }
}
