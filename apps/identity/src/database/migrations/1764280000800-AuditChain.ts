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
 * The audit log becomes tamper-evident (docs/audit-chain.md): each subject's entries form a hash
 * chain (subject type + id = the aggregate), the rows already there chained in the order they were
 * written. The view maps a row to the chain's terms for the verifier.
 */
export class AuditChain1764280000800 implements MigrationInterface {
  name = 'AuditChain1764280000800';

  async up(runner: QueryRunner): Promise<void> {
    await createAuditChainTables(runner);
    await addChainColumns(runner, 'audit_log');
    await runner.query(`
      CREATE VIEW audit_chain_entries AS
      SELECT 'audit_log'::text AS source, id AS source_id, subject_type AS aggregate_type, subject_id AS aggregate_id, seq, action,
             CASE WHEN actor_user_id IS NULL AND actor_role IS NULL THEN NULL
                  ELSE jsonb_build_object('userId', actor_user_id, 'role', actor_role) END AS actor,
             at, jsonb_build_object('before', before, 'after', after, 'reason', reason) AS payload, prev_hash, hash
        FROM audit_log`);
    await chainExistingEntries(runner);
    await requireChainColumns(runner, 'audit_log', ['subject_type', 'subject_id']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW audit_chain_entries`);
    await dropChainColumns(runner, 'audit_log');
    await dropAuditChainTables(runner);
  }
}
