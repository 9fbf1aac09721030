import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REVIEW_DECISIONS,
  REVIEW_TASK_STATUSES,
  SIGNING_METHODS,
  type ReviewDecision,
  type ReviewTaskStatus,
  type SigningMethod,
} from '@netsign/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class ReviewTaskListQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_TASK_STATUSES, example: 'PENDING' }) @IsOptional() @IsIn(REVIEW_TASK_STATUSES) status?: ReviewTaskStatus;
  @ApiPropertyOptional({ description: 'school admins only narrow by department; staff always see their own' })
  @IsOptional() @IsString() @MaxLength(32) departmentCode?: string;
  @ApiPropertyOptional({ enum: SIGNING_METHODS }) @IsOptional() @IsIn(SIGNING_METHODS) method?: SigningMethod;
  @ApiPropertyOptional({ description: 'pending longer than REVIEW_OVERDUE_DAYS' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'graduate name, student no, agreement no or employer name' })
  @IsOptional() @IsString() @MaxLength(64) q?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;
  @ApiPropertyOptional({ description: '驳回时必填', example: '用人单位资质材料不全' })
  @ValidateIf((o: ReviewDecisionDto) => o.decision === 'REJECT' || o.reason !== undefined)
  @IsString() @IsNotEmpty({ message: '驳回须填写理由' }) @MaxLength(500) reason?: string;
}
