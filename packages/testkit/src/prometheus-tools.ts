import { ensureBinary } from './system-package.js';

/** Path of promtool, installing Debian's `prometheus` package when missing. */
export function ensurePromtool(): string {
  return ensureBinary('promtool', 'prometheus');
}

/** Path of amtool, installing Debian's `prometheus-alertmanager` package when missing. */
export function ensureAmtool(): string {
  return ensureBinary('amtool', 'prometheus-alertmanager');
}
