import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DESTINATIONS, type Destination } from '@netsign/contracts';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class SetDestinationDto {
  @ApiProperty({ enum: DESTINATIONS, example: 'SIGNED_OFFLINE' }) @IsIn(DESTINATIONS) destination!: Destination;
  @ApiPropertyOptional({ example: '已签订纸质协议' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class UnlockDto {
  @ApiProperty({ example: '线下协议已解除' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class QrCardDto {
  @ApiProperty() token!: string;
  @ApiProperty({ example: 'http://localhost:3000/qr/q1.xxx.yyy', description: 'the portal’s method-3 page (/qr/{token})' }) url!: string;
  @ApiProperty({ description: 'data:image/png;base64,…' }) qrPng!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
