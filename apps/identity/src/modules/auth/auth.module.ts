import { Module } from '@nestjs/common';
import { AuthNatsController } from './auth.nats.controller.js';
import { SigningKeysService } from './signing-keys.service.js';

@Module({
  controllers: [AuthNatsController],
  providers: [SigningKeysService],
  exports: [SigningKeysService],
})
export class AuthModule {}
