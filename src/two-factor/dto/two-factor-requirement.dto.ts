import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { TWO_FACTOR_AUDIENCES, TwoFactorAudience } from '../entities/two-factor-requirement.entity';

/** Who must use a second factor: `admins` (the workspace admins), `facilitators` (of any group); [] for nobody. */
export class TwoFactorRequirementDto {
  @IsArray()
  @ArrayMaxSize(TWO_FACTOR_AUDIENCES.length)
  @IsIn(TWO_FACTOR_AUDIENCES, { each: true })
  requireFor: TwoFactorAudience[];
}
