import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of the sidecar process, applied as it starts (the first module
 * `main.ts` imports), so they hold however node is launched. A sidecar runs
 * on every machine of the fleet and does a few milliseconds of work a
 * second, so memory matters more than peak speed:
 *
 * - `--no-turbofan`: no optimizing compiler. Interpreted and baseline code
 *   scrapes fast enough (bench:collector), and the compiler's code and data
 *   cost about 6 MB RSS.
 * - `--semi-space-growth-factor=1`: the young generation stays at its
 *   initial size instead of doubling under each scrape's short-lived
 *   garbage (about 5 MB RSS at 1,000 series).
 *
 * Only the sidecar entry applies them; in-process collectors (`governor
 * up`) leave their host's V8 alone.
 */
export const SIDECAR_V8_FLAGS: readonly string[] = ['--no-turbofan', '--semi-space-growth-factor=1'];

for (const flag of SIDECAR_V8_FLAGS) setFlagsFromString(flag);
