import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';

export class RegisterEmployerDto {
  @ApiProperty({
    example: '91350100M000100Y43',
    description: 'unified social credit code (GB 32100)',
  })
  @IsString()
  @Length(1, 32)
  creditCode!: string;

  @ApiProperty({ example: '某某科技有限公司' }) @IsString() @Length(1, 128) name!: string;
  @ApiProperty({ example: '民营企业' }) @IsString() @Length(1, 64) nature!: string;
  @ApiProperty({ example: '信息技术' }) @IsString() @Length(1, 64) industry!: string;
  @ApiProperty({ example: '合肥市蜀山区' }) @IsString() @Length(1, 256) address!: string;
  @ApiProperty() @IsBoolean() hasHiringAutonomy!: boolean;
  @ApiProperty({ example: '李四' }) @IsString() @Length(1, 64) contactName!: string;

  @ApiProperty({ example: '0551-12345678' })
  @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone!: string;

  @ApiProperty({ example: 'hr-acme' })
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/)
  username!: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 256)
  password!: string;
}
