import { workspaceProject } from '../../vitest.shared.ts';

export default workspaceProject('mns-local', { typecheck: true });
