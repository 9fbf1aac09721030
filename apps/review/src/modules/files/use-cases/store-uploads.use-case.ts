import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MAX_UPLOAD_PARTS,
  ServiceError,
  UPLOAD_PART_BYTES,
  type FileChunk,
  type FileRef,
} from '@netsign/contracts';
import type { EntityManager } from 'typeorm';
import { checkAssembledFile, type CheckedFile } from '../domain/file-type.js';
import { contentKey, FILE_STORE, type FileStore } from '../file-store.js';
import type { StoredFileEntity } from '../stored-file.entity.js';
import { UploadsRepository } from '../uploads.repository.js';

export interface PreparedFile {
  ref: FileRef;
  checked: CheckedFile;
  storageKey: string;
}

/**
 * Turns uploaded parts into stored files in two steps: `prepare` assembles, checks and writes the
 * bytes (content-addressed, so a retry is harmless); `commit` records them inside the caller's
 * transaction, together with the record they belong to, and drops the parts.
 */
@Injectable()
export class StoreUploadsUseCase {
  constructor(
    private readonly uploads: UploadsRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  async prepare(owner: string, refs: FileRef[]): Promise<PreparedFile[]> {
    const prepared: PreparedFile[] = [];
    for (const ref of refs) {
      const parts = await this.uploads.parts(ref.uploadId, owner);
      if (parts.length === 0) {
        throw new ServiceError(ErrorCode.VALIDATION_FAILED, '文件尚未上传', {
          fields: [{ field: 'file', message: '未找到上传的文件内容' }],
        });
      }
      const bytes = Buffer.concat(parts);
      const checked = checkAssembledFile(ref, parts.length, bytes);
      const storageKey = contentKey(checked.sha256);
      await this.store.put(storageKey, bytes);
      prepared.push({ ref, checked, storageKey });
    }
    return prepared;
  }

  async commit(
    tx: EntityManager,
    owner: string,
    prepared: PreparedFile[],
  ): Promise<StoredFileEntity[]> {
    const files: StoredFileEntity[] = [];
    for (const f of prepared) {
      files.push(
        await this.uploads.insertFile(tx, {
          fileName: f.ref.fileName,
          ...f.checked,
          storageKey: f.storageKey,
          uploadedBy: owner,
        }),
      );
    }
    await this.uploads.dropParts(
      tx,
      prepared.map((f) => f.ref.uploadId),
    );
    return files;
  }

  /** One slice of a stored file (replies must fit in one NATS message too). */
  async chunk(file: StoredFileEntity, seq: number): Promise<FileChunk> {
    const size = Number(file.size);
    const parts = Math.max(1, Math.ceil(size / UPLOAD_PART_BYTES));
    if (seq >= parts || seq >= MAX_UPLOAD_PARTS)
      throw new ServiceError(ErrorCode.NOT_FOUND, '文件分片不存在');
    const data = await this.store.read(file.storageKey, seq * UPLOAD_PART_BYTES, UPLOAD_PART_BYTES);
    return {
      fileName: file.fileName,
      contentType: file.contentType,
      size,
      sha256: file.sha256.trim(),
      parts,
      seq,
      data: data.toString('base64'),
    };
  }
}
