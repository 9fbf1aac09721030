import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PRINT_STATUSES, type PrintStatus } from '@netsign/contracts';
import { pageQueryOf } from '../../common/validation/paging.dto.js';

export class PrintRecordQueryDto extends pageQueryOf(20, 100) {
  @ApiPropertyOptional({ enum: PRINT_STATUSES })
  @IsOptional()
  @IsIn(PRINT_STATUSES)
  status?: PrintStatus;
}
