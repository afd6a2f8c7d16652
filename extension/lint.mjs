// Runs `web-ext lint` on dist/ and fails on any error, and on any warning but the expected ones:
// - BACKGROUND_SERVICE_WORKER_IGNORED: Firefox reads background.scripts; Chrome reads background.service_worker.
// - UNSAFE_VAR_ASSIGNMENT in panel.js and options.js: preact's support for dangerouslySetInnerHTML, which neither
//   page uses.
// - MANIFEST_PERMISSIONS for "debugger": Chromium's capture of workers needs it (it cannot be optional there); Firefox
//   has no such API and ignores it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('dist/ is not built: run `npm run build` first.');
  process.exit(1);
}
const webExt = join(root, 'node_modules/web-ext/bin/web-ext.js');
const result = spawnSync(process.execPath, [webExt, 'lint', '--source-dir', dist, '--output', 'json', '--no-input'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
const expected = (message) =>
  message.code === 'BACKGROUND_SERVICE_WORKER_IGNORED' ||
  (message.code === 'MANIFEST_PERMISSIONS' && message.message.includes('"debugger"')) ||
  (message.code === 'UNSAFE_VAR_ASSIGNMENT' && ['panel.js', 'options.js'].includes(message.file));
const problems = [...report.errors, ...report.warnings.filter((message) => !expected(message))];
for (const message of [...report.errors, ...report.warnings, ...report.notices]) {
  const tag = problems.includes(message) ? 'FAIL' : 'ok (expected)';
  console.log(`${tag} ${message._type} ${message.code} ${message.file ?? ''}: ${message.message}`);
}
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${problems.length} unexpected)`,
);
process.exit(problems.length > 0 ? 1 : 0);
