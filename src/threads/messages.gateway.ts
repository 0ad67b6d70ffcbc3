import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { validatePayload } from '../common/validate';
import { answer, asUser, TansiqSocket } from '../realtime/realtime.gateway';
import { Ack } from '../realtime/socket-protocol';
import { SendMessageDto } from './dto/create-message.dto';
import { MessageWriteLimit } from './message-write-limit';
import { MessagesService, PostedMessage } from './messages.service';

/** Socket writes for discussions: validated like REST, rate limited per user across nodes, then the same service. */
@WebSocketGateway()
export class MessagesGateway {
  constructor(
    private readonly messages: MessagesService,
    private readonly writeLimit: MessageWriteLimit,
  ) {}

  /** Acknowledged after commit with the stored message and its seq; a retry with the same clientId gets the same. */
  @SubscribeMessage('message.send')
  send(@ConnectedSocket() socket: TansiqSocket, @MessageBody() body: unknown): Promise<Ack<PostedMessage>> {
    return answer(async () => {
      const user = asUser(socket);
      await this.writeLimit.take(user);
      const { threadId, ...dto } = await validatePayload(SendMessageDto, body);
      return this.messages.post(user, threadId, dto);
    });
  }
}
