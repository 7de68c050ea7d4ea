export type { Clock, TimerHandle, TimerOptions } from './clock/Clock.js';
export { MAX_TIMER_DELAY_MS } from './clock/maxTimerDelay.js';
export { SystemClock, systemClock } from './clock/SystemClock.js';
export { VirtualClock, type VirtualClockOptions } from './clock/VirtualClock.js';

export { FaultToleranceError } from './errors/FaultToleranceError.js';
export {
  BufferedOperationError,
  type BufferedOperationErrorDetails,
} from './errors/BufferedOperationError.js';
export { NonRetryableError } from './errors/NonRetryableError.js';
export { isNonRetryable } from './errors/isNonRetryable.js';
export { UnknownOperationError } from './errors/UnknownOperationError.js';
export { BufferLeaseError, type BufferLeaseErrorDetails } from './errors/BufferLeaseError.js';
export { BufferClosedError } from './errors/BufferClosedError.js';
export { BufferReadOnlyError } from './errors/BufferReadOnlyError.js';
export {
  BufferFileError,
  type BufferFileErrorDetails,
  type BufferFileErrorReason,
} from './errors/BufferFileError.js';
export { RunnerClosedError } from './errors/RunnerClosedError.js';
export {
  BulkheadRejectedError,
  type BulkheadRejectedErrorDetails,
  type BulkheadRejectionReason,
} from './errors/BulkheadRejectedError.js';
export {
  RateLimitedError,
  type RateLimitedErrorDetails,
  type RateLimitRejectionReason,
} from './errors/RateLimitedError.js';
export {
  OperationTimeoutError,
  type OperationTimeoutErrorDetails,
} from './errors/OperationTimeoutError.js';
export {
  CircuitOpenError,
  type CircuitOpenErrorDetails,
  type CircuitRejectionState,
} from './errors/CircuitOpenError.js';

export { EventEmitter, type Listener, type Unsubscribe } from './events/EventEmitter.js';

export type { Operation } from './operation/Operation.js';
export type { OperationContext } from './operation/OperationContext.js';
export { Callback, type CallbackFunction } from './operation/Callback.js';
export { isOperation } from './operation/isOperation.js';
export { NamedOperation } from './operation/NamedOperation.js';
export type { NamedOperationContext } from './operation/NamedOperationContext.js';
export type { OperationHandler } from './operation/OperationHandler.js';
export type { StoredOperation } from './operation/StoredOperation.js';
export type { JsonObject, JsonValue } from './operation/JsonValue.js';
export { OperationRegistry, type NamedOperationOptions } from './operation/OperationRegistry.js';
export { assertJsonPayload, MAX_PAYLOAD_DEPTH } from './operation/assertJsonPayload.js';

export type { MaybePromise, OperationBuffer } from './buffer/OperationBuffer.js';
export { InMemoryOperationBuffer } from './buffer/InMemoryOperationBuffer.js';
export {
  InMemoryKeyedOperationBuffer,
  type InMemoryKeyedOperationBufferOptions,
} from './buffer/InMemoryKeyedOperationBuffer.js';
export type { BufferEntry } from './buffer/BufferEntry.js';
export {
  isKeyedBuffer,
  type FailedAttempt,
  type KeyedOperationBuffer,
} from './buffer/KeyedOperationBuffer.js';
export type { DeadLetter } from './buffer/DeadLetter.js';
export {
  isDeadLetterBuffer,
  type DeadLetterBuffer,
  type DeadLetterFailure,
  type RequeueOptions,
  type RequeuePosition,
} from './buffer/DeadLetterBuffer.js';
export { isLeasedBuffer, type LeasedOperationBuffer } from './buffer/LeasedOperationBuffer.js';
export {
  MAX_ERROR_MESSAGE_LENGTH,
  summarizeError,
  type ErrorSummary,
} from './buffer/ErrorSummary.js';

