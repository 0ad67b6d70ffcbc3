import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { Draining } from './health/draining';
import { RealtimeGateway } from './realtime/realtime.gateway';

/** How the grace period is spent: requests first, then the job queue; what is left closes the pools. */
const SOCKETS_MS = 1000;
const CLOSE_MS = 3000;
/** No new connection for this long: the load balancer has seen the 503s and sends elsewhere. */
const QUIET_MS = 250;
const POLL_MS = 20;

/**
 * SIGTERM, in the order that loses nothing: stop taking work (readiness, new requests and new sockets answer 503, so
 * the load balancer sends them to another node), send the sockets away with the reason (they reconnect elsewhere and
 * catch up by seq), let the requests already running finish, close the listener, drain the job queue (a job cut
 * short is retried on another node), and only then close the PostgreSQL pool and Redis. Each step is logged.
 * Nest's own close alone tore down the database pool under requests still running: they were reset.
 */
export async function shutDown(app: INestApplication, signal: string, graceMs: number): Promise<void> {
  const log = new Logger('Shutdown');
  const started = Date.now();
  const draining = app.get(Draining);
  const server = app.getHttpServer() as Server;

  draining.start();
  log.log(`${signal}: draining; new requests and readiness answer 503, ${draining.requestsInFlight} requests running`);

  const sent = await app.get(RealtimeGateway).sendAway(SOCKETS_MS);
  log.log(`${sent} sockets told the server is shutting down and disconnected`);

  // New connections get their 503 until none has come for a moment: closing the listener earlier would reset the
  // ones still in the accept queue, which the load balancer already counted as sent to this node.
  let lastConnectionAt = Date.now();
  const connected = () => (lastConnectionAt = Date.now());
  server.on('connection', connected);
  const deadline = started + Math.max(0, graceMs - CLOSE_MS);
  await until(() => draining.requestsInFlight === 0 && Date.now() - lastConnectionAt >= QUIET_MS, deadline);
  server.off('connection', connected);
  server.close();
  // Every response now says `Connection: close`; a connection between requests is closed as soon as it is idle.
  await until(async () => {
    draining.closeIdleKeptAlive();
    return (await openConnections(server)) === 0;
  }, deadline);
  const left = draining.requestsInFlight;
  if (left === 0) log.log('every running request answered');
  else log.warn(`${left} requests still running after ${graceMs - CLOSE_MS} ms: their connections are closed`);
  server.closeAllConnections();

  await app.close();
  log.log(`closed the job queue, the database pool and Redis in ${Date.now() - started} ms`);
}

async function until(done: () => boolean | Promise<boolean>, deadline: number): Promise<void> {
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
