/** The installed parsers are at least the versions whose security fixes we rely on (issue 7: ajv ≥ 8.18, yaml ≥ 2.9). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const installed = (name: string): string => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

/** a ≥ b for plain `major.minor.patch` versions. */
function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((v) => [0, 1, 2].map((i) => Number(v.split(/[.-]/)[i] ?? 0) || 0));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

test('atLeast compares numerically', () => {
  assert.deepEqual([atLeast('8.18.0', '8.18'), atLeast('8.9.9', '8.18'), atLeast('2.10.0', '2.9'), atLeast('1.99.0', '2.9')], [true, false, true, false]);
});

for (const [name, minimum] of [['ajv', '8.18.0'], ['yaml', '2.9.0']] as const) {
  test(`${name} ≥ ${minimum} is installed`, () => {
    const version = installed(name);
    assert.ok(atLeast(version, minimum), `${name} ${version}`);
    console.log(`robustness: ${name} ${version} installed (minimum ${minimum})`);
  });
}
