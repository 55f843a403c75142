// Reads vitest's JSON report and prints "<passed> <failed>". A test file that failed to load (no tests ran in it)
// counts as one failure, so a broken import cannot pass silently.
import fs from 'node:fs';

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
console.log(`${report.numPassedTests} ${report.numFailedTests + brokenFiles}`);
