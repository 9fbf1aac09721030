import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { AccountsNatsController } from './accounts.nats.controller.js';
import { AccountsRepository } from './accounts.repository.js';
import { DepartmentEntity } from './department.entity.js';
import { EmployerEntity } from './employer.entity.js';
import { SchoolEntity } from './school.entity.js';
import { UserEntity } from './user.entity.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { StaffNatsController } from './staff.nats.controller.js';
import { ChangePasswordUseCase } from './use-cases/change-password.use-case.js';
import { CreateSchoolUseCase } from './use-cases/create-school.use-case.js';
import { CreateStaffUseCase } from './use-cases/create-staff.use-case.js';
import { ListStaffUseCase } from './use-cases/list-staff.use-case.js';
import { LoginUseCase } from './use-cases/login.use-case.js';
import { RegisterEmployerUseCase } from './use-cases/register-employer.use-case.js';
import { StaffActivationUseCase } from './use-cases/staff-activation.use-case.js';
import { UpdateStaffUseCase } from './use-cases/update-staff.use-case.js';

@Module({
  imports: [
    AuthModule,
    TypeOrmModule.forFeature([UserEntity, SchoolEntity, DepartmentEntity, EmployerEntity]),
  ],
  controllers: [AccountsNatsController, StaffNatsController],
  providers: [
    AccountsRepository,
    BootstrapAdminService,
    LoginUseCase,
    CreateSchoolUseCase,
    CreateStaffUseCase,
    RegisterEmployerUseCase,
    ListStaffUseCase,
    UpdateStaffUseCase,
    StaffActivationUseCase,
    ChangePasswordUseCase,
  ],
  exports: [AccountsRepository],
})
export class AccountsModule {}
