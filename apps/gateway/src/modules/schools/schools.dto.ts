import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DESTINATIONS, type Destination } from '@netsign/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LongPageQuery } from '../../common/validation/paging.dto.js';

export class DepartmentDto {
  @ApiProperty({ example: 'CS' })
  @IsString()
  @Length(1, 32)
  code!: string;

  @ApiProperty({ example: '计算机学院' })
  @IsString()
  @Length(1, 128)
  name!: string;
}

export class CreateSchoolDto {
  @ApiProperty({ example: '10357' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  code!: string;

  @ApiProperty({ example: '安徽大学' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ type: [DepartmentDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DepartmentDto)
  departments!: DepartmentDto[];
}

export class CreateStaffDto {
  @ApiProperty({ example: 'cs-teacher' })
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/)
  username!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 256)
  password!: string;

  @ApiProperty({ enum: ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'] })
  @IsIn(['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'])
  role!: 'SCHOOL_ADMIN' | 'DEPARTMENT_STAFF' | 'COUNSELLOR';

  @ApiPropertyOptional({ description: 'required for DEPARTMENT_STAFF' })
  @ValidateIf(
    (o: CreateStaffDto) => o.role === 'DEPARTMENT_STAFF' || o.departmentCode !== undefined,
  )
  @IsString()
  @Length(1, 32)
  departmentCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'COUNSELLOR: assigned graduates' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  graduateIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'COUNSELLOR: assigned classes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  classNames?: string[];
}

export class ListGraduatesQuery extends LongPageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 32)
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'student number, or the start of a name' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  q?: string;

  @ApiPropertyOptional({ enum: DESTINATIONS, description: 'e.g. AWAITING_EMPLOYMENT: who has not signed yet' })
  @IsOptional()
  @IsIn(DESTINATIONS)
  destination?: Destination;
}

export class CorrectionsQuery {
  @ApiPropertyOptional({ enum: ['PENDING', 'APPROVED', 'REJECTED'] })
  @IsOptional()
  @IsIn(['PENDING', 'APPROVED', 'REJECTED'])
  status?: 'PENDING' | 'APPROVED' | 'REJECTED';
}

export class CorrectionDecisionDto {
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] })
  @IsIn(['APPROVE', 'REJECT'])
  decision!: 'APPROVE' | 'REJECT';

  @ApiPropertyOptional({ description: 'required to reject' })
  @ValidateIf((o: CorrectionDecisionDto) => o.decision === 'REJECT' || o.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;
}
