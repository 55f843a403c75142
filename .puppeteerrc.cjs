// Puppeteer's own browser download needs a host this project must not depend on; tickcast uses the system
// Chromium (Debian's `chromium`) or PUPPETEER_EXECUTABLE_PATH (reports/browser.ts).
module.exports = { skipDownload: true };
