// What both integration runners share: a fresh temporary run directory (workspace copy, user data, extensions),
// the environment of the extension host, and the test data location.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from '../build-integration.mjs';

export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'integration', 'workspace');
export const RESULTS_DIR = join(ROOT, 'test-results');

/** The real ATT&CK bundles the suite serves: THREAT_OVERLAP_ATTACK_STIX, else ../shared/attack-stix. */
export function stixDir() {
  return resolve(process.env.THREAT_OVERLAP_ATTACK_STIX ?? join(ROOT, '..', 'shared', 'attack-stix'));
}

/** A fresh run directory: `workspace` (a copy of the fixture), `user-data`, `extensions`, an empty `config.yaml`. */
export function createRunDirs(prefix = 'threat-overlap-it-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    workspace: join(root, 'workspace'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    config: join(root, 'config.yaml'),
  };
  cpSync(FIXTURE_WORKSPACE, dirs.workspace, { recursive: true });
  mkdirSync(dirs.userData, { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(dirs.config, '');
  return dirs;
}

export function removeRunDirs(dirs) {
  rmSync(dirs.root, { recursive: true, force: true });
}

/**
 * The extension host's environment: the test data location, and none of the variables that would make the
 * extension find data on its own (the suite starts from an empty cache on purpose).
 */
export function hostEnv(extra = {}) {
  const env = { ...process.env, THREAT_OVERLAP_ATTACK_STIX: stixDir(), ...extra };
  delete env.THREAT_OVERLAP_ATTACK_DATA;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Fails early, with the fix, when the shared bundles are not there. */
export function checkStixDir() {
  const dir = stixDir();
  for (const f of ['enterprise-attack-18.1.json', 'enterprise-attack-15.1.json', 'mobile-attack-18.1.json', 'ics-attack-18.1.json']) {
    if (!existsSync(join(dir, f))) {
      throw new Error(`${join(dir, f)} is missing: set THREAT_OVERLAP_ATTACK_STIX to the folder of the real ATT&CK bundles`);
    }
  }
  return dir;
}
