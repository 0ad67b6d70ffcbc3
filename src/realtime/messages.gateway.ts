import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { validatePayload } from '../common/validate';
import { DiskSpace } from '../database/disk-space';
import { SendMessageDto } from '../threads/dto/create-message.dto';
import { MessageWriteLimit } from '../threads/message-write-limit';
import { MessagesService, PostedMessage } from '../threads/messages.service';
import { answer, asUser, TansiqSocket } from './realtime.gateway';
import { Ack } from './socket-protocol';

/** Socket writes for discussions: validated like REST, rate limited per user across nodes, then the same service. */
@WebSocketGateway()
export class MessagesGateway {
  constructor(
    private readonly messages: MessagesService,
    private readonly writeLimit: MessageWriteLimit,
    private readonly disk: DiskSpace,
  ) {}

  /** Acknowledged after commit with the stored message and its seq; a retry with the same clientId gets the same. */
  @SubscribeMessage('message.send')
  send(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<Ack<PostedMessage>> {
    return answer(socket, async () => {
      const user = asUser(socket);
      this.disk.assertWritable();
      await this.writeLimit.take(user);
      const { threadId, ...dto } = await validatePayload(SendMessageDto, body);
      return this.messages.post(user, threadId, dto);
    });
  }
}
