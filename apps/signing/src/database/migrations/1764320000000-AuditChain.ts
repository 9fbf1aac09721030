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
 * Agreement history and destination changes become tamper-evident (docs/audit-chain.md): each
 * agreement's history is one hash chain, each graduate's destination changes another; the rows
 * already there are chained in the order they were written. The view maps both tables to the
 * chain's terms for the verifier.
 */
export class AuditChain1764320000000 implements MigrationInterface {
  name = 'AuditChain1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    await createAuditChainTables(runner);
    await addChainColumns(runner, 'agreement_history');
    await addChainColumns(runner, 'destination_changes');
    await runner.query(`
      CREATE VIEW audit_chain_entries AS
      SELECT 'agreement_history'::text AS source, id AS source_id, 'agreement'::text AS aggregate_type,
             agreement_id::text AS aggregate_id, seq, 'STATUS_CHANGE'::text AS action, actor, at,
             jsonb_build_object('from', from_status, 'to', to_status, 'reason', reason) AS payload, prev_hash, hash
        FROM agreement_history
      UNION ALL
      SELECT 'destination_changes'::text, id, 'graduate-destination'::text, graduate_id, seq, 'DESTINATION_CHANGE'::text, actor, at,
             jsonb_build_object('from', from_value, 'to', to_value, 'reason', reason, 'agreementId', agreement_id), prev_hash, hash
        FROM destination_changes`);
    await chainExistingEntries(runner);
    await requireChainColumns(runner, 'agreement_history', ['agreement_id']);
    await requireChainColumns(runner, 'destination_changes', ['graduate_id']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW audit_chain_entries`);
    await dropChainColumns(runner, 'destination_changes');
    await dropChainColumns(runner, 'agreement_history');
    await dropAuditChainTables(runner);
  }
}
