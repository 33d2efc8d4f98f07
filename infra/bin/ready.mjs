#!/usr/bin/env node
// Exit 0 when the service on the given port answers ready; used by container health checks.
const port = process.argv[2] ?? process.env.PORT;
try {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(4_000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
