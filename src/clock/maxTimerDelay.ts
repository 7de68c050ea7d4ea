/** The largest delay, in milliseconds, that a Node.js timer accepts (2^31−1). */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;
