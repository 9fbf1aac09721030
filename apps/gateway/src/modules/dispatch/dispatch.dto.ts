import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { DISPATCH_RECORD_STATUSES, type DispatchRecordStatus } from '@netsign/contracts';

export class DispatchRecordQueryDto {
  @ApiPropertyOptional({ enum: DISPATCH_RECORD_STATUSES })
  @IsOptional()
  @IsIn(DISPATCH_RECORD_STATUSES)
  status?: DispatchRecordStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
}

export class ReconcileDto {
  @ApiPropertyOptional({
    description: 'Last sequence the province acknowledged per graduate (`schoolCode:studentNo`); fetched from the province when omitted',
    example: { '10357:S2026001': 2 },
  })
  @IsOptional()
  @IsObject()
  acknowledged?: Record<string, number>;
}
