/** Command IDs, as contributed in package.json. */
export const COMMANDS = {
  download: 'threatOverlap.downloadAttackData',
  select: 'threatOverlap.selectAttackData',
  showSource: 'threatOverlap.showAttackDataSource',
} as const;
