import { oneLine } from '../core/errors.ts';
import { emailTransportFor } from './emailTransportFor.ts';
import { smtpEndpoint } from '../mail/smtpFailure.ts';
import { findBrowser } from '../reports/pdf/findBrowser.ts';
import { launchBrowser } from '../reports/pdf/launchBrowser.ts';
import type { Config } from './config.ts';
import type { DoctorCheck } from './doctor.ts';

/** How long doctor waits for the browser to start (the SMTP check waits as a send would). */
const CHECK_TIMEOUT_MS = 15_000;

/**
 * What the daily report needs: a browser that starts (PDFs), the SMTP server (email) and the narrative's source.
 * The browser is started and closed for real, and the SMTP server is connected to (and logged in to) for real:
 * a path that exists but does not run, or a server that refuses the login, is what an operator needs to hear.
 */
export async function reportChecks(config: Config): Promise<DoctorCheck[]> {
  return [await browserCheck(config), await smtpCheck(config), narrativeCheck(config)];
}

async function browserCheck(config: Config): Promise<DoctorCheck> {
  try {
    const executable = findBrowser(config.browser.executablePath);
    const started = Date.now();
    const launched = await launchBrowser(executable, CHECK_TIMEOUT_MS);
    try {
      const version = await launched.browser.version();
      const source = config.browser.executablePath ? 'PUPPETEER_EXECUTABLE_PATH' : 'system';
      return { name: 'browser', status: 'ok', detail: `${version} at ${executable} (${source}) started in ${((Date.now() - started) / 1000).toFixed(1)} s` };
    } finally {
      await launched.close();
    }
  } catch (err) {
    return { name: 'browser', status: 'fail', detail: `reports cannot be printed to PDF: ${oneLine(err)}` };
  }
}

async function smtpCheck(config: Config): Promise<DoctorCheck> {
  if (!config.mail.smtpUrl) return { name: 'smtp', status: 'warn', detail: 'email off: set SMTP_URL (smtp://user:pass@host:587) to send reports to subscribers' };
  const transport = emailTransportFor(config);
  try {
    await transport.verify();
    return { name: 'smtp', status: 'ok', detail: `${smtpEndpoint(config.mail.smtpUrl).label} accepts connections; reports are sent from ${config.mail.from}` };
  } catch (err) {
    return { name: 'smtp', status: 'fail', detail: oneLine(err) };
  } finally {
    transport.close();
  }
}

function narrativeCheck(config: Config): DoctorCheck {
  if (!config.openai.apiKey) return { name: 'narrative', status: 'ok', detail: 'template narrative (set OPENAI_API_KEY for one written by a language model, number-checked)' };
  const where = config.openai.baseUrl ?? 'the OpenAI API';
  return { name: 'narrative', status: 'ok', detail: `${config.openai.model} at ${where}; every number it writes is checked against the report's facts, the template is the fallback` };
}
