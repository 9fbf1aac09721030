import { Injectable } from '@nestjs/common';
import type { EmployerSnapshot } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import type { DataSource, EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

/** A position as signing needs it: who offers it, what it is called, whether it is open. */
export interface PositionRow {
  positionId: string;
  employerId: string;
  title: string;
  location: string;
  status: 'OPEN' | 'CLOSED';
  revision: number;
}

/** Signing's projection of employers (identity) and positions (recruiting), written by their events. */
@Injectable()
export class PartyProjectionRepository {
  async upsertEmployer(db: Db, s: EmployerSnapshot): Promise<void> {
    await db.query(
      `INSERT INTO employers (employer_id, snapshot) VALUES ($1, $2)
       ON CONFLICT (employer_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, updated_at = now()`,
      [s.employerId, JSON.stringify(s)],
    );
  }

  /** Keeps the newest revision whatever order the changes arrive in. */
  async upsertPosition(db: Db, p: PositionRow): Promise<void> {
    await db.query(
      `INSERT INTO positions (position_id, employer_id, title, location, status, revision)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (position_id) DO UPDATE SET employer_id = EXCLUDED.employer_id, title = EXCLUDED.title,
         location = EXCLUDED.location, status = EXCLUDED.status, revision = EXCLUDED.revision, updated_at = now()
       WHERE positions.revision < EXCLUDED.revision`,
      [p.positionId, p.employerId, p.title, p.location, p.status, p.revision],
    );
  }

  /** Both in one round trip; null for what the projection has not seen (yet). */
  async find(
    db: Db,
    employerId: string,
    positionId: string | null,
  ): Promise<{ employer: EmployerSnapshot | null; position: PositionRow | null }> {
    const rows = await preparedQuery<{
      employer: EmployerSnapshot | null;
      position: PositionRow | null;
    }>(
      db,
      'signing-parties-find',
      `SELECT (SELECT snapshot FROM employers WHERE employer_id = $1) AS employer,
              (SELECT json_build_object('positionId', position_id, 'employerId', employer_id, 'title', title,
                                        'location', location, 'status', status, 'revision', revision)
                 FROM positions WHERE position_id = $2) AS position`,
      [employerId, positionId],
    );
    const row = rows[0]!;
    return {
      employer: row.employer ?? null,
      position: row.position ?? null,
    };
  }
}
