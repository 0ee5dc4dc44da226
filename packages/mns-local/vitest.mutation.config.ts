import { workspaceProject } from '../../vitest.shared.ts';

// The project StrykerJS runs (stryker.config.mjs at the root): the unit tests beside the code, without the type
// tests (they test types, not behaviour) and without test/ (every test there goes through HTTP on loopback: a
// mutant of the engine would rerun hundreds of them, over an hour for queue-engine.ts; and the durability suite
// runs a built dist/ in child processes, which never sees a mutant). The engine's own tests are in src/engine/.
const project = workspaceProject('mns-local');
export default { ...project, test: { ...project.test, include: ['src/**/*.test.ts'] } };
