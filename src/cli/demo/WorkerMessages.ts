import type { DeliveryCounts } from './DeliveryCounters.js';
import type { OutageWindow } from './FlakyServer.js';

/** The settings a delivery process receives when it starts. */
export interface WorkerStart {
  readonly type: 'start';
  readonly url: string;
  readonly bufferPath: string;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly drainIntervalMs: number;
  readonly deadline: number;
  readonly outage: OutageWindow;
}

/** Messages from the demo to its delivery process. */
export type ParentMessage =
  | WorkerStart
  | { readonly type: 'outage'; readonly outage: OutageWindow }
  | { readonly type: 'add'; readonly sequence: number }
  | { readonly type: 'finish' };

/** Messages from a delivery process to the demo. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'added'; readonly sequence: number }
  | { readonly type: 'progress'; readonly counts: DeliveryCounts; readonly buffered: number }
  | { readonly type: 'done'; readonly counts: DeliveryCounts };
