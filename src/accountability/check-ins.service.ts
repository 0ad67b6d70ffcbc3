import { Injectable, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { responsibleFor } from '../action-items/action-item.repository';
import { toActionItemDto } from '../action-items/dto/action-item.dto';
import { actorOf, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { fieldError, refusal } from '../common/errors/refusal';
import { ValidationFailed } from '../common/validation.pipe';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CheckInRepository, DueCheckIn } from './check-in.repository';
import { CheckInDto, CreateCheckInDto, toCheckInDto } from './dto/check-in.dto';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Recurring progress check-ins a facilitator schedules, per action item or per lead organization. On each date
 * those responsible are asked (in the app and by email) how far the item has got; they answer with a progress note.
 * The job queue runs this every quarter hour on one node; the request row's key (check-in, date) is the claim,
 * inserted with the notifications in one transaction, so each date asks exactly once.
 */
@Injectable()
export class CheckInsService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly checkIns: CheckInRepository,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('check-ins.tick', 1, async () => void (await this.run()));
  }

  async list(user: AuthUser, groupId: string): Promise<CheckInDto[]> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return (await this.checkIns.list(groupId)).map(toCheckInDto);
  }

  async create(user: AuthUser, groupId: string, dto: CreateCheckInDto): Promise<CheckInDto> {
    await this.access.require(user, Permission.ActionManage, [groupId]);
    const actionItemId = dto.actionItemId ?? null;
    const organizationId = dto.organizationId ?? null;
    if ((actionItemId === null) === (organizationId === null)) {
      throw new ValidationFailed([
        fieldError(actionItemId ? 'organizationId' : 'actionItemId', 'check-in-one-subject'),
      ]);
    }
    return this.db.transaction(async (tx) => {
      if (actionItemId && !(await this.checkIns.itemInGroup(tx, actionItemId, groupId))) {
        throw new NotFoundException(refusal('action-item-not-found'));
      }
      if (organizationId && !(await this.checkIns.leadsInGroup(tx, organizationId, groupId))) {
        throw new ValidationFailed([fieldError('organizationId', 'not-a-lead-organization')]);
      }
      const nextDate = dto.firstDate ?? todayUtc();
      const id = await this.checkIns.insert(tx, {
        groupId,
        actionItemId,
        organizationId,
        everyDays: dto.everyDays,
        nextDate,
        createdById: user.id,
      });
      await this.audit.record(tx, {
        groupId,
        ...actorOf(user),
        action: 'check-in.created',
        subjectId: id,
        after: { actionItemId, organizationId, everyDays: dto.everyDays, nextDate },
      });
      return toCheckInDto((await this.checkIns.find(tx, id))!);
    });
  }

  /** Stops a check-in: a facilitator of its group. Hidden and missing are the same 404. */
  async remove(user: AuthUser, checkInId: string): Promise<void> {
    const current = await this.checkIns.find(this.db.manager, checkInId);
    const visible = current && (await this.access.filter(user, Permission.GroupRead, [current.groupId])).size > 0;
    if (!current || !visible) throw new NotFoundException(refusal('check-in-not-found'));
    await this.access.require(user, Permission.ActionManage, [current.groupId]);
    await this.db.transaction(async (tx) => {
      await this.checkIns.remove(tx, checkInId);
      await this.audit.record(tx, {
        groupId: current.groupId,
        ...actorOf(user),
        action: 'check-in.stopped',
        subjectId: checkInId,
        before: {
          actionItemId: current.actionItemId,
          organizationId: current.organizationId,
          everyDays: Number(current.everyDays),
          nextDate: current.nextDate,
        },
      });
    });
  }

  /** Asks what is due as of `today` (YYYY-MM-DD, UTC); returns how many check-ins this node asked. */
  async run(today = todayUtc()): Promise<number> {
    let asked = 0;
    for (const due of await this.checkIns.due(today)) if (await this.ask(due, today)) asked += 1;
    return asked;
  }

  private ask(due: DueCheckIn, today: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await this.checkIns.claim(tx, due.id, due.nextDate))) return false; // another node asked
      for (const row of await this.checkIns.itemsOf(tx, due)) {
        const item = toActionItemDto(row);
        await this.notifications.notify(
          await responsibleFor(tx, item),
          {
            type: 'action.check-in',
            groupId: item.groupId,
            subjectType: 'action',
            subjectId: item.id,
            data: {
              groupName: due.groupName,
              actorId: null,
              actorName: null,
              title: item.title,
              dueDate: item.dueDate,
              everyDays: Number(due.everyDays),
            },
          },
          tx,
        );
      }
      await this.checkIns.advance(tx, due.id, due.nextDate, today);
      return true;
    });
  }
}
