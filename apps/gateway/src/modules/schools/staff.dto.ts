import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES } from '@netsign/contracts';

import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { LongPageQuery } from '../../common/validation/paging.dto.js';

export class ListStaffQuery extends LongPageQuery {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: (typeof STAFF_ROLES)[number];
}

/** Only the fields sent change; which ones an account takes depends on its role. */
export class UpdateStaffDto {
  @ApiPropertyOptional({
    description: 'DEPARTMENT_STAFF: the department (must exist in the school)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  departmentCode?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'COUNSELLOR: assigned graduates (replaces the list; graduates of this school)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  graduateIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'COUNSELLOR: assigned classes (replaces the list)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  classNames?: string[];
}

export class DeactivateStaffDto {
  @ApiProperty({ example: '已调离本校' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @Length(1, 500)
  reason!: string;
}

export class ReactivateStaffDto {
  @ApiPropertyOptional({ example: '误操作，恢复账号' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
