// What the two packages hold, and nothing else: the VSIX (npm run package) and the CLI tarball (npm run pack:cli).
// The package scripts fail when an artifact differs from these lists, and test/package/ checks the artifacts again.
// .vscodeignore is the allow-list vsce applies; keep it in step with VSIX_FILES.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { ROOT } from '../build-integration.mjs';

/** The budget for the VSIX (without ATT&CK data, which is never packaged): 3 MB. */
export const VSIX_BUDGET_BYTES = 3_000_000;

/** Entries of the VSIX: vsce's manifest files, then the extension folder (vsce renames README, CHANGELOG, LICENSE). */
export const VSIX_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/dist/extension.js',
  'extension/dist/attack-worker.js',
  'extension/media/webview.js',
  'extension/media/webview.css',
  'extension/schemas/threat-model.schema.json',
  'extension/schemas/control-inventory.schema.json',
].sort();

/** Files of the CLI tarball, under npm's `package/` prefix. */
export const CLI_PACKAGE_FILES = [
  'package/package.json',
  'package/cli.js',
  'package/README.md',
  'package/LICENSE',
  'package/schemas/threat-model.schema.json',
  'package/schemas/control-inventory.schema.json',
].sort();

/** The root manifest (the extension's). */
export function rootManifest(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

export const vsixName = (version) => `threat-overlap-${version}.vsix`;
export const tarballName = (version) => `threat-overlap-${version}.tgz`;

/** The entries of a zip file (a VSIX): `{ name, size, compressedSize }`, read with yauzl. */
export function zipEntries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = [];
      zip.on('entry', (e) => {
        entries.push({ name: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The bytes of one zip entry. */
export function zipEntry(file, name) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let found = false;
      zip.on('entry', (e) => {
        if (e.fileName !== name) return zip.readEntry();
        found = true;
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => found || reject(new Error(`${name} is not in ${file}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The text (UTF-8) of one zip entry. */
export const zipEntryText = async (file, name) => (await zipEntry(file, name)).toString('utf8');

/** Width and height of a PNG (from its IHDR chunk), or undefined when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The differences between the files an artifact holds and the files it should hold (empty: none). */
export function listDifferences(actual, expected) {
  const have = new Set(actual);
  const want = new Set(expected);
  return [
    ...[...have].filter((f) => !want.has(f)).map((f) => `unexpected: ${f}`),
    ...[...want].filter((f) => !have.has(f)).map((f) => `missing: ${f}`),
  ];
}

/** Bytes in kB with one decimal, for the listings. */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
