import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/validation/paging.dto.js';

export class CorrectionChangesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) name?: string;
  @ApiPropertyOptional({ enum: ['男', '女'] })
  @IsOptional()
  @IsString()
  @Length(1, 8)
  gender?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) major?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) degree?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) className?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) originPlace?: string;
}

export class CorrectionRequestDto {
  @ApiProperty({ type: CorrectionChangesDto, description: 'only the fields to change' })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesDto)
  changes!: CorrectionChangesDto;

  @ApiProperty({ example: '专业名称有误' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unreadOnly?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ minLength: 8, description: 'as strong as a new account’s password' })
  @IsString()
  @Length(8, 256)
  newPassword!: string;
}
