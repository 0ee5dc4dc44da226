import { workspaceProject } from '../../vitest.shared.ts';

export default workspaceProject('mns-transport', { typecheck: true });
