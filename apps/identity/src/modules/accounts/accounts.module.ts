import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AccountsNatsController } from './accounts.nats.controller.js';
import { AccountsRepository } from './accounts.repository.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { CreateSchoolUseCase } from './use-cases/create-school.use-case.js';
import { CreateStaffUseCase } from './use-cases/create-staff.use-case.js';
import { LoginUseCase } from './use-cases/login.use-case.js';
import { RegisterEmployerUseCase } from './use-cases/register-employer.use-case.js';

@Module({
  imports: [AuthModule],
  controllers: [AccountsNatsController],
  providers: [
    AccountsRepository,
    BootstrapAdminService,
    LoginUseCase,
    CreateSchoolUseCase,
    CreateStaffUseCase,
    RegisterEmployerUseCase,
  ],
  exports: [AccountsRepository],
})
export class AccountsModule {}
