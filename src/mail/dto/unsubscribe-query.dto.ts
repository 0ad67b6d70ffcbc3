import { IsString, MaxLength } from 'class-validator';

/** The signed token of an unsubscribe link, and nothing else. */
export class UnsubscribeQueryDto {
  @IsString()
  @MaxLength(512)
  token: string;
}
