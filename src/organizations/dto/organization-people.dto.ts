import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsFQDN } from 'class-validator';
import { PageOf } from '../../common/openapi/page.dto';

/** The organization's verified email domains, replacing the list; [] removes them all. */
export class SetOrganizationDomainsDto {
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((domain: unknown) =>
          typeof domain === 'string' ? domain.trim().toLowerCase().replace(/^@/, '') : domain,
        )
      : value,
  )
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsFQDN({ require_tld: true }, { each: true })
  domains: string[];
}

/** One person of an organization, or asking to be, as its admins see them. */
export class OrganizationPersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  displayName: string;
  email: string;
  emailVerified: boolean;
  /** False once the workspace admin deactivated the account (it cannot sign in). */
  active: boolean;
  organizationAdmin: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class OrganizationPersonPageDto extends PageOf(OrganizationPersonDto) {}
