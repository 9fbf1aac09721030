import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { writeAudit } from '../audit/audit.js';
import { hashPassword } from './password.js';

/** Creates `admin` (PROVINCE_ADMIN) from BOOTSTRAP_ADMIN_PASSWORD when no province admin exists. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly db: DataSource,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.env.BOOTSTRAP_ADMIN_PASSWORD;
    if (!password) return;
    const hash = await hashPassword(password);
    const created = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity-bootstrap-admin'))`);
      const existing: unknown[] = await tx.query(
        `SELECT 1 FROM users WHERE role = 'PROVINCE_ADMIN' LIMIT 1`,
      );
      if (existing.length > 0) return false;
      await tx.query(
        `INSERT INTO users (username, password_hash, role) VALUES ('admin', $1, 'PROVINCE_ADMIN')
         ON CONFLICT DO NOTHING`,
        [hash],
      );
      await writeAudit(tx, {
        actor: null,
        action: 'PROVINCE_ADMIN_BOOTSTRAPPED',
        subjectType: 'user',
        subjectId: 'admin',
      });
      return true;
    });
    if (created) this.logger.log('province admin "admin" created from BOOTSTRAP_ADMIN_PASSWORD');
  }
}
