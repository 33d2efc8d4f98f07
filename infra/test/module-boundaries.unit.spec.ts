import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { lintAs, workspaceRoot as root, type LintMessage } from './support/lint-as';

const boundaryErrors = (messages: LintMessage[]) =>
  messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries' && message.severity === 2);

describe('module boundaries (lint)', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; without it the rule would skip, and this test would prove nothing.
    const graph = spawnSync(process.execPath, [join(root, 'node_modules/nx/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      encoding: 'utf8',
    });
    expect(graph.status).toBe(0);
  });

  it('refuses an import from one service into another', () => {
    const messages = lintAs(
      'services/projects/src/boundary-fixture.ts',
      "import { AppModule } from '../../reporting/src/app.module';\nexport const leaked = AppModule;\n",
    );
    expect(boundaryErrors(messages)).toHaveLength(1);
    expect(boundaryErrors(messages)[0]?.message).toMatch(/relative|absolute path/i);
  });

  it('refuses NestJS in a domain lib', () => {
    const messages = lintAs(
      'libs/shared-kernel/src/boundary-fixture.ts',
      "import { Injectable } from '@nestjs/common';\nexport const framework = Injectable;\n",
    );
    expect(boundaryErrors(messages)).toHaveLength(1);
    expect(boundaryErrors(messages)[0]?.message).toContain('@nestjs/common');
  });

  it('refuses a database driver in a domain lib', () => {
    const messages = lintAs('libs/shared-kernel/src/boundary-fixture.ts', "import { Pool } from 'pg';\nexport const driver = Pool;\n");
    expect(boundaryErrors(messages)[0]?.message).toContain('pg');
  });

  it('refuses file and network I/O in a domain lib', () => {
    const messages = lintAs('libs/projects/domain/src/boundary-fixture.ts', "import { readFileSync } from 'node:fs';\nexport const io = readFileSync;\n");
    expect(messages.filter((message) => message.ruleId === 'no-restricted-imports' && message.severity === 2)).toHaveLength(1);
  });

  it('refuses platform plumbing in a domain lib', () => {
    const messages = lintAs(
      'libs/shared-kernel/src/boundary-fixture.ts',
      "import { loadConfig } from '@eutf/service-runtime';\nexport const plumbing = loadConfig;\n",
    );
    expect(boundaryErrors(messages)).toHaveLength(1);
  });

  it('refuses test helpers in production libs', () => {
    const messages = lintAs(
      'libs/service-runtime/src/boundary-fixture.ts',
      "import { requireInfrastructure } from '@eutf/testing';\nexport const helper = requireInfrastructure;\n",
    );
    expect(boundaryErrors(messages)).toHaveLength(1);
  });

  it('refuses the PostgreSQL event store adapter in a service: the event store only through its port', () => {
    const messages = lintAs(
      'services/projects/src/boundary-fixture.ts',
      "import { PostgresEventStore } from '@eutf/event-store-postgres';\nexport const adapter = PostgresEventStore;\n",
    );
    expect(boundaryErrors(messages)).toHaveLength(1);
    expect(boundaryErrors(messages)[0]?.message).toMatch(/"type:app" can only depend on/);
    expect(boundaryErrors(messages)[0]?.message).not.toContain('type:event-store');
  });

  it('accepts a service that uses the shared libs the rules allow', () => {
    const messages = lintAs(
      'services/projects/src/boundary-fixture.ts',
      "import { loadConfig } from '@eutf/service-runtime';\nimport { CommandEndpoint } from '@eutf/http-api';\nimport { EVENT_STORE } from '@eutf/event-sourcing';\nimport { euroCents } from '@eutf/shared-kernel';\nexport const allowed = [loadConfig, CommandEndpoint, EVENT_STORE, euroCents];\n",
    );
    expect(messages.filter((message) => message.severity === 2)).toEqual([]);
  });
});
