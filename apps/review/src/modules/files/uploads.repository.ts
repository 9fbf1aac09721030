import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { StoredFileView } from '@netsign/contracts';
import { In, type EntityManager, type Repository } from 'typeorm';
import { StoredFileEntity } from './stored-file.entity.js';
import { UploadPartEntity } from './upload-part.entity.js';

export function toStoredFileView(f: StoredFileEntity): StoredFileView {
  return {
    id: f.id,
    fileName: f.fileName,
    size: Number(f.size),
    contentType: f.contentType,
    sha256: f.sha256.trim(),
    uploadedAt: f.uploadedAt.toISOString(),
  };
}

/**
 * Tables `upload_parts` (parts of uploads in progress, in Postgres: any review instance may
 * receive any part) and `stored_files`: the only place that reads or writes them.
 */
@Injectable()
export class UploadsRepository {
  constructor(
    @InjectRepository(UploadPartEntity) private readonly uploadParts: Repository<UploadPartEntity>,
    @InjectRepository(StoredFileEntity) private readonly files: Repository<StoredFileEntity>,
  ) {}

  /**
   * Saves one part; a part sent again replaces the earlier bytes, but only the owner's. Kept as
   * one SQL statement (`ON CONFLICT … DO UPDATE … WHERE`): false when someone else's upload holds
   * that part.
   */
  async savePart(uploadId: string, seq: number, owner: string, data: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.uploadParts.query(
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
    const sums = await this.uploadParts
      .createQueryBuilder('p')
      .select(
        'coalesce(sum(length(p.data)) FILTER (WHERE p.uploadId = :uploadId), 0)::bigint',
        'upload',
      )
      .addSelect('coalesce(sum(length(p.data)), 0)::bigint', 'owner')
      .where('p.ownerUserId = :owner', { uploadId, owner })
      .getRawOne<{ upload: string; owner: string }>();
    return { upload: Number(sums?.upload ?? 0), owner: Number(sums?.owner ?? 0) };
  }

  async parts(uploadId: string, owner: string): Promise<Buffer[]> {
    const parts = await this.uploadParts.find({
      select: { seq: true, data: true },
      where: { uploadId, ownerUserId: owner },
      order: { seq: 'ASC' },
    });
    return parts.map((p) => p.data);
  }

  async dropParts(tx: EntityManager, uploadIds: string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    await tx.getRepository(UploadPartEntity).delete({ uploadId: In(uploadIds) });
  }

  async discard(uploadId: string, owner: string): Promise<void> {
    await this.uploadParts.delete({ uploadId, ownerUserId: owner });
  }

  async dropStaleParts(olderThanMinutes: number): Promise<void> {
    await this.uploadParts
      .createQueryBuilder()
      .delete()
      .where('created_at < now() - make_interval(mins => :minutes)', {
        minutes: olderThanMinutes,
      })
      .execute();
  }

  /** Records a stored file; the answer carries the id and upload time the database gave it. */
  async insertFile(
    tx: EntityManager,
    f: Pick<
      StoredFileEntity,
      'fileName' | 'contentType' | 'size' | 'sha256' | 'storageKey' | 'uploadedBy'
    >,
  ): Promise<StoredFileEntity> {
    const files = tx.getRepository(StoredFileEntity);
    const file = files.create({
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      storageKey: f.storageKey,
      uploadedBy: f.uploadedBy,
    });
    await files.insert(file);
    return file;
  }

  async file(id: string): Promise<StoredFileEntity | null> {
    return this.files.findOneBy({ id });
  }
}
