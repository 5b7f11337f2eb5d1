import { afterEach, beforeEach } from 'vitest';
import type { Notifier } from '../../src/notifier.js';
import { type ReceiverServer, startReceiver } from './receiver-server.js';

/** What a receiver test works with: a fresh receiver server, and the notifier under test (closed after each test). */
export interface ReceiverTest {
  /** The receiver server of the running test. */
  readonly server: ReceiverServer;
  /** Set by the test; closed after it. */
  notifier: Notifier | undefined;
}

/**
 * Registers hooks in the enclosing `describe`: before each test a real receiver server starts;
 * after it, the test's notifier is closed, then the server.
 */
export function receiverTest(): ReceiverTest {
  let server: ReceiverServer | undefined;
  const test: ReceiverTest = {
    get server(): ReceiverServer {
      if (!server) throw new Error('the receiver server exists only while a test runs');
      return server;
    },
    notifier: undefined,
  };
  beforeEach(async () => {
    server = await startReceiver();
  });
  afterEach(async () => {
    await test.notifier?.close();
    test.notifier = undefined;
    await server?.close();
    server = undefined;
  });
  return test;
}
