import { stopEmbeddedCluster } from '../../support/embedded-cluster';
import { running } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = running.browserServer;
  if (!started) return;
  await started.server.stop();
  await started.database.drop();
  await stopEmbeddedCluster();
}
