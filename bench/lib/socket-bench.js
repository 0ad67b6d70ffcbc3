'use strict';
/**
 * The shared shape of the socket benchmarks: one target (the product, or a bare baseline) started, its clients
 * connected from a generator, warmed up (every socket has received a message in each of its groups, so every room
 * join is done), measured phases, and everything closed again.
 */
const { startProduct, startBaseline } = require('./processes');
const { startGenerator } = require('./harness');

/**
 * Starts the target. `kind: 'product'` runs dist/main.js on the benchmark's database; `kind: 'bare'` runs the
 * Socket.IO baseline and hands it the same users, groups and threads.
 */
async function startTarget(kind, { databaseUrl, profileDir, label, users, threads, redisUrl, redisPrefix }) {
  if (kind === 'product')
    return startProduct({ databaseUrl, profileDir, label: label ?? 'product', redisUrl, redisPrefix });
  const server = await startBaseline('bare-socketio.js', { label: label ?? 'bare-socketio', profileDir });
  await server.rpc('configure', { users, threads });
  return server;
}

/** The bare server's lookup table, built from the same user records and group memberships. */
function bareUsers(users, groupsOfUser, groupIds) {
  const table = {};
  users.forEach((u, i) => {
    table[u.token] = {
      userId: u.id,
      displayName: `Bench User ${u.index}`,
      groups: groupsOfUser(i).map((g) => groupIds[g]),
    };
  });
  return table;
}

/** Connects `specs` from a new generator and warms the rooms up. */
async function connectClients(log, specs, senders, { kind = 'lean', label } = {}) {
  const generator = startGenerator(label);
  const connected = await generator.rpc('connect', { clients: specs, kind, concurrency: 50 });
  log(
    `${connected.connected}/${specs.length} sockets connected in ${(connected.ms / 1000).toFixed(1)} s${connected.failed ? ` (${connected.failed} failed: ${connected.errors[0]})` : ''}`,
  );
  if (connected.failed)
    throw new Error(`${connected.failed} sockets failed to connect: ${connected.errors.join('; ')}`);
  const warm = await generator.rpc('warmup', { senders, timeoutMs: 60_000 });
  if (!warm.ok) throw new Error(`warm-up incomplete: ${warm.missing} socket-group pairs never received a message`);
  return generator;
}

module.exports = { startTarget, bareUsers, connectClients };
