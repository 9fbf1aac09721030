import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { DISPATCH_RECORD_STATUSES, type DispatchRecordStatus } from '@netsign/contracts';
import { pageQueryOf } from '../../common/validation/paging.dto.js';

export class DispatchRecordQueryDto extends pageQueryOf(50, 500) {
  @ApiPropertyOptional({ enum: DISPATCH_RECORD_STATUSES })
  @IsOptional()
  @IsIn(DISPATCH_RECORD_STATUSES)
  status?: DispatchRecordStatus;
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
