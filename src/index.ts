export type { Clock, TimerHandle, TimerOptions } from './clock/Clock.js';
export { MAX_TIMER_DELAY_MS } from './clock/maxTimerDelay.js';
export { SystemClock, systemClock } from './clock/SystemClock.js';
export { VirtualClock, type VirtualClockOptions } from './clock/VirtualClock.js';

export { FaultToleranceError } from './errors/FaultToleranceError.js';
export {
  BufferedOperationError,
  type BufferedOperationErrorDetails,
} from './errors/BufferedOperationError.js';

export { EventEmitter, type Listener, type Unsubscribe } from './events/EventEmitter.js';

export type { Operation } from './operation/Operation.js';
export type { OperationContext } from './operation/OperationContext.js';
export { Callback, type CallbackFunction } from './operation/Callback.js';
export { isOperation } from './operation/isOperation.js';

export type { MaybePromise, OperationBuffer } from './buffer/OperationBuffer.js';
export { InMemoryOperationBuffer } from './buffer/InMemoryOperationBuffer.js';

export type { OperationRunner } from './runner/OperationRunner.js';
export type { RunOptions } from './runner/RunOptions.js';
export { SimpleOperationRunner } from './runner/SimpleOperationRunner.js';
export { BufferedOperationRunner } from './runner/BufferedOperationRunner.js';
export type { BufferedOperationRunnerEvents } from './runner/BufferedOperationRunnerEvents.js';

export type { Waiter } from './waiter/Waiter.js';
export { SleepWaiter } from './waiter/SleepWaiter.js';
export { NullWaiter } from './waiter/NullWaiter.js';
export { VirtualWaiter } from './waiter/VirtualWaiter.js';
