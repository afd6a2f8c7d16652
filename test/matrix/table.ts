/**
 * Writes the README's compatibility table from the matrix results of the last e2e run (.tmp/matrix/<browser>.json,
 * written by test/e2e/matrix.test.ts): `npm run matrix:table` after `npm run test:e2e`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  featureUnavailable,
  FEATURES,
  FLAVOURS,
  PLAIN_APPS,
  RESULTS_DIR,
  rowTitle,
  rowUnavailable,
  rows,
  TRANSPORTS,
  type CellResult,
} from './cells';

const README = new URL('../../README.md', import.meta.url);
const BROWSERS = ['chromium', 'firefox'] as const;
const START = '<!-- compatibility-matrix:start -->';
const END = '<!-- compatibility-matrix:end -->';

function readResults(): CellResult[] {
  return BROWSERS.flatMap((browser) => {
    const file = new URL(`${browser}.json`, RESULTS_DIR);
    if (!existsSync(file))
      throw new Error(
        `No matrix results for ${browser} in ${file.pathname}: run the e2e tests first (npm run test:e2e).`,
      );
    return JSON.parse(readFileSync(file, 'utf8')) as CellResult[];
  });
}

/** Footnotes, numbered in order of first use. */
function footnotes() {
  const notes: string[] = [];
  return {
    mark(text: string): string {
      let index = notes.indexOf(text);
      if (index < 0) index = notes.push(text) - 1;
      return `<sup>${index + 1}</sup>`;
    },
    list: () => notes.map((text, index) => `${index + 1}. ${text}`).join('\n'),
  };
}

const version = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/** The npm versions the rows ran: each server with its client. */
const versions = () =>
  FLAVOURS.map(
    (flavour) =>
      `${flavour.name}: socket.io ${version(flavour.server)} with socket.io-client ${version(flavour.client)}`,
  ).join('; ');

const firstLine = (message = '') => message.split('\n')[0].slice(0, 200);

function table(results: CellResult[]): string {
  const notes = footnotes();
  const cell = (row: string, feature: CellResult['feature']) => {
    const outcomes = BROWSERS.map((browser) =>
      results.find((result) => result.row === row && result.feature === feature && result.browser === browser),
    );
    if (outcomes.some((outcome) => !outcome))
      return `not run${notes.mark('No result from the last run in one of the browsers.')}`;
    if (outcomes.every((outcome) => outcome!.passed)) return '✅';
    return outcomes
      .map(
        (outcome, index) =>
          `${outcome!.passed ? '✅' : '❌'} ${BROWSERS[index]}${outcome!.passed ? '' : notes.mark(firstLine(outcome!.message))}`,
      )
      .join(', ');
  };
  const header = `| socket.io | transport | ${FEATURES.map(({ title }) => title).join(' | ')} |`;
  const separator = `|${' --- |'.repeat(FEATURES.length + 2)}`;
  const lines = rows().map((row) => {
    const title = rowTitle(row);
    const transport = TRANSPORTS.find(({ name }) => name === row.transport)!.title;
    const cells = FEATURES.map(({ name }) => {
      const unavailable = featureUnavailable(row.flavour, name);
      return unavailable ? `n/a${notes.mark(unavailable)}` : cell(title, name);
    });
    return `| ${row.flavour.name} | ${transport} | ${cells.join(' | ')} |`;
  });
  const missingRows = FLAVOURS.flatMap((flavour) =>
    TRANSPORTS.map(({ name, title }) => ({ title, reason: rowUnavailable(flavour, name) }))
      .filter(({ reason }) => reason)
      .map(({ title, reason }) => `socket.io ${flavour.name} with ${title}${notes.mark(reason!)}`),
  );
  const plain = PLAIN_APPS.map((app) => `| ${app.title} | ${app.expectation} | ${cell(app.name, 'plain')} |`);
  return [
    'Every cell passed in both browsers (✅) in the last run of `npm run test:e2e` unless it says otherwise, in headless Chromium and Firefox ESR;',
    '`n/a` marks a feature that the versions of the row do not have.',
    `Versions: ${versions()}.`,
    '',
    header,
    separator,
    ...lines,
    '',
    `Rows that cannot exist: ${missingRows.join('; ')}.`,
    '',
    '| app | expected | result |',
    '| --- | --- | --- |',
    ...plain,
    '',
    notes.list(),
  ].join('\n');
}

const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section to write the table into.`);
writeFileSync(README, `${readme.slice(0, start + START.length)}\n${table(readResults())}\n${readme.slice(end)}`);
console.log('README.md: compatibility table written.');
