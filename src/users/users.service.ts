import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { hashPassword, verifyPassword } from '../auth/password';
import { requireStrongPassword } from '../auth/password-strength';
import { SessionService } from '../auth/session.service';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { ValidationFailed } from '../common/validation.pipe';
import { UpdateMeDto } from './dto/update-me.dto';
import { toUserDto, UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionService,
  ) {}

  async me(user: AuthUser): Promise<UserDto> {
    const row = await this.users.findOne({ where: { id: user.id }, relations: { organization: true } });
    if (!row) throw new NotFoundException('User not found');
    return toUserDto(row);
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<UserDto> {
    const changes: Partial<User> = {};
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.organizationId !== undefined) changes.organizationId = dto.organizationId;
    if (dto.newPassword !== undefined) {
      const stored = await this.users.findOne({
        where: { id: user.id },
        select: { id: true, passwordHash: true, email: true, displayName: true },
      });
      if (!(await verifyPassword(stored?.passwordHash, dto.currentPassword ?? ''))) {
        throw new UnauthorizedException('The current password is wrong');
      }
      const personal = [stored?.displayName ?? '', stored?.email ?? '', dto.displayName ?? ''];
      requireStrongPassword(dto.newPassword, personal, 'newPassword');
      changes.passwordHash = await hashPassword(dto.newPassword);
    }
    if (Object.keys(changes).length > 0) {
      try {
        await this.users.update({ id: user.id }, changes);
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new ValidationFailed([{ field: 'organizationId', message: 'is not an organization' }]);
        }
        throw error;
      }
    }
    if (changes.passwordHash) await this.sessions.revokeAllExcept(user.id, user.sessionId, 'password-changed');
    return this.me(user);
  }
}
