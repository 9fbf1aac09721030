import type { ServiceName } from '@netsign/contracts';
import type { ServiceDefinition } from '@netsign/runtime';
import { dispatchSyncService } from '../../apps/dispatch-sync/src/dispatch-sync.service.js';
import { identityService } from '../../apps/identity/src/identity.service.js';
import { printingService } from '../../apps/printing/src/printing.service.js';
import { recruitingService } from '../../apps/recruiting/src/recruiting.service.js';
import { reviewService } from '../../apps/review/src/review.service.js';
import { signingService } from '../../apps/signing/src/signing.service.js';

export const SERVICE_DEFINITIONS: Record<ServiceName, ServiceDefinition<any>> = {
  identity: identityService,
  recruiting: recruitingService,
  signing: signingService,
  review: reviewService,
  printing: printingService,
  'dispatch-sync': dispatchSyncService,
};
