import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { SetupDto } from './dto/setup.dto';
import { UserDto } from './dto/user.dto';
import { WorkspaceSetupService } from './workspace-setup.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';

@ApiTags('users')
@Controller('setup')
export class WorkspaceSetupController {
  constructor(private readonly setup: WorkspaceSetupService) {}

  /** Creates the first workspace admin with the setup link's token; then they sign in as anyone does. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post()
  @ApiErrors(404, 409, 429)
  create(@Body() dto: SetupDto): Promise<UserDto> {
    const { token, ...admin } = dto;
    return this.setup.createFirstAdmin(token, admin);
  }
}
