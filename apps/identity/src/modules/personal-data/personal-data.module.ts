import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { IdNumberCipher } from './id-number-cipher.js';
import { IdNumberRekey } from './id-number-rekey.js';
import { PersonalDataRepository } from './personal-data.repository.js';
import { GraduateEntity } from '../roster/graduate.entity.js';

/** The ID-number cipher, built once from env (keys validated at boot), and re-encryption after a rotation. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([GraduateEntity])],
  providers: [
    {
      provide: IdNumberCipher,
      inject: [IDENTITY_ENV],
      useFactory: (env: IdentityEnv) => IdNumberCipher.fromEnv(env),
    },
    PersonalDataRepository,
    IdNumberRekey,
  ],
  exports: [IdNumberCipher],
})
export class PersonalDataModule {}
