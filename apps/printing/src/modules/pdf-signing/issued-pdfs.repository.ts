import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IssuedPdfRow {
  sha256: string;
  agreement_id: string;
  render_version: number;
  size: number;
  certificate_fingerprint: string | null;
  issued_at: Date;
  agreement_no: string;
  agreement_status: string;
  employer_name: string;
  graduate_name: string;
  current_render_version: number;
}

/** The SHA-256 of every PDF printing issued (written with the print record's READY, see markReady). */
@Injectable()
export class IssuedPdfsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The issued file with these bytes, with what its agreement is now; undefined if none. */
  async find(sha256: string, size: number): Promise<IssuedPdfRow | undefined> {
    const rows: IssuedPdfRow[] = await this.dataSource.query(
      `SELECT i.sha256, i.agreement_id, i.render_version, i.size, i.certificate_fingerprint, i.issued_at,
              r.agreement_no, r.agreement_status, r.employer_name, r.graduate_name,
              r.render_version AS current_render_version
         FROM issued_pdfs i JOIN print_records r USING (agreement_id)
        WHERE i.sha256 = $1 AND i.size = $2`,
      [sha256, size],
    );
    return rows[0];
  }
}
