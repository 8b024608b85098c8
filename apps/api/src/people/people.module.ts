import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '../shared/database';
import { ErasePerson } from './erase-person';
import { ExportPerson } from './export-person';
import { MasterKey } from './master-key';
import { PeopleController } from './people.controller';
import { PersonKeyring } from './person-keyring';
import { PersonRecords } from './person-records';
import { PersonSearchIndex } from './person-search-index';
import { PersonalDataStore } from './personal-data.store';
import { PlaintextImport } from './plaintext-import';

/**
 * Personal data, sealed per person under the master key, with erasure and subject access.
 * Needs the AuditModule and the infrastructure's Database, EventStore and Clock. Before taking
 * requests it refuses a master key other than the data's, rewraps keys left from before
 * key-encryption keys, finishes an erasure a crash interrupted, encrypts any plaintext left
 * from before encryption, and puts into the search index any subject saved before it existed.
 */
@Global()
@Module({})
export class PeopleModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('People');

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(PersonKeyring) private readonly keyring: PersonKeyring,
    @Inject(PlaintextImport) private readonly plaintext: PlaintextImport,
    @Inject(PersonalDataStore) private readonly people: PersonalDataStore,
  ) {}

  static register(masterKey: MasterKey): DynamicModule {
    return {
      module: PeopleModule,
      controllers: [PeopleController],
      providers: [{ provide: MasterKey, useValue: masterKey }, PersonKeyring, PersonSearchIndex, PersonalDataStore, PersonRecords, ErasePerson, ExportPerson, PlaintextImport],
      exports: [PersonalDataStore, PersonKeyring, PersonRecords, ErasePerson, ExportPerson],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const warning = await this.keyring.start(this.database.pool);
    if (warning) this.logger.warn(warning);
    const imported = await this.plaintext.run();
    if (imported > 0) this.logger.log(`Encrypted ${imported} people's personal data written before encryption`);
    const indexed = await this.people.indexUnindexed();
    if (indexed > 0) this.logger.log(`Put ${indexed} subjects saved before the search index into it`);
  }
}
