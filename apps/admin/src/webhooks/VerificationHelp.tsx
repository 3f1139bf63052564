import type { ReactNode } from 'react';
import { useLanguage } from '../i18n';

const SAMPLE = `// Node.js
const timestamp = request.headers['amtsweg-timestamp'];
const expected = 'v1=' + createHmac('sha256', secret).update(\`\${timestamp}.\${rawBody}\`).digest('hex');
const given = String(request.headers['amtsweg-signature'] ?? '');
const valid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;`;

/** How a receiver checks a delivery and how long Amtsweg keeps trying: what the receiver's developers need. */
export function VerificationHelp(): ReactNode {
  const { t } = useLanguage();
  const headers = [
    ['Amtsweg-Delivery', t('headerDelivery')],
    ['Amtsweg-Event', t('headerEvent')],
    ['Amtsweg-Timestamp', t('headerTimestamp')],
    ['Amtsweg-Signature', t('headerSignature')],
  ] as const;
  return (
    <section aria-labelledby="verify-title" className="ad-section">
      <h2 id="verify-title">{t('verifyTitle')}</h2>
      <p>{t('verifyIntro')}</p>
      <dl className="ad-headers">
        {headers.map(([name, text]) => (
          <div key={name}>
            <dt>
              <code>{name}</code>
            </dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p>{t('verifySteps')}</p>
      <pre className="ad-code" lang="en">
        <code>{SAMPLE}</code>
      </pre>
      <p>{t('verifyRetries')}</p>
    </section>
  );
}
