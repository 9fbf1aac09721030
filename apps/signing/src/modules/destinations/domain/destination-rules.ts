import { ErrorCode, ServiceError, type Destination } from '@netsign/contracts';
import {
  defaultDestinationCode,
  DESTINATION_CODES_BY_CATEGORY,
  destinationCodeFits,
  graduateDestinationName,
} from '@netsign/standard-codes';

/**
 * Rules on a graduate's destination (毕业去向). SIGNED_ONLINE is set only by signing; a school admin
 * records the others and unlocks back to AWAITING_EMPLOYMENT; an active agreement blocks both
 * (it must be terminated first).
 */
export interface DestinationState {
  destination: Destination;
  hasActiveAgreement: boolean;
}

export function assertCanSign(state: DestinationState): void {
  if (state.hasActiveAgreement || state.destination !== 'AWAITING_EMPLOYMENT') {
    throw new ServiceError(ErrorCode.GRADUATE_NOT_AVAILABLE, undefined, {
      destination: state.destination,
    });
  }
}

export function assertCanRecord(state: DestinationState, target: Destination): void {
  if (target === 'SIGNED_ONLINE') {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '网上签约去向只能由签约产生', {
      fields: [{ field: 'destination', message: '不能手工登记为 SIGNED_ONLINE' }],
    });
  }
  if (target === 'AWAITING_EMPLOYMENT') {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '恢复待就业请使用解锁并填写原因', {
      fields: [{ field: 'destination', message: '请使用 unlock' }],
    });
  }
  if (state.hasActiveAgreement) {
    throw new ServiceError(ErrorCode.INVALID_STATE, '该毕业生有有效的网签协议，须先解约');
  }
}

export function assertCanUnlock(state: DestinationState, reason: string): void {
  if (!reason.trim()) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '解锁必须填写原因', {
      fields: [{ field: 'reason', message: '必须填写原因' }],
    });
  }
  if (state.hasActiveAgreement) {
    throw new ServiceError(ErrorCode.INVALID_STATE, '该毕业生有有效的网签协议，须通过解约办理');
  }
  if (state.destination === 'AWAITING_EMPLOYMENT') {
    throw new ServiceError(ErrorCode.INVALID_STATE, '该毕业生已是待就业状态');
  }
}

/**
 * The 毕业去向代码 a school admin gives with a destination must belong to its category
 * (docs/standard-codes.md); none given → the category's default (null for OTHER).
 */
export function checkDestinationCode(
  destination: Destination,
  code: string | undefined,
): string | null {
  if (code === undefined) return defaultDestinationCode(destination);
  if (!destinationCodeFits(destination, code)) {
    const allowed = DESTINATION_CODES_BY_CATEGORY[destination]
      .map((c) => `${c} ${graduateDestinationName(c)}`)
      .join('、');
    const message = `毕业去向代码 ${code} 不属于所选去向，可选：${allowed}`;
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, message, {
      fields: [{ field: 'destinationCode', message }],
    });
  }
  return code;
}

/** The code with its name, as views show it. */
export function destinationCodeView(code: string | null): {
  destinationCode: string | null;
  destinationName: string | null;
} {
  return {
    destinationCode: code,
    destinationName: code ? (graduateDestinationName(code) ?? null) : null,
  };
}
