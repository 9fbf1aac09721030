import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAPER_FORM_STATUSES, type PaperFormStatus } from '@netsign/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class IssuePaperFormDto {
  @ApiProperty({ example: 'AH2026-000123', description: '纸质协议书编号' })
  @IsString() @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: '编号仅含字母、数字和 -，不超过 40 位' }) formNo!: string;
}

export class ReissuePaperFormDto extends IssuePaperFormDto {
  @ApiProperty({ example: '原协议书遗失' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class PaperFormListQueryDto {
  @ApiPropertyOptional({ enum: PAPER_FORM_STATUSES }) @IsOptional() @IsIn(PAPER_FORM_STATUSES) status?: PaperFormStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) graduateId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) departmentCode?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}
