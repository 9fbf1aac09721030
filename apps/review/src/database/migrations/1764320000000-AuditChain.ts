import {
  chainExistingEntries,
  createAuditChainTables,
  dropAuditChainTables,
} from '@netsign/audit-chain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review's audit log (docs/audit-chain.md): every state change of a review task, a termination
 * application and a paper form, who made it and when, each aggregate's entries one hash chain.
 * Review kept no log before; what its tables recorded of earlier changes (opened, decided,
 * withdrawn, issued, collected, voided, each with its time and, where recorded, who) is written
 * into the log now, marked `backfilled`, in the order it happened. Cancellations and closings
 * before this migration have no recorded time and are not in the log.
 */
export class AuditChain1764320000000 implements MigrationInterface {
  name = 'AuditChain1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    await createAuditChainTables(runner);
    await runner.query(`
      CREATE TABLE audit_log (
        id              bigserial PRIMARY KEY,
        aggregate_type  text NOT NULL,
        aggregate_id    text NOT NULL,
        action          text NOT NULL,
        actor           jsonb,
        at              timestamptz NOT NULL,
        payload         jsonb NOT NULL,
        seq             integer,
        prev_hash       text,
        hash            text
      )`);
    const who = (user: string, role: string) =>
      `CASE WHEN ${user} IS NULL THEN NULL ELSE jsonb_build_object('userId', ${user}, 'role', ${role}) END`;
    await runner.query(`
      INSERT INTO audit_log (aggregate_type, aggregate_id, action, actor, at, payload)
      SELECT aggregate_type, aggregate_id, action, actor, at, payload || '{"backfilled": true}'::jsonb FROM (
        SELECT 'review-task' AS aggregate_type, id::text AS aggregate_id, 'TASK_OPENED' AS action, NULL::jsonb AS actor, submitted_at AS at,
               jsonb_build_object('agreementId', agreement_id, 'method', method) AS payload
          FROM review_tasks
        UNION ALL
        SELECT 'review-task', id::text, 'TASK_' || status, ${who('decided_by', 'decided_role')}, decided_at, jsonb_build_object('reason', reason)
          FROM review_tasks WHERE status IN ('APPROVED', 'REJECTED') AND decided_at IS NOT NULL
        UNION ALL
        SELECT 'termination', id::text, 'TERMINATION_APPLIED', NULL, applied_at, jsonb_build_object('agreementId', agreement_id, 'reason', reason)
          FROM terminations
        UNION ALL
        SELECT 'termination', id::text, 'TERMINATION_' || status, ${who('decided_by', 'decided_role')}, decided_at,
               jsonb_build_object('decision', decision, 'reason', decision_reason)
          FROM terminations WHERE status IN ('AGREED', 'DISAGREED') AND decided_at IS NOT NULL
        UNION ALL
        SELECT 'termination', id::text, 'TERMINATION_WITHDRAWN', NULL, withdrawn_at, '{}'::jsonb
          FROM terminations WHERE withdrawn_at IS NOT NULL
        UNION ALL
        SELECT 'paper-form', id::text, 'PAPER_FORM_ISSUED', ${who('issued_by', 'issued_role')}, issued_at,
               jsonb_build_object('graduateId', graduate_id, 'formNo', form_no, 'replacesId', replaces_id, 'reason', reissue_reason)
          FROM paper_forms
        UNION ALL
        SELECT 'paper-form', id::text, 'PAPER_FORM_COLLECTED', NULL, collected_at, jsonb_build_object('agreementId', agreement_id)
          FROM paper_forms WHERE collected_at IS NOT NULL
        UNION ALL
        SELECT 'paper-form', id::text, 'PAPER_FORM_VOIDED', NULL, voided_at, '{}'::jsonb
          FROM paper_forms WHERE voided_at IS NOT NULL
      ) known ORDER BY aggregate_type, aggregate_id, at`);
    await runner.query(`
      CREATE VIEW audit_chain_entries AS
      SELECT 'audit_log'::text AS source, id AS source_id, aggregate_type, aggregate_id, seq, action, actor, at, payload, prev_hash, hash
        FROM audit_log`);
    await chainExistingEntries(runner);
    await runner.query(
      `ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX audit_log_chain ON audit_log (aggregate_type, aggregate_id, seq)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW audit_chain_entries`);
    await runner.query(`DROP TABLE audit_log`);
    await dropAuditChainTables(runner);
  }
}
