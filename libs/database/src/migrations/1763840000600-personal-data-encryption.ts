import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonalDataEncryption1763840000600 implements MigrationInterface {
  name = 'PersonalDataEncryption1763840000600';

  async up(_runner: QueryRunner): Promise<void> {
    return;
  }

  async down(_runner: QueryRunner): Promise<void> {
    return;
  }
}
