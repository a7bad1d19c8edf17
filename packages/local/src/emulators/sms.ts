import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { inboundSmsSchema } from '@import-comms/aws';
import { keywordResponses, SAMPLE_COMPANY, smsKeywordOf } from '@import-comms/core';
import * as z from 'zod/mini';
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

/** The two-way number customers text (the origination number in AWS End User Messaging). */
export const LOCAL_TWO_WAY_NUMBER = '+61480000100';

/**
 * What `POST /sms/inbound` takes: a text as End User Messaging publishes it (the schema the inbound service reads),
 * with the fields EUM fills in itself optional, and never an empty message.
 */
const inboundSmsRequest = z.extend(
  z.partial(inboundSmsSchema, { destinationNumber: true, messageKeyword: true, inboundMessageId: true }),
  { messageBody: inboundSmsSchema.shape.messageBody.check(z.minLength(1, 'write the message')) },
);

const escapeHtml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The `/sms` page: what was texted, and a form to text back as a customer would. */
function smsPage(captured: readonly CapturedSms[]): string {
  const rows = [...captured]
    .reverse()
    .slice(0, 200)
    .map(
      (sms) =>
        `<tr><td>${escapeHtml(sms.receivedAt)}</td><td>${escapeHtml(sms.phoneNumber)}</td><td>${escapeHtml(sms.message)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local SMS</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}label{display:block;margin:.5rem 0 .2rem}input,textarea{font:inherit;width:100%;max-width:30rem}button{margin-top:.5rem;font:inherit;padding:.3rem 1rem}</style></head>
<body><h1>Local SMS</h1>
<h2>Text back as a customer</h2>
<form id="reply"><label for="from">From (the customer's number)</label><input id="from" name="originationNumber" required pattern="\\+[1-9][0-9]{6,14}" placeholder="+61412345678">
<label for="body">Message</label><textarea id="body" name="messageBody" rows="3" required maxlength="1600"></textarea>
<button type="submit">Send to ${LOCAL_TWO_WAY_NUMBER}</button><p id="result" role="status"></p></form>
<h2>Sent to customers</h2><table><thead><tr><th>At</th><th>To</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>
<script>document.getElementById('reply').addEventListener('submit',async(e)=>{e.preventDefault();const f=new FormData(e.target);
const r=await fetch('/sms/inbound',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({originationNumber:f.get('originationNumber'),messageBody:f.get('messageBody')})});
document.getElementById('result').textContent=r.ok?'Sent.':'Refused: '+(await r.text());});</script></body></html>`;
}

/**
 * The SNS endpoint the system talks to locally: `Publish` to a phone number is captured (SNS in AWS would text
 * it); `CheckIfPhoneNumberIsOptedOut` is answered; every other SNS call is forwarded to fauxqs. Captured
 * messages are listed at `GET /sms`.
 */
export async function startSms(
  config: RuntimeConfig,
  onCaptured?: (sms: CapturedSms) => void,
  /** Two-way SMS as End User Messaging does it: customers' texts published to this topic. */
  inbound?: { publish: (message: Record<string, unknown>) => Promise<void> },
): Promise<Listening & { captured: CapturedSms[] }> {
  const captured: CapturedSms[] = [];
  const responses = keywordResponses(SAMPLE_COMPANY);

  /** The number's own answer to a keyword: sent by EUM, not by the system, so no receipt comes to us. */
  function answer(phoneNumber: string, message: string): void {
    captured.push({ messageId: randomUUID(), phoneNumber, message, receivedAt: new Date().toISOString() });
  }

  /**
   * A customer's text: published as EUM publishes it (the last message we sent that number as
   * `previousPublishedMessageId`), and HELP and STOP answered by the number itself, as its mandatory keywords are.
   */
  async function receive(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    if (!inbound) return sendJson(response, 404, { message: 'two-way SMS is not set up' });
    const parsed = inboundSmsRequest.safeParse(body);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      return sendJson(response, 400, { message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` });
    }
    const request = parsed.data;
    const from = request.originationNumber;
    const text = request.messageBody;
    const previous = [...captured].reverse().find((sms) => sms.phoneNumber === from);
    const message = {
      ...request,
      destinationNumber: request.destinationNumber ?? LOCAL_TWO_WAY_NUMBER,
      messageKeyword: request.messageKeyword ?? `KEYWORD_${LOCAL_TWO_WAY_NUMBER.slice(1)}`,
      inboundMessageId: request.inboundMessageId ?? randomUUID(),
      ...(!request.previousPublishedMessageId && previous
        ? { previousPublishedMessageId: previous.messageId }
        : {}),
    };
    await inbound.publish(message);
    const keyword = smsKeywordOf(text);
    if (keyword === 'help') answer(from, responses.help);
    if (keyword === 'opt-out') answer(from, responses.stop);
    return sendJson(response, 202, { inboundMessageId: message.inboundMessageId });
  }
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
    if (request.method === 'GET' && request.url?.startsWith('/sms')) {
      if (request.headers.accept?.includes('text/html')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void response.end(smsPage(captured));
      }
      return sendJson(response, 200, captured);
    }
    const body = await readBody(request);
    if (request.method === 'POST' && request.url === '/sms/inbound') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return sendJson(response, 400, { message: 'the body must be JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return sendJson(response, 400, { message: 'the body must be a JSON object' });
      return receive(parsed as Record<string, unknown>, response);
    }
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
