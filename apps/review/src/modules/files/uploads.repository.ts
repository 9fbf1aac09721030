import { Injectable } from '@nestjs/common';
import type { AcceptedFileType, StoredFileView } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface StoredFileRow {
  id: string;
  file_name: string;
  content_type: AcceptedFileType;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export function toStoredFileView(r: StoredFileRow): StoredFileView {
  return {
    id: r.id,
    fileName: r.file_name,
    size: Number(r.size),
    contentType: r.content_type,
    sha256: r.sha256.trim(),
    uploadedAt: r.uploaded_at.toISOString(),
  };
}

/** Parts of uploads in progress (in Postgres: any review instance may receive any part) and stored files. */
@Injectable()
export class UploadsRepository {
  constructor(private readonly db: DataSource) {}

  async savePart(uploadId: string, seq: number, owner: string, data: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO upload_parts (upload_id, seq, owner_user_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upload_id, seq) DO UPDATE SET data = EXCLUDED.data
         WHERE upload_parts.owner_user_id = EXCLUDED.owner_user_id
       RETURNING seq`,
      [uploadId, seq, owner, data],
    );
    return rows.length === 1;
  }

  /** Bytes held for one upload, and for all of the owner's unfinished uploads. */
  async partsSize(uploadId: string, owner: string): Promise<{ upload: number; owner: number }> {
    const [row] = (await this.db.query(
      `SELECT coalesce(sum(length(data)) FILTER (WHERE upload_id = $1), 0)::bigint AS upload,
              coalesce(sum(length(data)), 0)::bigint AS owner
         FROM upload_parts WHERE owner_user_id = $2`,
      [uploadId, owner],
    )) as Array<{ upload: string; owner: string }>;
    return { upload: Number(row?.upload ?? 0), owner: Number(row?.owner ?? 0) };
  }

  async parts(uploadId: string, owner: string): Promise<Buffer[]> {
    const rows: Array<{ data: Buffer }> = await this.db.query(
      `SELECT data FROM upload_parts WHERE upload_id = $1 AND owner_user_id = $2 ORDER BY seq`,
      [uploadId, owner],
    );
    return rows.map((r) => r.data);
  }

  async dropParts(tx: EntityManager, uploadIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM upload_parts WHERE upload_id = ANY($1::uuid[])`, [uploadIds]);
  }

  async discard(uploadId: string, owner: string): Promise<void> {
    await this.db.query(`DELETE FROM upload_parts WHERE upload_id = $1 AND owner_user_id = $2`, [
      uploadId,
      owner,
    ]);
  }

  async dropStaleParts(olderThanMinutes: number): Promise<void> {
    await this.db.query(
      `DELETE FROM upload_parts WHERE created_at < now() - make_interval(mins => $1)`,
      [olderThanMinutes],
    );
  }

  async insertFile(
    tx: EntityManager,
    f: {
      fileName: string;
      contentType: AcceptedFileType;
      size: number;
      sha256: string;
      storageKey: string;
      uploadedBy: string;
    },
  ): Promise<StoredFileRow> {
    const [row] = (await tx.query(
      `INSERT INTO stored_files (file_name, content_type, size, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [f.fileName, f.contentType, f.size, f.sha256, f.storageKey, f.uploadedBy],
    )) as StoredFileRow[];
    return row!;
  }

  async file(id: string): Promise<StoredFileRow | null> {
    const [row] = (await this.db.query(`SELECT * FROM stored_files WHERE id = $1`, [
      id,
    ])) as StoredFileRow[];
    return row ?? null;
  }
}
