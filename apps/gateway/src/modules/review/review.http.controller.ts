import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { reviewDecide, reviewTaskGet, reviewTaskList, Role, type RequestContext } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { ReviewDecisionDto, ReviewTaskListQueryDto } from './review.dto.js';

const REVIEWERS = [Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN] as const;

/** 审核: department staff review their department's agreements, a school admin the whole school's. */
@ApiTags('review')
@ApiBearerAuth()
@Controller()
export class ReviewHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('review-tasks')
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: 'Review queue, paged {items, total}, oldest first; overdue flagged' })
  list(@Query() q: ReviewTaskListQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(
      reviewTaskList,
      {
        ...(q.status ? { status: q.status } : {}),
        ...(q.departmentCode ? { departmentCode: q.departmentCode } : {}),
        ...(q.method ? { method: q.method } : {}),
        ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
        ...(q.q ? { q: q.q } : {}),
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      },
      ctx,
    );
  }

  @Get('review-tasks/:taskId')
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: 'One task with the agreement snapshot and the employer’s qualification documents' })
  get(@Param('taskId', new ParseUUIDPipe()) taskId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(reviewTaskGet, { taskId }, ctx);
  }

  @Post('agreements/:agreementId/review')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: 'APPROVE, or REJECT with a reason; a second decision → 409 INVALID_STATE' })
  decide(@Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Body() body: ReviewDecisionDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(reviewDecide, { agreementId, decision: body.decision, reason: body.reason ?? null }, ctx);
  }
}
