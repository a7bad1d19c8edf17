import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { endpoint, type RuntimeConfig } from '../config.js';
import { readBody, sendJson } from './http.js';
import { type Listening, listen } from './listen.js';

/** An SMS the system handed to SNS, as captured locally. */
export interface CapturedSms {
  messageId: string;
  phoneNumber: string;
  message: string;
  smsType?: string;
  senderId?: string;
  receivedAt: string;
}

/**
 * Test numbers with documented behaviour (delivery receipts follow them once the log-service consumes them):
 * opted out numbers answer CheckIfPhoneNumberIsOptedOut with true; failing numbers get a FAILURE receipt.
 */
export const SMS_TEST_NUMBERS = {
  optedOut: '+61400000009',
  failsDelivery: '+61400000013',
} as const;

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

function xml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<?xml version="1.0"?>\n${body}`);
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function requestId(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}

function snsError(response: ServerResponse, code: string, message: string): void {
  xml(
    response,
    400,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>${requestId()}</ErrorResponse>`,
  );
}

/**
 * The SNS endpoint the system talks to locally: `Publish` to a phone number is captured (SNS in AWS would text
 * it); `CheckIfPhoneNumberIsOptedOut` is answered; every other SNS call is forwarded to fauxqs. Captured
 * messages are listed at `GET /sms`.
 */
export async function startSms(
  config: RuntimeConfig,
  onCaptured?: (sms: CapturedSms) => void,
): Promise<Listening & { captured: CapturedSms[] }> {
  const captured: CapturedSms[] = [];
  const forwardTo = new URL(endpoint(config, 'sqs'));

  function forward(request: IncomingMessage, body: string, response: ServerResponse): void {
    const upstream = httpRequest(
      {
        host: forwardTo.hostname,
        port: forwardTo.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: forwardTo.host, 'content-length': Buffer.byteLength(body) },
      },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    upstream.on('error', (error) =>
      snsError(response, 'InternalError', `fauxqs unreachable: ${error.message}`),
    );
    upstream.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.url?.startsWith('/sms')) return sendJson(response, 200, captured);
    const body = await readBody(request);
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    const phoneNumber = form.get('PhoneNumber') ?? form.get('phoneNumber');
    if (action === 'Publish' && phoneNumber) {
      const message = form.get('Message');
      if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
        return snsError(
          response,
          'InvalidParameter',
          'Invalid parameter: PhoneNumber Reason: input incorrectly formatted',
        );
      }
      if (!message) return snsError(response, 'InvalidParameter', 'Invalid parameter: Message');
      const attribute = (name: string) => {
        for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
          if (form.get(`MessageAttributes.entry.${i}.Name`) === name) {
            return form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? undefined;
          }
        }
        return undefined;
      };
      const sms: CapturedSms = {
        messageId: randomUUID(),
        phoneNumber,
        message,
        receivedAt: new Date().toISOString(),
      };
      const smsType = attribute('AWS.SNS.SMS.SMSType');
      const senderId = attribute('AWS.SNS.SMS.SenderID');
      if (smsType) sms.smsType = smsType;
      if (senderId) sms.senderId = senderId;
      captured.push(sms);
      onCaptured?.(sms);
      return xml(
        response,
        200,
        `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${sms.messageId}</MessageId></PublishResult>${requestId()}</PublishResponse>`,
      );
    }
    if (action === 'CheckIfPhoneNumberIsOptedOut') {
      const number = form.get('phoneNumber') ?? '';
      const optedOut = number === SMS_TEST_NUMBERS.optedOut;
      return xml(
        response,
        200,
        `<CheckIfPhoneNumberIsOptedOutResponse xmlns="${XMLNS}"><CheckIfPhoneNumberIsOptedOutResult><isOptedOut>${optedOut}</isOptedOut></CheckIfPhoneNumberIsOptedOutResult>${requestId()}</CheckIfPhoneNumberIsOptedOutResponse>`,
      );
    }
    forward(request, body, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => snsError(response, 'InternalError', String(error)));
  });
  const running = await listen(server, config.host, config.ports.sns, 'SNS');
  return { ...running, captured };
}
