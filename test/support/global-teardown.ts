import { stopEmbeddedCluster } from './embedded-cluster';

export default stopEmbeddedCluster;
