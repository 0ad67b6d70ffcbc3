import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowedBeforeTwoFactor } from '../auth/allowed-before-two-factor.decorator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateMeDto } from './dto/update-me.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  /** Open before enrolment in a required second factor: the client reads who is signed in from here. */
  @AllowedBeforeTwoFactor()
  @Get()
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.me(user);
  }

  @Patch()
  @ApiErrors(409)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.users.updateMe(user, dto);
  }
}
