import { Global, Module } from '@nestjs/common';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { IdNumberCipher } from './id-number-cipher.js';

/** The ID-number cipher, built once from env (keys validated at boot). */
@Global()
@Module({
  providers: [
    {
      provide: IdNumberCipher,
      inject: [IDENTITY_ENV],
      useFactory: (env: IdentityEnv) => IdNumberCipher.fromEnv(env),
    },
  ],
  exports: [IdNumberCipher],
})
export class PersonalDataModule {}
