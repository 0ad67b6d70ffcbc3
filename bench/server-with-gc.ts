/**
 * Starts the built product (dist/main.js) unchanged, in a process the bench owns: run with --expose-gc, it answers
 * the bench over the fork IPC channel with its memory after a forced GC, its CPU time, and exits on request so a
 * --cpu-prof profile is written. It exits when the bench goes away, so no server outlives a crashed run.
 */
import { installBenchIpc } from './lib/ipc-server';

installBenchIpc();
// The bench runs a snapshot of dist/ taken at its start (others may rebuild dist/ meanwhile); dist/ otherwise.
// Compiled to dist-bench/, one folder below the repository like bench/, so ../dist is the product's build.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the product is loaded at run time, by path
require(process.env.BENCH_PRODUCT_MAIN || '../dist/main.js');
