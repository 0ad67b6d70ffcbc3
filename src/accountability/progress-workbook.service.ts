import { ConflictException, Injectable } from '@nestjs/common';
import { BadRequestException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { allows } from '../action-items/action-item-permissions';
import { isResponsible } from '../action-items/responsible';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import type { Locale } from '../users/entities/user.entity';
import { ImportChangeDto, ImportErrorDto, ImportMode, ImportResultDto } from './dto/progress-import.dto';
import { ProgressImportRepository, WorkbookItemRow } from './progress-import.repository';
import { buildWorkbook, readWorkbook, WorkbookRow } from './progress-workbook';
import { claimedProgress, verifiedProgress } from './progress';
import { RollUpService } from './roll-up.service';
import { ClaimsService, MadeClaim } from './claims.service';

const PERCENT = /^\d{1,3}$/;

/** The progress workbook: exported for ministries' workplans, and read back with their new progress. */
@Injectable()
export class ProgressWorkbookService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly rollUps: RollUpService,
    private readonly rows: ProgressImportRepository,
    private readonly claims: ClaimsService,
  ) {}

  async export(user: AuthUser, groupId: string, locale: Locale): Promise<Buffer> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const [rollUp, items] = await Promise.all([this.rollUps.build(groupId), this.rows.items(groupId)]);
    return buildWorkbook(
      rollUp,
      items.map((item) => ({
        id: item.id,
        title: item.title,
        recommendation: item.recommendation,
        leadOrganization: item.leadOrganizationName,
        status: item.status,
        weight: item.weight,
        claimed: claimedProgress(item),
        verified: verifiedProgress(item),
        milestonesDone: item.milestonesDone,
        milestonesTotal: item.milestonesTotal,
        dueDate: item.dueDate,
      })),
      locale,
    );
  }

  /**
   * Every row checked before anything is written: the preview shows what would change and what is wrong, by the
   * sheet's row numbers; apply writes every change in one transaction, or nothing when any row is wrong.
   */
  async import(user: AuthUser, groupId: string, data: Buffer, mode: ImportMode): Promise<ImportResultDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    if (await this.rows.archived(groupId)) throw new ConflictException(refusal('group-archived'));
    const sheet = Buffer.isBuffer(data) ? await readWorkbook(data) : null;
    if (!sheet) throw new BadRequestException(refusal('workbook-unreadable'));
    const standing = { role: await this.access.role(user.id, groupId), archived: false };
    const items = new Map((await this.rows.items(groupId)).map((item) => [item.id, item]));
    const { changes, errors, notes } = check(sheet, items, (item) => {
      if (allows(user, standing, Permission.ActionManage)) return true;
      return (
        allows(user, standing, Permission.ActionWork) &&
        isResponsible(
          {
            focalPerson: item.focalPersonId ? { id: item.focalPersonId, displayName: '' } : null,
            leadOrganization: item.leadOrganizationId ? { id: item.leadOrganizationId, name: '' } : null,
          },
          user,
        )
      );
    });
    if (mode === 'preview' || errors.length > 0 || changes.length === 0) {
      return { mode, applied: false, changes, errors };
    }
    // Each change is a claim as the claims API makes one (note, pending claim, feed, verifiers told), all or none.
    const made = await this.db.transaction(async (tx) => {
      const claims: MadeClaim[] = [];
      for (const change of changes) {
        claims.push(
          await this.claims.claimIn(tx, user, change.actionItemId, {
            percent: change.to,
            body: notes.get(change.row)!,
          }),
        );
      }
      return claims;
    });
    this.claims.announce(made);
    return { mode, applied: true, changes, errors };
  }
}

/** The rows' changes and errors; `notes` are the progress notes of the changed rows, by row. */
export function check(
  sheet: WorkbookRow[],
  items: Map<string, WorkbookItemRow>,
  mayClaim: (item: WorkbookItemRow) => boolean,
): { changes: ImportChangeDto[]; errors: ImportErrorDto[]; notes: Map<number, string> } {
  const changes: ImportChangeDto[] = [];
  const errors: ImportErrorDto[] = [];
  const notes = new Map<number, string>();
  const seen = new Set<string>();
  for (const row of sheet) {
    const item = items.get(row.id.toLowerCase());
    if (!item) {
      errors.push({ row: row.row, column: 'id', code: 'action-item-not-found' });
      continue;
    }
    if (seen.has(item.id)) {
      errors.push({ row: row.row, column: 'id', code: 'duplicate-row' });
      continue;
    }
    seen.add(item.id);
    if (row.newProgress === '') continue;
    const percent = PERCENT.test(row.newProgress.replace(/%$/, '')) ? Number(row.newProgress.replace(/%$/, '')) : NaN;
    const rowErrors: ImportErrorDto[] = [];
    if (!(percent >= 0 && percent <= 100))
      rowErrors.push({ row: row.row, column: 'newProgress', code: 'invalid-percent' });
    if (row.note === '') rowErrors.push({ row: row.row, column: 'note', code: 'note-required' });
    if (!mayClaim(item)) rowErrors.push({ row: row.row, column: 'id', code: 'action-item-responsible-only' });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    if (percent === item.progress) continue;
    changes.push({
      row: row.row,
      actionItemId: item.id,
      title: item.title,
      field: 'progress',
      from: claimedProgress(item),
      to: percent,
    });
    notes.set(row.row, row.note);
  }
  return { changes, errors, notes };
}
