'use strict';
// Finds the applinkc executable: $APPLINKC_BINARY, else the one inside the platform package
// that npm installed as an optional dependency (`@applinkc/<platform>-<arch>`). Nothing is
// downloaded at install time or at run time.
const path = require('node:path');

const PLATFORMS = {
  'linux-x64': '@applinkc/linux-x64',
};

function binaryPath() {
  if (process.env.APPLINKC_BINARY) {
    return process.env.APPLINKC_BINARY;
  }
  const key = `${process.platform}-${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    throw new Error(
      `applinkc: no prebuilt binary for ${key}; build it with \`cargo install applinkc --locked\` and set APPLINKC_BINARY to its path`,
    );
  }
  const exe = process.platform === 'win32' ? 'applinkc.exe' : 'applinkc';
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    throw new Error(
      `applinkc: the package ${pkg} is not installed (npm skipped the optional dependency?); reinstall without --no-optional, or set APPLINKC_BINARY`,
    );
  }
}

module.exports = { binaryPath, PLATFORMS, packageDir: path.join(__dirname, '..') };