export type { OperationRunner } from './runner/OperationRunner.js';
export type { RunOptions } from './runner/RunOptions.js';
export { SimpleOperationRunner } from './runner/SimpleOperationRunner.js';
export { BufferedOperationRunner } from './runner/BufferedOperationRunner.js';
export type { BufferedOperationRunnerEvents } from './runner/BufferedOperationRunnerEvents.js';
export type {
  BufferedOperationRunnerOptions,
  DeadLetterPolicy,
} from './runner/BufferedOperationRunnerOptions.js';
export type { ReplayBackoff } from './runner/RetrySchedule.js';
export { RetryOperationRunner } from './runner/RetryOperationRunner.js';
export type { RetryOperationRunnerOptions } from './runner/RetryOperationRunnerOptions.js';
export type {
  AttemptEvent,
  AttemptFailure,
  FailureEvent,
  GiveUpEvent,
  GiveUpReason,
  RetryEvent,
  RetryOperationRunnerEvents,
  SuccessEvent,
} from './runner/RetryOperationRunnerEvents.js';
export { BulkheadOperationRunner } from './runner/BulkheadOperationRunner.js';
export type { BulkheadOperationRunnerOptions } from './runner/BulkheadOperationRunnerOptions.js';
export type { BulkheadOperationRunnerEvents } from './runner/BulkheadOperationRunnerEvents.js';
export { RateLimitedOperationRunner } from './runner/RateLimitedOperationRunner.js';
export type { RateLimitedOperationRunnerOptions } from './runner/RateLimitedOperationRunnerOptions.js';
export type { RateLimitedOperationRunnerEvents } from './runner/RateLimitedOperationRunnerEvents.js';
export { FallbackOperationRunner } from './runner/FallbackOperationRunner.js';
export type {
  FallbackContext,
  FallbackFunction,
  FallbackOperationRunnerOptions,
} from './runner/FallbackOperationRunnerOptions.js';
export type { FallbackOperationRunnerEvents } from './runner/FallbackOperationRunnerEvents.js';
export { pipeline, type RunnerDecorator } from './runner/pipeline.js';
export { TimeoutOperationRunner } from './runner/TimeoutOperationRunner.js';
export type { TimeoutOperationRunnerOptions } from './runner/TimeoutOperationRunnerOptions.js';
export type { TimeoutOperationRunnerEvents } from './runner/TimeoutOperationRunnerEvents.js';
export type { TimeoutMode } from './timeout/TimeoutMode.js';
export { CircuitBreakerOperationRunner } from './runner/CircuitBreakerOperationRunner.js';
export type { CircuitBreakerOperationRunnerOptions } from './runner/CircuitBreakerOperationRunnerOptions.js';
export type { CircuitBreakerOperationRunnerEvents } from './runner/CircuitBreakerOperationRunnerEvents.js';

export type { CircuitBreakerStrategy, FailureTracker } from './breaker/CircuitBreakerStrategy.js';
export type { CircuitBreakerSnapshot } from './breaker/CircuitBreakerSnapshot.js';
export type { CircuitStateName } from './breaker/CircuitState.js';
export {
  ConsecutiveFailuresStrategy,
  type ConsecutiveFailuresStrategyOptions,
} from './breaker/ConsecutiveFailuresStrategy.js';
export {
  CountWindowStrategy,
  type CountWindowStrategyOptions,
} from './breaker/CountWindowStrategy.js';
export {
  TimeWindowStrategy,
  type TimeWindowStrategyOptions,
} from './breaker/TimeWindowStrategy.js';

export type { RateLimiter } from './rateLimit/RateLimiter.js';
export { TokenBucketLimiter } from './rateLimit/TokenBucketLimiter.js';
export type { TokenBucketOptions } from './rateLimit/TokenBucketOptions.js';
export { SlidingWindowLimiter } from './rateLimit/SlidingWindowLimiter.js';
export type { SlidingWindowOptions } from './rateLimit/SlidingWindowOptions.js';

export type { Backoff, BackoffContext, BackoffSequence } from './backoff/Backoff.js';
export type { RandomSource } from './backoff/drawRandom.js';
export { ConstantBackoff, type ConstantBackoffOptions } from './backoff/ConstantBackoff.js';
export { LinearBackoff, type LinearBackoffOptions } from './backoff/LinearBackoff.js';
export {
  ExponentialBackoff,
  type ExponentialBackoffOptions,
} from './backoff/ExponentialBackoff.js';
export { JitterBackoff, type JitterBackoffOptions } from './backoff/JitterBackoff.js';
export {
  DecorrelatedJitterBackoff,
  type DecorrelatedJitterBackoffOptions,
} from './backoff/DecorrelatedJitterBackoff.js';
export { MaxDelayBackoff, type MaxDelayBackoffOptions } from './backoff/MaxDelayBackoff.js';
export { MaxRetriesBackoff, type MaxRetriesBackoffOptions } from './backoff/MaxRetriesBackoff.js';
export { MaxElapsedBackoff, type MaxElapsedBackoffOptions } from './backoff/MaxElapsedBackoff.js';

export type { Waiter } from './waiter/Waiter.js';
export { SleepWaiter } from './waiter/SleepWaiter.js';
export { NullWaiter } from './waiter/NullWaiter.js';
export { VirtualWaiter } from './waiter/VirtualWaiter.js';
