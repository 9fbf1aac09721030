import {
  addChainColumns,
  chainExistingEntries,
  createAuditChainTables,
  dropAuditChainTables,
  dropChainColumns,
  requireChainColumns,
} from '@netsign/audit-chain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Print history becomes tamper-evident (docs/audit-chain.md): each print record's history (queued,
 * rendered, re-rendered, downloaded) is one hash chain, the rows already there chained in the order
 * they were written. The view maps the rows to the chain's terms for the verifier.
 */
export class AuditChain1764320000100 implements MigrationInterface {
  name = 'AuditChain1764320000100';

  async up(runner: QueryRunner): Promise<void> {
    await createAuditChainTables(runner);
    await addChainColumns(runner, 'print_history');
    await runner.query(`
      CREATE VIEW audit_chain_entries AS
      SELECT 'print_history'::text AS source, id AS source_id, 'print-record'::text AS aggregate_type, agreement_id::text AS aggregate_id,
             seq, action, actor, at, '{}'::jsonb AS payload, prev_hash, hash
        FROM print_history`);
    await chainExistingEntries(runner);
    await requireChainColumns(runner, 'print_history', ['agreement_id']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW audit_chain_entries`);
    await dropChainColumns(runner, 'print_history');
    await dropAuditChainTables(runner);
  }
}
