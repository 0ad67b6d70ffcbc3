import { Inject } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { HttpException, HttpStatus } from '@nestjs/common';
import { validatePayload } from '../common/validate';
import { AppConfig } from '../config/app-config';
import { DiskSpace } from '../database/disk-space';
import { APP_CONFIG } from '../config/config.module';
import { RateLimiter } from '../redis/rate-limit.module';
import { answer, asUser, TansiqSocket } from './realtime.gateway';
import { Ack } from './socket-protocol';
import { SendMessageDto } from '../threads/dto/create-message.dto';
import { MessagesService, PostedMessage } from '../threads/messages.service';

/** Socket writes for discussions: validated like REST, rate limited per user across nodes, then the same service. */
@WebSocketGateway()
export class MessagesGateway {
  constructor(
    private readonly messages: MessagesService,
    private readonly limiter: RateLimiter,
    private readonly disk: DiskSpace,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Acknowledged after commit with the stored message and its seq; a retry with the same clientId gets the same. */
  @SubscribeMessage('message.send')
  send(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<Ack<PostedMessage>> {
    return answer(async () => {
      const user = asUser(socket);
      this.disk.assertWritable();
      if (!(await this.limiter.allow(`write:${user.id}`, this.config.writeRateLimitPerMinute, 60_000))) {
        throw new HttpException('Too many messages: slow down', HttpStatus.TOO_MANY_REQUESTS);
      }
      const { threadId, ...dto } = await validatePayload(SendMessageDto, body);
      return this.messages.post(user, threadId, dto);
    });
  }
}
