import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGREEMENT_STATUSES,
  SIGNING_METHODS,
  SUPERIOR_AUTHORITIES,
  type AgreementStatus,
  type AgreementTerms,
  type SigningMethod,
  type SuperiorAuthority,
} from '@netsign/contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  MinLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Agreement terms (API.md): what every signing method and every signing offer carries. */
export class AgreementTermsDto {
  @ApiProperty({ example: '安徽省合肥市' }) @IsString() @IsNotEmpty() @MaxLength(200) workLocation!: string;
  @ApiProperty({ example: 9500, description: '元/月' }) @IsNumber() @Min(1) @Max(1_000_000) monthlySalary!: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(6) probationMonths!: number;
  @ApiProperty({ example: 3 }) @IsNumber() @Min(0) @Max(20) contractYears!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) archiveTransferAddress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) hukouTransferAddress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) otherTerms?: string;
  @ApiPropertyOptional({ enum: SUPERIOR_AUTHORITIES, nullable: true, description: '用人单位无用人自主权时必填' })
  @IsOptional()
  @IsIn(SUPERIOR_AUTHORITIES)
  superiorAuthority?: SuperiorAuthority | null;
}

export class GraduateIdentityDto {
  @ApiProperty({ example: '10357' }) @IsString() @IsNotEmpty() @MaxLength(20) schoolCode!: string;
  @ApiProperty({ example: '李明' }) @IsString() @IsNotEmpty() @MaxLength(50) name!: string;
  @ApiProperty({ example: '2022010101' }) @IsString() @IsNotEmpty() @MaxLength(30) studentNo!: string;
  @ApiProperty({ example: '340104200301015112' }) @IsString() @IsNotEmpty() @MaxLength(18) idNumber!: string;
}

/** Method 2: the employer signs directly with a graduate it identifies. */
export class SignDirectDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() positionId!: string;
  @ApiProperty({ type: GraduateIdentityDto }) @ValidateNested() @Type(() => GraduateIdentityDto) graduate!: GraduateIdentityDto;
  @ApiProperty({ type: AgreementTermsDto }) @ValidateNested() @Type(() => AgreementTermsDto) terms!: AgreementTermsDto;
}

/** Method 3: the employer signs from a scanned QR card. */
export class SignQrCardDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() positionId!: string;
  @ApiProperty({ type: AgreementTermsDto }) @ValidateNested() @Type(() => AgreementTermsDto) terms!: AgreementTermsDto;
}

export class AgreementListQueryDto {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
  @ApiPropertyOptional({ enum: SIGNING_METHODS }) @IsOptional() @IsIn(SIGNING_METHODS) method?: SigningMethod;
  @ApiPropertyOptional({ description: 'agreement number, student number, or the start of the graduate’s or employer’s name' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64) q?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

/** What every signing method answers (201). */
export class SignResultDto {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ example: '2026-10357-000123' }) agreementNo!: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: AgreementStatus;
  @ApiProperty({ enum: SIGNING_METHODS }) method!: SigningMethod;
}

/** The DTO as the contract's terms (defaults filled; the service's schema validates again). */
export function toTerms(d: AgreementTermsDto): AgreementTerms {
  return {
    workLocation: d.workLocation,
    monthlySalary: d.monthlySalary,
    probationMonths: d.probationMonths,
    contractYears: d.contractYears,
    archiveTransferAddress: d.archiveTransferAddress ?? '',
    hukouTransferAddress: d.hukouTransferAddress ?? '',
    otherTerms: d.otherTerms ?? '',
    superiorAuthority: d.superiorAuthority ?? null,
  };
}
