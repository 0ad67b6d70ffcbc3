import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsFQDN } from 'class-validator';

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
  id: string;
  displayName: string;
  email: string;
  emailVerified: boolean;
  /** False once the workspace admin deactivated the account (it cannot sign in). */
  active: boolean;
  organizationAdmin: boolean;
  createdAt: string;
}
