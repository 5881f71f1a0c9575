/** The generated 2,000-line threat model of the re-validation benchmarks (in-process and in the extension host). */
import type { AttackIndex } from '../../src/core/attack/types';

/**
 * A large, realistic model: a tech stack on 18.1 platforms, every group as an adversary with its name as a
 * comment, intelligence lists of techniques one per line with `# name` comments and `{ id, name }` entries,
 * exclusions, and a few stale entries (revoked IDs, a 15.1 platform name) so the diagnostic paths run too.
 */
export function generateModel(index: AttackIndex, lines: number): string {
  const out = ['# Generated for the validation benchmark.', 'threatModel: 1', 'name: Benchmark estate', 'attack: { domain: enterprise-attack, version: "18.1" }', 'techStack:'];
  const platforms = index.platforms;
  for (let i = 0; i < 40; i++) out.push(`  - id: c${i}`, `    name: Component ${i}`, `    platforms: [${platforms[i % platforms.length]}, ${platforms[(i + 3) % platforms.length]}]`);
  out.push('  - { id: legacy, platforms: [Azure AD] }', 'adversaries:');
  for (const g of index.list('group')) out.push(`  - { group: ${g.id}, motivation: espionage }   # ${g.name}`);
  const techniques = index.techniques;
  let n = 0;
  while (out.length < lines - 40) {
    out.push(`  - name: Intel feed ${n}`, '    source: { kind: OSINT, ref: "https://example.com/feed", date: 2025-06-01, confidence: medium }', '    techniques:');
    for (let k = 0; k < 60 && out.length < lines - 40; k++, n++) {
      const t = techniques[(n * 7) % techniques.length];
      out.push(n % 3 === 0 ? `      - { id: ${t.id}, name: ${JSON.stringify(t.name)} }` : `      - ${t.id}   # ${t.name}`);
    }
    out.push('      - T1086   # revoked since v7');
  }
  out.push('techniques:', '  exclude:');
  while (out.length < lines - 2) out.push(`    - { id: ${techniques[out.length % techniques.length].id}, reason: Out of scope for the benchmark }`);
  out.push('controls: [./endpoint.controls.yaml]', 'policy: { minCoverage: partial }');
  return `${out.join('\n')}\n`;
}
