#!/usr/bin/env node
// Compiles the services and libs to dist/ with SWC: decorator metadata for NestJS, and the
// `@eutf/*` path aliases of tsconfig.base.json rewritten to relative requires, so `node` runs
// the output without a loader. Type-checking is `npm run typecheck`'s job, not this one's.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot, requireFromRepo } from '../lib/paths.mjs';

const swc = requireFromRepo('@swc/core');
const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8'));
const outDir = join(repoRoot, 'dist');

function* sources(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

/** The src/ of every project, nested libs included (libs/<context>/<lib>), tests-only libs left out. */
const roots = ['services', 'libs'].flatMap((group) =>
  readdirSync(join(repoRoot, group)).flatMap((name) => {
    const folder = join(repoRoot, group, name);
    if (group === 'libs' && name === 'testing') return [];
    if (existsSync(join(folder, 'src'))) return [join(folder, 'src')];
    return readdirSync(folder)
      .map((inner) => join(folder, inner, 'src'))
      .filter((src) => existsSync(src));
  }),
);

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
let count = 0;
for (const root of roots) {
  for (const file of sources(root)) {
    const { code, map } = await swc.transformFile(file, {
      swcrc: false,
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: repoRoot,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs' },
    });
    const target = join(outDir, relative(repoRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
    count += 1;
  }
}
process.stderr.write(`[build] ${count} files compiled to dist/ in ${Date.now() - started} ms\n`);
