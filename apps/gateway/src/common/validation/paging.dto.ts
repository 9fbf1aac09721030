import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=&pageSize=` with a default and a largest page size (the handler applies the defaults). */
export function pageQueryOf(defaultSize: number, maxSize: number) {
  class PageQueryOf {
    @ApiPropertyOptional({ default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    page?: number;

    @ApiPropertyOptional({ default: defaultSize, maximum: maxSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxSize)
    pageSize?: number;
  }
  return PageQueryOf;
}

/** Most lists: 20 a page by default, at most 100. */
export class PageQuery extends pageQueryOf(20, 100) {}

/** The school's long lists (roster, staff): 50 a page by default, at most 200. */
export class LongPageQuery extends pageQueryOf(50, 200) {}
