/**
 * `npm start`: serves the seed chat on socket.io 2.x and 4.x on 127.0.0.1, keeps the write-up's hand-written client
 * chatting on the 2.x one, and opens Chromium (or Firefox ESR with `--firefox`) with the built extension loaded and
 * DevTools open on the chat pages. Without a display it says so and keeps serving.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startChatServer, type ChatServer, type SocketIoMajor } from './chat-server';
import { connectHandwritten } from './handwritten-client';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const firefox = process.argv.includes('--firefox');
const BOT_INTERVAL_MS = 5000;

async function serve(version: SocketIoMajor, port: number): Promise<ChatServer> {
  try {
    return await startChatServer(version, port);
  } catch {
    return startChatServer(version, 0); // the usual port is taken: any free one
  }
}

const servers = [await serve(2, 3000), await serve(4, 3004)];
console.log('Seed chat served on 127.0.0.1:');
for (const server of servers) console.log(`  socket.io ${server.version}.x  ${server.url}`);

const bot = await connectHandwritten(servers[0].url);
let count = 0;
const timer = setInterval(() => {
  bot.ping();
  bot.say(`hand-written client says hi #${++count}`);
}, BOT_INTERVAL_MS);
console.log(`The write-up's hand-written client chats on ${servers[0].url} every ${BOT_INTERVAL_MS / 1000} s.`);

const manual = [
  'Load the extension by hand:',
  `  Chrome/Chromium: chrome://extensions > Developer mode > Load unpacked > ${DIST}`,
  `  Firefox: about:debugging#/runtime/this-firefox > Load Temporary Add-on > ${DIST}/manifest.json`,
  'Then open a chat URL above, open DevTools (F12) and pick the "Socket.IO" panel.',
];

async function shutdown(): Promise<never> {
  clearInterval(timer);
  bot.close();
  await Promise.all(servers.map((server) => server.close()));
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log('\nNo display found (DISPLAY and WAYLAND_DISPLAY are unset), so no browser is opened.');
  console.log(manual.join('\n'));
  console.log('\nServing until Ctrl+C.');
} else if (firefox) {
  const webExt = fileURLToPath(new URL('../../node_modules/web-ext/bin/web-ext.js', import.meta.url));
  const args = [
    webExt,
    'run',
    '--source-dir',
    DIST,
    '--firefox',
    process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    '--devtools',
    '--no-reload',
  ];
  for (const server of servers) args.push('--start-url', server.url);
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('exit', () => void shutdown());
  console.log('\nFirefox ESR opens with the extension and DevTools; pick the "Socket.IO" panel.');
} else {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    devtools: true,
    pipe: true,
    defaultViewport: null,
    enableExtensions: [DIST],
    // Chromium refuses to start its sandbox as root (containers, CI machines).
    args: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  for (const server of servers) await (await browser.newPage()).goto(server.url);
  browser.on('disconnected', () => void shutdown());
  console.log('\nChromium opens with the extension and DevTools on each chat; pick the "Socket.IO" panel.');
}
