import type { PrintRecordView } from '@netsign/contracts';
import type { PrintHistoryEntryEntity } from './print-history-entry.entity.js';
import type { PrintRecordEntity } from './print-record.entity.js';

/** A print record and its history as print management shows them. */
export function toPrintRecordView(
  r: PrintRecordEntity,
  history: readonly PrintHistoryEntryEntity[],
): PrintRecordView {
  return {
    agreementId: r.agreementId,
    agreementNo: r.agreementNo,
    graduateName: r.graduateName,
    employerName: r.employerName,
    schoolCode: r.schoolCode,
    departmentCode: r.departmentCode,
    departmentName: r.snapshot.graduate.departmentName,
    agreementStatus: r.agreementStatus,
    status: r.status,
    renderVersion: r.renderVersion,
    contentHash: r.contentHash,
    fileSha256: r.fileSha256,
    size: r.size,
    renderedAt: r.renderedAt ? r.renderedAt.toISOString() : null,
    history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action })),
  };
}
