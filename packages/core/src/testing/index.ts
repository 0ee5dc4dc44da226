// @vodmns/core/testing: factories and helpers for tests, simulations and demos (not the runtime API of
// @vodmns/core). One export statement per module, in alphabetical order of the module path.
export { flushPromises, ManualClock } from '../time/manual-clock.js';
export { waitFor } from '../time/wait-for.js';
export {
  buildUploadScenario,
  buildUrlUploadScenario,
  resolveUploadScenarioOptions,
  type UploadScenarioOptions,
  type UploadScenarioOutcome,
} from './build-upload-scenario.js';
export {
  buildVodScenario,
  VOD_SCENARIO_KINDS,
  type VodScenarioKind,
  type VodScenarioOptions,
} from './build-vod-scenario.js';
export {
  type CreateVodEventOptions,
  createVodEvent,
  DEFAULT_CREATE_VOD_EVENT_OPTIONS,
  type VodEventOverrides,
} from './create-vod-event.js';
export { createSeededRandom, type SeededRandom } from './seeded-random.js';
