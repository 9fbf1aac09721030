import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PRINT_STATUSES, type PrintStatus } from '@netsign/contracts';

export class PrintRecordQueryDto {
  @ApiPropertyOptional({ enum: PRINT_STATUSES })
  @IsOptional()
  @IsIn(PRINT_STATUSES)
  status?: PrintStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
