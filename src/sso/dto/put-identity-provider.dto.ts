import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
} from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Sets an organization's identity provider, whole (PUT): what is left out takes its default. */
export class PutIdentityProviderDto {
  /** The Issuer Identifier, exactly as the provider spells it (https; http only with SSO_ALLOW_HTTP). */
  @Trim()
  @IsString()
  @Length(1, 500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_query_components: false })
  issuer: string;

  @Trim()
  @IsString()
  @Length(1, 255)
  clientId: string;

  /** Left out: the stored secret stays. null: none (a public client, PKCE only). Never answered back. */
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  clientSecret?: string | null;

  /** The email domains this provider may vouch for (`iom.int`): a sign-in with any other address is refused. */
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((d: unknown) => (typeof d === 'string' ? d.trim().toLowerCase().replace(/^@/, '') : d))
      : value,
  )
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(3, 253, { each: true })
  @Matches(DOMAIN, { each: true })
  allowedDomains: string[];

  /** Default true; false keeps the settings but offers no sign-in. */
  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}
