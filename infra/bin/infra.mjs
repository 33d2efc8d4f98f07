#!/usr/bin/env node
// Native infrastructure for machines without Docker: `up` installs (first time) and starts
// PostgreSQL, Kafka and FerretDB on loopback; `down` stops what `up` started; `status` tells.
import { bringUpInfrastructure, describeServers, nativeDown, nativeStatus } from '../lib/stack.mjs';

const command = process.argv[2];
try {
  switch (command) {
    case 'up': {
      const { env } = await bringUpInfrastructure();
      for (const line of await describeServers(env)) console.log(line);
      console.log('\nexport ' + Object.entries(env).map(([key, value]) => `${key}='${value}'`).join(' '));
      break;
    }
    case 'down':
      await nativeDown();
      break;
    case 'status':
      for (const line of await nativeStatus()) console.log(line);
      break;
    default:
      console.error('usage: node infra/bin/infra.mjs up|down|status');
      process.exitCode = 2;
  }
} catch (error) {
  console.error(`[infra] ${error.message}`);
  process.exitCode = 1;
}
