import type { Principal } from '@netsign/contracts';
import { SigningKeysService } from '../../apps/identity/src/modules/auth/signing-keys.service.js';
import type { Platform } from './platform.js';

/** A token as identity would issue it after a login, for tests of other areas. */
export async function issueToken(platform: Platform, principal: Principal): Promise<string> {
  const identity = platform.services.get('identity');
  if (!identity) throw new Error('identity is not running');
  return (await identity.app.get(SigningKeysService).tokens().issue(principal)).accessToken;
}
