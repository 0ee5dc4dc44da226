import { workspaceProject } from '../../vitest.shared.ts';

// The project StrykerJS runs (stryker.config.mjs at the root): the unit tests without the type tests, which test
// types, not behaviour, and would type-check instrumented code.
export default workspaceProject('mns-transport');
