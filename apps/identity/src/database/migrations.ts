import type { IdentityEnv } from '../identity.env.js';
import { SigningKeyCipher } from '../modules/auth/signing-key-cipher.js';
import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { SigningKeys1764280000100 } from './migrations/1764280000100-SigningKeys.js';
import { Identity1764280000200 } from './migrations/1764280000200-Identity.js';
import { IdentityInboxParties1764280000300 } from './migrations/1764280000300-IdentityInboxParties.js';
import { StaffDeactivation1764280000400 } from './migrations/1764280000400-StaffDeactivation.js';
import { GraduateDestination1764280000500 } from './migrations/1764280000500-GraduateDestination.js';
import { encryptSigningKeysMigration } from './migrations/1764280000600-EncryptSigningKeys.js';
import { SessionVersions1764280000700 } from './migrations/1764280000700-SessionVersions.js';
import { AuditChain1764280000800 } from './migrations/1764280000800-AuditChain.js';
import { StandardCodes1764280000900 } from './migrations/1764280000900-StandardCodes.js';
import { CorrectionReplacedValues1764280001000 } from './migrations/1764280001000-CorrectionReplacedValues.js';

/**
 * In the order they apply; a landed migration is never edited, a new one is appended. Built from
 * env: encrypting the stored signing keys needs SIGNING_KEY_ENCRYPTION_KEY.
 */
export function identityMigrations(env: Pick<IdentityEnv, 'SIGNING_KEY_ENCRYPTION_KEY'>) {
  return [
    Init1764280000000,
    SigningKeys1764280000100,
    Identity1764280000200,
    IdentityInboxParties1764280000300,
    StaffDeactivation1764280000400,
    GraduateDestination1764280000500,
    encryptSigningKeysMigration(SigningKeyCipher.fromEnv(env)),
    SessionVersions1764280000700,
    AuditChain1764280000800,
    StandardCodes1764280000900,
    CorrectionReplacedValues1764280001000,
  ];
}
