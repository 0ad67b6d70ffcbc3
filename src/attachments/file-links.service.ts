import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ACCESS_RULES, decide } from '../access/access-rules';
import { MembershipRepository } from '../access/membership.repository';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AttachmentRepository } from './attachment.repository';
import { attachmentNotFound, AttachmentsService } from './attachments.service';
import type { AttachmentLinksDto, AttachmentRow } from './dto/attachment.dto';
import { LinkVariant, linkKey, signLink, verifyLink } from './signed-links';
import { attachmentKey, FILE_STORES, thumbnailKey } from './storage/file-store';
import type { FileStores } from './storage/file-stores.provider';

/** What a download serves: the bytes as a stream and what the response headers say of them. */
export interface OpenedFile {
  stream: Readable;
  name: string;
  contentType: string;
  size: number | null;
  /** Seconds the link has left: the response may be cached that long, privately. */
  secondsLeft: number;
}

/**
 * Short-lived signed links to files, and the download behind them. A link names the user it was made for, and every
 * download checks again that this user may still read the group (a removed member's link stops working at once).
 */
@Injectable()
export class FileLinksService {
  private readonly key: Buffer;

  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly files: AttachmentsService,
    private readonly memberships: MembershipRepository,
    @Inject(FILE_STORES) private readonly stores: FileStores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = linkKey(config.jwt.secret);
  }

  /** Links for files the user may see; one id they may not (or that does not exist) makes it a 404 for all. */
  async links(user: AuthUser, ids: string[], variant: LinkVariant = 'file'): Promise<AttachmentLinksDto> {
    const rows = await this.attachments.findMany(ids);
    const visible = await this.files.readable(user, rows);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const expires = Math.floor(Date.now() / 1000) + this.config.attachments.linkSeconds;
    const links: AttachmentLinksDto['links'] = {};
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || !visible.has(id) || (variant === 'thumbnail' && !row.hasThumbnail)) throw attachmentNotFound();
      const token = signLink(this.key, { a: id, u: user.id, v: variant, e: expires });
      const name = variant === 'thumbnail' ? thumbnailName(row.name) : row.name;
      links[id] = {
        url: `/api/files/${token}/${encodeURIComponent(name)}`,
        expiresAt: new Date(expires * 1000).toISOString(),
      };
    }
    return { links };
  }

  /** The file behind a link, or 404 (bad, expired, the file gone, or its user no longer a reader of the group). */
  async open(token: string): Promise<OpenedFile> {
    const claims = verifyLink(this.key, token);
    if (!claims) throw attachmentNotFound();
    const row = await this.attachments.find(claims.a);
    if (!row || !(await this.mayStillRead(claims.u, row))) throw attachmentNotFound();
    if (claims.v === 'thumbnail' && !row.hasThumbnail) throw attachmentNotFound();
    const stream = await this.stores[row.storage]?.get(
      claims.v === 'thumbnail' ? thumbnailKey(row.id) : attachmentKey(row.id),
    );
    if (!stream) throw attachmentNotFound();
    return {
      stream,
      name: claims.v === 'thumbnail' ? thumbnailName(row.name) : row.name,
      contentType: claims.v === 'thumbnail' ? 'image/webp' : row.contentType,
      size: claims.v === 'thumbnail' ? null : Number(row.size),
      secondsLeft: Math.max(0, Math.floor(claims.e - Date.now() / 1000)),
    };
  }

  /** The rules of a signed-in read, for the user the link was made for, as they stand now. */
  private async mayStillRead(userId: string, row: AttachmentRow): Promise<boolean> {
    const user = await this.attachments.activeUser(userId);
    if (!user) return false;
    if (row.status !== 'attached' && !(row.status === 'pending' && row.uploaderId === userId)) return false;
    const [group] = await this.memberships.accessToGroups(userId, [row.groupId]);
    return decide(ACCESS_RULES[Permission.GroupRead], { isAdmin: user.isAdmin }, group) === 'allow';
  }
}

function thumbnailName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.webp`;
}
