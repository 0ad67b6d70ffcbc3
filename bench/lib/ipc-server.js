'use strict';
/**
 * The server side of the bench's IPC: every server the bench starts (product or baseline) answers the same
 * requests. Messages carry a `benchId` so nothing else on the channel is mistaken for one.
 */
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

function forceGc() {
  if (typeof global.gc !== 'function') throw new Error('start the server with --expose-gc');
  // Several passes: weak references and finalizers free more on the next pass.
  for (let i = 0; i < 4; i += 1) global.gc();
}

function installBenchIpc(handlers = {}) {
  if (!process.send) return;
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (msg) => {
    if (!msg || typeof msg !== 'object' || msg.benchId === undefined) return;
    const reply = (body) => process.send?.({ benchId: msg.benchId, ...body });
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
          return reply({ file: require('node:v8').writeHeapSnapshot(msg.file) });
        }
        case 'exit':
          reply({ ok: true });
          // process.exit (not a signal) so that --cpu-prof writes its profile.
          setTimeout(() => process.exit(0), 50);
          return;
        default:
          if (handlers[msg.op]) return reply(await handlers[msg.op](msg));
          return reply({ error: `unknown op ${msg.op}` });
      }
    } catch (error) {
      reply({ error: error.message });
    }
  });
}

module.exports = { installBenchIpc };
