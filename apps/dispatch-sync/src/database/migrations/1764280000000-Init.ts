import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@netsign/messaging';

export class Init1764280000000 implements MigrationInterface {
  name = 'Init1764280000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner);
  }
}
