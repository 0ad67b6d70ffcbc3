import { startEmbeddedCluster } from './embedded-cluster';

export default startEmbeddedCluster;
