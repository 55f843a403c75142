// Puppeteer's own browser download needs a host this project must not depend on; tickcast uses the system
// Chromium (Debian's `chromium`) or PUPPETEER_EXECUTABLE_PATH (reports/pdf/findBrowser.ts).
module.exports = { skipDownload: true };
