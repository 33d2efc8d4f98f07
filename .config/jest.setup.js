// kafkajs loads the module of each protocol request version on first use. Consumers keep working
// in the background (heartbeats, fetches, offset commits) while Jest is between tests, when it
// refuses any require; loading those modules up front keeps a background call from crashing.
const { readdirSync } = require('node:fs');
const { dirname, join } = require('node:path');

const requests = join(dirname(require.resolve('kafkajs/package.json')), 'src', 'protocol', 'requests');

(function loadAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) loadAll(path);
    else if (entry.name.endsWith('.js') && !entry.name.endsWith('.spec.js')) require(path);
  }
})(requests);
