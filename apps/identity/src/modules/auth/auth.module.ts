import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SigningKeysRepository } from './auth.repository.js';
import { AuthNatsController } from './auth.nats.controller.js';
import { SigningKeyEntity } from './signing-key.entity.js';
import { SigningKeysService } from './signing-keys.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity])],
  controllers: [AuthNatsController],
  providers: [SigningKeysRepository, SigningKeysService],
  exports: [SigningKeysService],
})
export class AuthModule {}
