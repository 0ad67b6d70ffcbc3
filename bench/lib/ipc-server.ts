/**
 * The server side of the bench's IPC: every server the bench starts (product or baseline) answers the same
 * requests. Messages carry a `benchId` so nothing else on the channel is mistaken for one.
 */
import { writeHeapSnapshot } from 'node:v8';

/** A request from the bench: `op` names it, the rest is the op's own body. */
export interface IpcRequest {
  benchId: number;
  op: string;
  [key: string]: unknown;
}

export type IpcHandlers = Record<string, (msg: IpcRequest) => object | Promise<object>>;

export function isIpcRequest(msg: unknown): msg is IpcRequest {
  return typeof msg === 'object' && msg !== null && (msg as { benchId?: unknown }).benchId !== undefined;
}

function memory() {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
}

export type Memory = ReturnType<typeof memory>;

function forceGc() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('start the server with --expose-gc');
  // Several passes: weak references and finalizers free more on the next pass.
  for (let i = 0; i < 4; i += 1) void gc();
}

export function installBenchIpc(handlers: IpcHandlers = {}): void {
  if (!process.send) return;
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (msg: unknown) => {
    if (!isIpcRequest(msg)) return;
    const reply = (body: object) => process.send?.({ benchId: msg.benchId, ...body });
    try {
      switch (msg.op) {
        case 'stats':
          return reply({ cpu: process.cpuUsage(), memory: memory(), uptime: process.uptime() });
        case 'gc': {
          forceGc();
          await new Promise((r) => setTimeout(r, 200));
          forceGc();
          return reply({ memory: memory() });
        }
        case 'heapSnapshot': {
          // For investigating memory per connection: node --inspect is not needed.
          forceGc();
          return reply({ file: writeHeapSnapshot(typeof msg.file === 'string' ? msg.file : undefined) });
        }
        case 'exit':
          reply({ ok: true });
          // process.exit (not a signal) so that --cpu-prof writes its profile.
          setTimeout(() => process.exit(0), 50);
          return;
        default: {
          const handler = handlers[msg.op];
          if (handler) return reply(await handler(msg));
          return reply({ error: `unknown op ${msg.op}` });
        }
      }
    } catch (error) {
      reply({ error: (error as Error).message });
    }
  });
}
