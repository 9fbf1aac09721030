import { Injectable } from '@nestjs/common';
import { destinationChanged, type Actor, type Destination } from '@netsign/contracts';
import { appendToChain } from '@netsign/audit-chain';
import { publishEvent } from '@netsign/messaging';
import { defaultDestinationCode } from '@netsign/standard-codes';
import { preparedQuery } from '@netsign/persistence';
import type { EntityManager } from 'typeorm';
import type { GraduateRow } from './graduate-projection.repository.js';

/** Every destination change: the row, its audit entry (chained per graduate) and the event, in the caller's transaction. */
@Injectable()
export class DestinationWriter {
  async change(
    tx: EntityManager,
    graduate: GraduateRow,
    to: Destination,
    input: {
      reason: string | null;
      note?: string | null;
      agreementId: string | null;
      actor?: Actor;
      /** 毕业去向代码 the caller checked fits `to`; the category's default when absent. */
      destinationCode?: string | null;
    },
  ): Promise<GraduateRow> {
    const at = new Date();
    const destinationCode =
      input.destinationCode !== undefined ? input.destinationCode : defaultDestinationCode(to);
    const actor = input.actor ?? null;
    // The graduate's destination changes form one audit chain (the caller holds the graduate's row lock).
    await appendToChain(
      tx,
      {
        aggregateType: 'graduate-destination',
        aggregateId: graduate.graduateId,
        action: 'DESTINATION_CHANGE',
        actor,
        at,
        // agreement_id is a uuid column: the chain has the id as Postgres prints it.
        payload: {
          from: graduate.destination,
          to,
          reason: input.reason,
          agreementId: input.agreementId?.toLowerCase() ?? null,
        },
      },
      // One round trip for the row and its audit entry.
      (link) =>
        preparedQuery(
          tx,
          'signing-destination-change',
          `WITH changed AS (
             UPDATE graduates SET destination = $3, destination_note = $4, destination_code = $12, updated_at = $7
              WHERE graduate_id = $1 RETURNING graduate_id)
           INSERT INTO destination_changes (graduate_id, from_value, to_value, reason, agreement_id, actor, at, seq, prev_hash, hash,
                                            destination_code)
           SELECT graduate_id, $2, $3, $5, $6, $8, $7, $9, $10, $11, $12 FROM changed`,
          [
            graduate.graduateId,
            graduate.destination,
            to,
            input.note ?? null,
            input.reason,
            input.agreementId,
            at,
            JSON.stringify(actor),
            link.seq,
            link.prevHash,
            link.hash,
            destinationCode,
          ],
        ),
    );
    await publishEvent(tx, destinationChanged, {
      aggregateId: graduate.graduateId,
      ...(input.actor !== undefined ? { actor: input.actor } : {}),
      payload: {
        graduateId: graduate.graduateId,
        schoolCode: graduate.schoolCode,
        departmentCode: graduate.departmentCode,
        from: graduate.destination,
        to,
        reason: input.reason,
        agreementId: input.agreementId,
        changedAt: at.toISOString(),
        destinationCode,
        studentNo: graduate.snapshot.studentNo,
        name: graduate.snapshot.name,
      },
    });
    return { ...graduate, destination: to, note: input.note ?? null, destinationCode };
  }
}
