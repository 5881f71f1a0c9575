/**
 * The engine result the heatmap view-model tests share. The mini world: T1000 (Windows, Linux; execution) with
 * T1000.001 (Windows) and T1000.002 (Linux), T1001 (Linux; initial-access), T1002 (macOS; impact), T1003 (Windows;
 * impact). Adversary One uses T1000, T1000.001, T1003, T1002; Two uses T1003; EDR covers T1000.001 significantly.
 */
import { analyseCoverage } from '../../../src/core/coverage/engine';
import type { CoverageInput } from '../../../src/core/coverage/types';
import { miniIndex } from '../coverage/fixture';

export const heatmapInput: CoverageInput = {
  minCoverage: 'partial',
  components: [{ id: 'win', name: 'Laptops', platforms: ['Windows'], assets: [] }],
  adversaries: [
    { kind: 'intel', label: 'One', includeSoftware: false, techniques: [{ id: 'T1000' }, { id: 'T1000.001' }, { id: 'T1003' }, { id: 'T1002' }] },
    { kind: 'intel', label: 'Two', includeSoftware: false, techniques: [{ id: 'T1003' }] },
  ],
  exclusions: [],
  controls: [{ id: 'EDR', status: 'implemented', mitigations: [], techniques: [{ id: 'T1000.001', level: 'significant' }] }],
};

export const heatmapResult = analyseCoverage(miniIndex(), heatmapInput);
