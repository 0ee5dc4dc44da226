import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * The one vitest project shape of this workspace: workspace packages resolve to their TypeScript sources (the
 * `source` export condition), unit tests beside the code and integration tests in `test/`, generous timeouts (the
 * suites must pass on a loaded 2-core CI machine), and optional type tests (`*.test-d.ts`).
 */
export function workspaceProject(name: string, options: { typecheck?: boolean } = {}): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...(options.typecheck
        ? {
            typecheck: {
              enabled: true,
              tsconfig: './tsconfig.json',
              include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
            },
          }
        : {}),
    },
  });
}
