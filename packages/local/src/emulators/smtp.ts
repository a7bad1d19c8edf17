import { randomBytes } from 'node:crypto';
import { LOCAL_MAIL_BUCKET } from '@import-comms/aws';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { RuntimeConfig } from '../config.js';
import type { InboundDelivery } from './inbound.js';
import { boundPort, type Listening, PortBusyError } from './listen.js';

/** SES receiving's largest message (40 MB) is more than a local run needs; 10 MB keeps a stray upload small. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** The anti-virus test file every scanner knows: SES's verdict on it is FAIL, here too. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** SES's ids of received messages: 40 characters, lower case letters and digits. */
function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(40)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function headerBlock(raw: Buffer): Map<string, string> {
  const end = raw.indexOf('\r\n\r\n');
  const text = raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString('utf8');
  const headers = new Map<string, string>();
  for (const line of text.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * What SES receiving publishes to SNS once its S3 action has written a message (notification type
 * "Received"), from the message and its SMTP envelope.
 */
export function sesReceivedNotification(
  raw: Buffer,
  envelope: { from: string; recipients: string[] },
  stored: { messageId: string; objectKey: string; topicArn: string },
): Record<string, unknown> {
  const headers = headerBlock(raw);
  const at = new Date().toISOString();
  const verdict = (status: string) => ({ status });
  return {
    notificationType: 'Received',
    mail: {
      timestamp: at,
      source: envelope.from,
      messageId: stored.messageId,
      destination: envelope.recipients,
      headersTruncated: false,
      headers: [...headers].map(([name, value]) => ({ name, value })),
      commonHeaders: {
        returnPath: envelope.from,
        ...(headers.has('from') ? { from: [headers.get('from')] } : {}),
        ...(headers.has('to') ? { to: [headers.get('to')] } : {}),
        ...(headers.has('message-id') ? { messageId: headers.get('message-id') } : {}),
        ...(headers.has('subject') ? { subject: headers.get('subject') } : {}),
      },
    },
    receipt: {
      timestamp: at,
      processingTimeMillis: 1,
      recipients: envelope.recipients,
      spamVerdict: verdict('PASS'),
      virusVerdict: verdict(raw.includes(EICAR) ? 'FAIL' : 'PASS'),
      spfVerdict: verdict('GRAY'),
      dkimVerdict: verdict('GRAY'),
      dmarcVerdict: verdict('GRAY'),
      action: {
        type: 'S3',
        topicArn: stored.topicArn,
        bucketName: LOCAL_MAIL_BUCKET,
        objectKey: stored.objectKey,
      },
    },
  };
}

export interface ReceivedMail {
  messageId: string;
  recipients: string[];
}

/**
 * A real SMTP server standing in for SES receiving (ADR 0028): it accepts mail for the reply domain only (as an
 * MX for that domain would), writes each message whole to the bucket under `inbound/<id>`, and publishes SES's
 * "Received" notification to the inbound-email topic — so the same handler runs as in AWS.
 */
export async function startSmtp(options: {
  config: RuntimeConfig;
  replyDomain: string;
  /** Where SES receiving writes and announces each message. */
  delivery: InboundDelivery;
  onReceived?: (mail: ReceivedMail) => void;
  onError: (message: string, error: unknown) => void;
}): Promise<Listening> {
  const { config, replyDomain, delivery } = options;
  const topicArn = delivery.topics['inbound-email'];
  const server = new SMTPServer({
    name: 'inbound-smtp.import-comms',
    banner: 'import-comms local SES receiving',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const domain = address.address.split('@')[1]?.toLowerCase();
      if (domain !== replyDomain) {
        const error = Object.assign(new Error(`mailbox unavailable: only ${replyDomain} is received here`), {
          responseCode: 550,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(
            Object.assign(new Error('message exceeds the fixed maximum message size'), { responseCode: 552 }),
          );
        }
        const raw = Buffer.concat(chunks);
        const messageId = sesMessageId();
        const objectKey = `inbound/${messageId}`;
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
        };
        delivery
          .storeRawMail(objectKey, raw)
          .then(() =>
            delivery.publish(
              'inbound-email',
              sesReceivedNotification(raw, envelope, { messageId, objectKey, topicArn }),
            ),
          )
          .then(() => {
            options.onReceived?.({ messageId, recipients: envelope.recipients });
            callback(null, `Ok ${messageId}`);
          })
          .catch((error: unknown) => {
            options.onError('inbound mail not stored', error);
            // A 4xx tells the sending server to try again later, as it would with SES.
            callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    let listening = false;
    // A client's broken connection is reported here; it must not stop the server.
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (listening) return options.onError('SMTP connection', error);
      reject(error.code === 'EADDRINUSE' ? new PortBusyError('SMTP', config.ports.smtp) : error);
    });
    server.listen(config.ports.smtp, config.host, () => {
      listening = true;
      resolve();
    });
  });
  return {
    port: boundPort(server.server),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
