/** Formats milliseconds since the epoch as an ISO 8601 time in UTC. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats a next-attempt time, where 0 means that the operation is due now. */
export function formatNextAttempt(ms: number): string {
  return ms === 0 ? 'now' : formatTime(ms);
}
