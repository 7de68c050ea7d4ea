/**
 * The behaviour of a timeout at the deadline. `cooperative` aborts the operation's signal and waits
 * for the operation to settle. `aggressive` aborts the signal and rejects at once, leaving the
 * operation to settle unobserved.
 */
export type TimeoutMode = 'cooperative' | 'aggressive';
