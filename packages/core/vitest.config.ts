import { workspaceProject } from '../../vitest.shared.ts';

export default workspaceProject('core', { typecheck: true });
