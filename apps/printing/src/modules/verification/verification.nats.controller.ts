import { Controller } from '@nestjs/common';
import {
  verificationKeys,
  verifyToken,
  type BusRequest,
  type RequestOf,
  type VerificationResult,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { VerificationKeysService } from './verification-keys.service.js';
import { VerifyTokenUseCase } from './verify-token.use-case.js';

/** The public check of a printed copy (防伪二维码) and the keys that sign its QR codes. */
@Controller()
export class VerificationNatsController {
  constructor(
    private readonly verifyCopy: VerifyTokenUseCase,
    private readonly keys: VerificationKeysService,
  ) {}

  @HandleRequest(verifyToken)
  verify(req: BusRequest<RequestOf<typeof verifyToken>>): Promise<VerificationResult> {
    return this.verifyCopy.execute(req.data);
  }

  @HandleRequest(verificationKeys)
  published() {
    return { keys: this.keys.published() };
  }
}
