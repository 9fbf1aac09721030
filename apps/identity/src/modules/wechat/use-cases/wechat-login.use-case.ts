import { Injectable } from '@nestjs/common';
import type { AccessTokenReply } from '@netsign/contracts';
import { SigningKeysService } from '../../auth/signing-keys.service.js';
import { GraduatesRepository } from '../../roster/graduates.repository.js';
import { graduatePrincipal, unboundPrincipal } from '../graduate-principal.js';
import { WechatClient } from '../wechat.client.js';

/** Mini-program login: code → openid → a graduate token if bound, else an unbound one. */
@Injectable()
export class WechatLoginUseCase {
  constructor(
    private readonly wechat: WechatClient,
    private readonly graduates: GraduatesRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async execute(code: string): Promise<AccessTokenReply & { bound: boolean }> {
    const { openId } = await this.wechat.code2Session(code);
    const graduate = await this.graduates.byOpenId(openId);
    const token = graduate
      ? await this.keys
          .tokens()
          .issue(graduatePrincipal(graduate, openId), { sessionVersion: graduate.bindingVersion })
      : await this.keys.tokens().issue(unboundPrincipal(openId));
    return { ...token, bound: graduate !== null };
  }
}
