import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DIAGNOSTIC_CODES, isSchemaLayer } from '../../../src/core/validation/index';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const CODE = /'((?:yaml|schema|attack|model|control|file)\.[a-z-]+)'/g;

describe('the diagnostic code registry', () => {
  const emitted = new Set(['src/core/model', 'src/core/validation', 'src/core/files'].flatMap(sources).filter((f) => !f.endsWith('codes.ts'))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => m[1])));

  test('every code the model and validation code writes is registered', () => {
    assert.ok(emitted.has('attack.revoked') && emitted.has('model.duplicate-id'), 'the scan finds codes');
    const missing = [...emitted].filter((c) => !(c in DIAGNOSTIC_CODES) && !(c.startsWith('schema.') && 'schema.*' in DIAGNOSTIC_CODES));
    assert.deepEqual(missing, []);
  });

  test('every registered code is documented in docs/formats.md with its severity', () => {
    const doc = readFileSync('docs/formats.md', 'utf8');
    const undocumented = Object.entries(DIAGNOSTIC_CODES).filter(([code, info]) => {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code.replace('*', '<keyword>')}\``));
      return !row || !row.includes(info.severity);
    });
    assert.deepEqual(undocumented.map(([c]) => c), []);
  });

  test('isSchemaLayer: syntax and schema codes only', () => {
    assert.deepEqual(['yaml.syntax', 'schema.enum', 'attack.revoked', 'model.version-behind'].map((code) => isSchemaLayer({ code })), [true, true, false, false]);
    // Our own reading rules stay ours even when Red Hat's YAML extension reports the rest: it knows nothing of them.
    assert.deepEqual(['yaml.version', 'yaml.too-large', 'yaml.too-deep'].map((code) => isSchemaLayer({ code })), [false, false, false]);
  });
});
