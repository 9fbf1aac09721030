import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AgreementTermsDto } from '../agreements/agreements.dto.js';
import { PageQuery } from '../../common/validation/paging.dto.js';

export class PositionDto {
  @ApiProperty({ example: '后端开发工程师' }) @IsString() @IsNotEmpty() @MaxLength(100) title!: string;
  @ApiProperty({ example: '安徽省合肥市' }) @IsString() @IsNotEmpty() @MaxLength(100) location!: string;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(10_000) headcount!: number;
  @ApiPropertyOptional({ example: '8k-12k' }) @IsOptional() @IsString() @MaxLength(50) salaryRange?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
}

/** An edit: only the fields sent change. */
export class PositionChangesDto {
  @ApiPropertyOptional({ example: '后端开发工程师' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ example: '安徽省合肥市' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) location?: string;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) @Max(10_000) headcount?: number;
  @ApiPropertyOptional({ example: '8k-12k' }) @IsOptional() @IsString() @MaxLength(50) salaryRange?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
}

export class PageQueryDto extends PageQuery {}

export class PositionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'searches title, location and description' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) employerId?: string;
}

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() positionId?: string;
}

export class OfferQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'] })
  @IsOptional()
  @IsIn(['SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'])
  status?: 'SENT' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
}

export class ResumeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) education?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) experience?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(50, { each: true }) skills?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) email?: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) at!: string;
  @ApiProperty({ example: '合肥市高新区望江西路 800 号 B3 栋 12 层' }) @IsString() @IsNotEmpty() @MaxLength(200) place!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'answer deadline' }) @IsOptional() @IsISO8601({ strict: true }) respondBy?: string;
}

export class AcceptDto {
  @ApiProperty() @IsBoolean() accept!: boolean;
}

export class OfferDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() positionId!: string;
  @ApiProperty({ type: AgreementTermsDto }) @ValidateNested() @Type(() => AgreementTermsDto) terms!: AgreementTermsDto;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class InterviewResultDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiPropertyOptional({ type: OfferDto }) @IsOptional() @ValidateNested() @Type(() => OfferDto) offer?: OfferDto;
}
