import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, schools, roster (ID numbers encrypted + blind index), corrections, audit, inbox. */
export class Identity1764280000200 implements MigrationInterface {
  name = 'Identity1764280000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE schools (
        code       text PRIMARY KEY,
        name       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE departments (
        school_code text NOT NULL REFERENCES schools(code),
        code        text NOT NULL,
        name        text NOT NULL,
        PRIMARY KEY (school_code, code)
      )`);
    await runner.query(`
      CREATE TABLE employers (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        credit_code         text NOT NULL UNIQUE,
        name                text NOT NULL,
        nature              text NOT NULL,
        industry            text NOT NULL,
        address             text NOT NULL,
        has_hiring_autonomy boolean NOT NULL,
        contact_name        text NOT NULL,
        contact_phone       text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE users (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username          text NOT NULL,
        password_hash     text NOT NULL,
        role              text NOT NULL,
        school_code       text REFERENCES schools(code),
        department_code   text,
        employer_id       uuid REFERENCES employers(id),
        scope_graduate_ids uuid[] NOT NULL DEFAULT '{}',
        scope_class_names text[] NOT NULL DEFAULT '{}',
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'DEPARTMENT_STAFF' OR department_code IS NOT NULL),
        FOREIGN KEY (school_code, department_code) REFERENCES departments(school_code, code)
      )`);
    await runner.query(`CREATE UNIQUE INDEX users_username ON users (lower(username))`);
    await runner.query(`
      CREATE TABLE graduates (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_code           text NOT NULL REFERENCES schools(code),
        student_no            text NOT NULL,
        name                  text NOT NULL,
        gender                text NOT NULL,
        id_number_enc         text NOT NULL,
        id_key_id             text NOT NULL,
        id_blind_index        text NOT NULL,
        id_number_masked      text NOT NULL,
        department_code       text NOT NULL,
        major                 text NOT NULL,
        degree                text NOT NULL,
        class_name            text,
        origin_place          text NOT NULL,
        graduation_year       integer NOT NULL,
        source_info_confirmed_at timestamptz,
        wechat_open_id        text UNIQUE,
        wechat_bound_at       timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_code, student_no),
        FOREIGN KEY (school_code, department_code) REFERENCES departments(school_code, code)
      )`);
    await runner.query(`CREATE INDEX graduates_blind_index ON graduates (id_blind_index)`);
    await runner.query(
      `CREATE INDEX graduates_school_department ON graduates (school_code, department_code, student_no)`,
    );
    await runner.query(`
      CREATE TABLE source_info_corrections (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        graduate_id     uuid NOT NULL REFERENCES graduates(id),
        school_code     text NOT NULL,
        changes         jsonb NOT NULL,
        reason          text NOT NULL,
        status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        requested_at    timestamptz NOT NULL DEFAULT now(),
        decided_by      text,
        decided_at      timestamptz,
        decision_reason text
      )`);
    // One open request per graduate: a second waits until the first is decided.
    await runner.query(
      `CREATE UNIQUE INDEX corrections_one_pending ON source_info_corrections (graduate_id) WHERE status = 'PENDING'`,
    );
    await runner.query(
      `CREATE INDEX corrections_school ON source_info_corrections (school_code, status)`,
    );
    await runner.query(`
      CREATE TABLE roster_upload_parts (
        upload_id   uuid NOT NULL,
        school_code text NOT NULL,
        seq         integer NOT NULL,
        data        bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (upload_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE audit_log (
        id            bigserial PRIMARY KEY,
        at            timestamptz NOT NULL DEFAULT now(),
        actor_user_id text,
        actor_role    text,
        action        text NOT NULL,
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        before        jsonb,
        after         jsonb,
        reason        text
      )`);
    await runner.query(`CREATE INDEX audit_subject ON audit_log (subject_type, subject_id)`);
    await runner.query(`
      CREATE TABLE notifications (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient       text NOT NULL,
        kind            text NOT NULL,
        title           text NOT NULL,
        body            text NOT NULL,
        data            jsonb NOT NULL DEFAULT '{}',
        source_event_id uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        read_at         timestamptz,
        UNIQUE (recipient, source_event_id)
      )`);
    await runner.query(
      `CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'audit_log',
      'roster_upload_parts',
      'source_info_corrections',
      'graduates',
      'users',
      'employers',
      'departments',
      'schools',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
