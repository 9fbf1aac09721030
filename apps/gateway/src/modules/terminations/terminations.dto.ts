import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TERMINATION_DECISIONS, TERMINATION_STATUSES, type TerminationDecision, type TerminationStatus } from '@netsign/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class TerminationListQueryDto {
  @ApiPropertyOptional({ enum: TERMINATION_STATUSES, example: 'PENDING' }) @IsOptional() @IsIn(TERMINATION_STATUSES) status?: TerminationStatus;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class TerminationDecisionDto {
  @ApiProperty({ enum: TERMINATION_DECISIONS }) @IsIn(TERMINATION_DECISIONS) decision!: TerminationDecision;
  @ApiPropertyOptional({ description: '不同意时必填' })
  @ValidateIf((o: TerminationDecisionDto) => o.decision === 'DISAGREE' || o.reason !== undefined)
  @IsString() @IsNotEmpty({ message: '不同意解约须填写理由' }) @MaxLength(500) reason?: string;
}
