// @vodmns/core/testing: test helpers (never needed at runtime). The only barrel of this entry point.

// --- time ---
export { flushPromises, ManualClock } from '../time/manual-clock.js';
export { waitFor } from '../time/wait-for.js';
