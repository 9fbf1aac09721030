import { Controller } from '@nestjs/common';
import { authSigningKeys, type PublicJwk } from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { SigningKeysService } from './signing-keys.service.js';

@Controller()
export class AuthNatsController {
  constructor(private readonly keys: SigningKeysService) {}

  @HandleRequest(authSigningKeys)
  signingKeys(): { keys: PublicJwk[] } {
    return { keys: this.keys.publicKeys() };
  }
}
