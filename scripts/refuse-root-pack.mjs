// `prepack` of the root package.json: a bare `npm pack` or `npm publish` here would ship the VS Code extension's
// manifest with the whole source tree (npm always packs `main`), which is neither the VSIX nor the CLI package.
console.error(`This folder's package.json is the VS Code extension's manifest; it is not packed with npm.
  npm run package    builds the extension: threat-overlap-<version>.vsix (code --install-extension FILE)
  npm run pack:cli   builds the CLI's npm package: threat-overlap-<version>.tgz (npm install FILE)`);
process.exit(1);
