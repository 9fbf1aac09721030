import { Controller } from '@nestjs/common';
import {
  authWechatBind,
  authWechatLogin,
  wechatBindingRelease,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { BindWechatUseCase } from './use-cases/bind-wechat.use-case.js';
import { ReleaseBindingUseCase } from './use-cases/release-binding.use-case.js';
import { WechatLoginUseCase } from './use-cases/wechat-login.use-case.js';

@Controller()
export class WechatNatsController {
  constructor(
    private readonly login: WechatLoginUseCase,
    private readonly bind: BindWechatUseCase,
    private readonly release: ReleaseBindingUseCase,
  ) {}

  @HandleRequest(authWechatLogin)
  wechatLogin({ data }: BusRequest<RequestOf<typeof authWechatLogin>>) {
    return this.login.execute(data.code);
  }

  @HandleRequest(authWechatBind)
  wechatBind({ ctx, data }: BusRequest<RequestOf<typeof authWechatBind>>) {
    return this.bind.execute(ctx.principal, data);
  }

  @HandleRequest(wechatBindingRelease)
  releaseBinding({ ctx, data }: BusRequest<RequestOf<typeof wechatBindingRelease>>) {
    return this.release.execute(ctx.principal, data.schoolCode, data.graduateId);
  }
}
