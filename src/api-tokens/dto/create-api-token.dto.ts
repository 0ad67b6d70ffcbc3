import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { API_TOKEN_ACCESS, ApiTokenAccess } from '../../auth/api-token-secret';
import { Omittable, Trim } from '../../common/dto-decorators';

export class CreateApiTokenDto {
  /** Names the integration: it is the service account's display name in the group and in the audit log. */
  @Trim()
  @IsString()
  @Length(1, 120)
  name: string;

  /** `read`: the account joins as an observer; `read-write`: as a member. */
  @IsIn(API_TOKEN_ACCESS)
  access: ApiTokenAccess;

  /** More groups to scope the token to, besides the one in the path; the caller facilitates each of them. */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  groupIds?: string[];
}
