// Zips the release build in dist/ for the stores: one archive for the Chrome Web Store and one for AMO (the same
// files: one manifest serves both), written to web-ext-artifacts/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'web-ext-artifacts');
const { version } = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'));
const firefoxZip = `socketio-inspector-${version}-firefox.zip`;
const chromeZip = `socketio-inspector-${version}-chrome.zip`;

const webExt = join(root, 'node_modules/web-ext/bin/web-ext.js');
const result = spawnSync(
  process.execPath,
  [
    webExt,
    'build',
    '--source-dir',
    join(root, 'dist'),
    '--artifacts-dir',
    artifacts,
    '--filename',
    firefoxZip,
    '--overwrite-dest',
    '--no-input',
  ],
  { stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
copyFileSync(join(artifacts, firefoxZip), join(artifacts, chromeZip));
console.log(`Chrome Web Store: ${join(artifacts, chromeZip)}\nAMO: ${join(artifacts, firefoxZip)}`);
