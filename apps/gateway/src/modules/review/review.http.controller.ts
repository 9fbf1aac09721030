import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ErrorCode,
  reviewDecide,
  reviewDecisionSchema,
  reviewTaskDetailView,
  reviewTaskGet,
  reviewTaskList,
  reviewTaskListQuery,
  reviewTaskPageView,
  reviewTaskView,
  Role,
  uuidParams,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const REVIEWERS = [Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN] as const;

/** 审核: department staff review their department's agreements, a school admin the whole school's. */
@Area('review')
@Controller()
export class ReviewHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('review-tasks')
  @Roles(...REVIEWERS)
  @Endpoint({
    operationId: 'listReviewTasks',
    summary: 'Review queue, paged {items, total}, oldest first; overdue flagged',
    query: reviewTaskListQuery,
    response: reviewTaskPageView,
  })
  list(@Query() query: RequestOf<typeof reviewTaskList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(reviewTaskList, query, ctx);
  }

  @Get('review-tasks/:taskId')
  @Roles(...REVIEWERS)
  @Endpoint({
    operationId: 'getReviewTask',
    summary: 'One task with the agreement snapshot and the employer’s qualification documents',
    params: uuidParams('taskId'),
    response: reviewTaskDetailView,
    errors: [ErrorCode.NOT_FOUND],
  })
  get(@Param('taskId') taskId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(reviewTaskGet, { taskId }, ctx);
  }

  @Post('agreements/:agreementId/review')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @Endpoint({
    operationId: 'reviewAgreement',
    summary: 'APPROVE, or REJECT with a reason; a second decision → 409 INVALID_STATE',
    params: uuidParams('agreementId'),
    body: reviewDecisionSchema,
    example: REQUEST_EXAMPLES.review,
    response: reviewTaskView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  decide(
    @Param('agreementId') agreementId: string,
    @Body() body: Omit<RequestOf<typeof reviewDecide>, 'agreementId'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(reviewDecide, { ...body, agreementId }, ctx);
  }
}
