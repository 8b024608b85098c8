import { AuditRecord } from '../audit/audit-log';
import { humanise } from './view-filters';

const fieldWords: Record<string, string> = {
  givenName: 'given name',
  familyName: 'family name',
  dateOfBirth: 'date of birth',
  contact: 'contact details',
};

const roleWords: Record<string, string> = {
  referrer: 'referrer',
  'rj-coordinator': 'restorative justice coordinator',
  'caution-officer': 'conditional caution officer',
  'coaching-coordinator': 'community coaching coordinator',
  commissioner: 'commissioner',
  admin: 'administrator',
};

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** An instant as staff in Barnet read it: "22 November 2026 at 14:05", London time. */
export const londonDateTime = (iso: string): string => when.format(new Date(iso));

/** "a", "a and b", "a, b and c". */
const inList = (words: readonly string[]): string => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What an audit entry records, as a sentence with the doer left out ("Read the given name and family name"). */
export const auditWords = ({ action, details }: Pick<AuditRecord, 'action' | 'details'>): string => {
  const account = text(details.username) ?? 'a user';
  switch (action) {
    case 'personal-data-read': {
      const fields = Array.isArray(details.fields) ? details.fields.filter((field): field is string => typeof field === 'string') : [];
      return fields.length === 0 ? 'Read personal details' : `Read the ${inList(fields.map((field) => fieldWords[field] ?? humanise(field).toLowerCase()))}`;
    }
    case 'person-exported':
      return 'Exported everything held about the person (subject access)';
    case 'person-erased':
      return 'Erased the person’s personal details';
    case 'user-created': {
      const role = roleWords[text(details.role) ?? ''];
      return role ? `Gave ${account} a sign-in as ${role}` : `Gave ${account} a sign-in`;
    }
    case 'user-unlocked':
      return `Unlocked ${account}’s account`;
    case 'user-password-reset':
      return `Reset ${account}’s password to a temporary one, and signed them out`;
    case 'user-disabled':
      return `Disabled ${account}’s account, and signed them out`;
    case 'user-enabled':
      return `Enabled ${account}’s account again`;
    case 'password-changed':
      return 'Changed their own password';
    default:
      return humanise(action);
  }
};
