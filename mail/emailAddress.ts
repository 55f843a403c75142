import { UserError } from '../core/errors.ts';

/**
 * A plain ASCII address, `local@domain.tld`: what nodemailer puts in RCPT TO as one recipient. Commas, angle
 * brackets, quotes and whitespace are refused, so one subscriber's `channelId` can never address anyone else.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The address as given, or a `UserError` naming it when it is not one tickcast sends to. */
export function checkEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    address.length <= 254 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label));
  if (!valid) throw new UserError('email_address_invalid', `${JSON.stringify(address)} is not an email address tickcast can send to`);
  return address;
}

/** The domain of a sender, `tickcast <reports@example.com>` or `reports@example.com`; null when there is none. */
export function senderDomain(from: string): string | null {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
  return address.includes('@') && /^[a-z0-9.-]+$/.test(domain) ? domain : null;
}
