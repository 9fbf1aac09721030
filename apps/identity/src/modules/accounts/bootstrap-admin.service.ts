import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsRepository } from './accounts.repository.js';
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
    private readonly accounts: AccountsRepository,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.env.BOOTSTRAP_ADMIN_PASSWORD;
    if (!password) return;
    const hash = await hashPassword(password);
    const created = await this.db.transaction(async (tx) => {
      await this.accounts.lockBootstrap(tx);
      if (await this.accounts.provinceAdminExists(tx)) return false;
      await this.accounts.insertBootstrapAdmin(tx, hash);
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
