import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'a-strong-password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class WechatLoginDto {
  @ApiProperty({
    description: 'wx.login() code of the mini-program',
    example: 'code-o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  })
  @IsString()
  @Length(1, 256)
  code!: string;
}

export class WechatBindDto {
  @ApiProperty({ example: '10357' })
  @IsString()
  @Length(1, 32)
  schoolCode!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ example: '2022010101' })
  @IsString()
  @Length(1, 64)
  studentNo!: string;

  @ApiProperty({ example: '11010519491231002X', description: 'national ID number (GB 11643)' })
  @IsString()
  @Matches(/^\d{17}[\dXx]$/, { message: '身份证号格式不正确' })
  idNumber!: string;
}
