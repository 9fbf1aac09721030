import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Review tasks, the agreement projection, files, qualification documents, terminations, paper forms. */
export class Review1764300000000 implements MigrationInterface {
  name = 'Review1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE agreements (
        agreement_id uuid PRIMARY KEY,
        agreement_no text NOT NULL,
        method text NOT NULL,
        status text NOT NULL,
        version int NOT NULL,
        graduate_id text NOT NULL,
        school_code text NOT NULL,
        department_code text NOT NULL,
        class_name text,
        employer_id text NOT NULL,
        snapshot jsonb NOT NULL,
        signed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX agreements_graduate ON agreements (graduate_id)`);
    await runner.query(`
      CREATE TABLE review_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL UNIQUE REFERENCES agreements (agreement_id),
        school_code text NOT NULL,
        department_code text NOT NULL,
        method text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
        submitted_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by text,
        decided_role text,
        reason text,
        CHECK (status <> 'REJECTED' OR length(reason) > 0)
      )`);
    await runner.query(
      `CREATE INDEX review_tasks_queue ON review_tasks (school_code, status, submitted_at, id)`,
    );
    await runner.query(`
      CREATE TABLE upload_parts (
        upload_id uuid NOT NULL,
        seq int NOT NULL,
        owner_user_id text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (upload_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE stored_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL,
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE qualification_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id text NOT NULL,
        kind text NOT NULL,
        file_id uuid NOT NULL REFERENCES stored_files (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX qualification_documents_employer ON qualification_documents (employer_id, uploaded_at)`,
    );
    await runner.query(`
      CREATE TABLE terminations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements (agreement_id),
        graduate_id text NOT NULL,
        school_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'AGREED', 'DISAGREED', 'WITHDRAWN', 'CLOSED')),
        reason text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        decision text,
        decision_reason text,
        decided_by text,
        decided_role text,
        decided_at timestamptz,
        CHECK (status <> 'DISAGREED' OR length(decision_reason) > 0)
      )`);
    // One open application per agreement, enforced by the database.
    await runner.query(
      `CREATE UNIQUE INDEX terminations_one_open ON terminations (agreement_id) WHERE status = 'PENDING'`,
    );
    await runner.query(
      `CREATE INDEX terminations_school ON terminations (school_code, status, applied_at)`,
    );
    await runner.query(`
      CREATE TABLE termination_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        termination_id uuid NOT NULL REFERENCES terminations (id),
        file_id uuid NOT NULL REFERENCES stored_files (id),
        position int NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX termination_materials_termination ON termination_materials (termination_id, position)`,
    );
    await runner.query(`
      CREATE TABLE paper_forms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_code text NOT NULL,
        department_code text NOT NULL,
        graduate_id text NOT NULL,
        graduate_name text NOT NULL,
        student_no text NOT NULL,
        form_no text NOT NULL,
        status text NOT NULL CHECK (status IN ('ISSUED', 'COLLECTED', 'VOIDED')),
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by text NOT NULL,
        issued_role text NOT NULL,
        replaces_id uuid REFERENCES paper_forms (id),
        reissue_reason text,
        collected_at timestamptz,
        agreement_id uuid,
        voided_at timestamptz
      )`);
    // Each graduate holds at most one form; form numbers are unique within a school.
    await runner.query(
      `CREATE UNIQUE INDEX paper_forms_one_held ON paper_forms (graduate_id) WHERE status = 'ISSUED'`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX paper_forms_number ON paper_forms (school_code, form_no)`,
    );
    await runner.query(
      `CREATE INDEX paper_forms_school ON paper_forms (school_code, status, issued_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'paper_forms',
      'termination_materials',
      'terminations',
      'qualification_documents',
      'stored_files',
      'upload_parts',
      'review_tasks',
      'agreements',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
