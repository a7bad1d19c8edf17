import type { Channel, MessageCategory } from '../channels.js';

/** A template shipped with the system: one scenario, one channel, its wording per locale. */
export interface DefaultTemplate {
  templateId: string;
  name: string;
  type: Channel;
  category: MessageCategory;
  triggerEvent: string;
  triggerFilter?: Record<string, unknown>;
  fallback?: boolean;
  /** Money matters: a reminder that cannot reach the customer goes out on the other channel once. */
  channelFallback?: boolean;
  dueDateOffsetDays?: number;
  locales: Record<string, { subject?: string; content: string }>;
}

const STAGE = 'import-stage-changed.v1';

/** Greeting and sign-off shared by every default email, per locale. */
const email = {
  en: (body: string) =>
    `<p>Hi {{ customer.firstName }},</p>\n${body}\n<p>Questions? Reply to this email or call us on {{ company.phone }}.</p>\n<p>Kind regards,<br>The team at {{ company.name }}</p>\n<p style="font-size:12px;color:#6b7280">You receive this because you are importing a vehicle with us. <a href="{{ links.preferences }}">Manage how we contact you</a>.</p>`,
  zh: (body: string) =>
    `<p>{{ customer.fullName }}，您好：</p>\n${body}\n<p>如有疑问，请直接回复本邮件或致电 {{ company.phone }}。</p>\n<p>{{ company.name }} 团队 敬上</p>\n<p style="font-size:12px;color:#6b7280">您收到此邮件是因为您正在通过我们进口车辆。<a href="{{ links.preferences }}">管理联系方式偏好</a>。</p>`,
};

const scenario = (
  id: string,
  name: string,
  base: Omit<DefaultTemplate, 'templateId' | 'name' | 'type' | 'locales'>,
  emailLocales: DefaultTemplate['locales'],
  smsLocales: DefaultTemplate['locales'],
): DefaultTemplate[] => [
  { templateId: `${id}-email`, name: `${name} (email)`, type: 'Email', ...base, locales: emailLocales },
  { templateId: `${id}-sms`, name: `${name} (SMS)`, type: 'SMS', ...base, locales: smsLocales },
];

/**
 * The seven scenarios of the import process (Payment Reminder and Shipping Update in two parts each), as email
 * and SMS, in English and Simplified Chinese.
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  ...scenario(
    'welcome',
    'Welcome',
    { category: 'transactional', triggerEvent: 'customer-upserted.v1', triggerFilter: { isNew: [true] } },
    {
      en: {
        subject: 'Welcome to {{ company.name }}, {{ customer.firstName }}',
        content: email.en(
          `<p>Thank you for choosing {{ company.name }} to import your next vehicle. From selecting the car to handing you the keys, we will keep you informed at every step: payment, shipping, customs, compliance and delivery.</p>\n<p>You can follow everything in your customer portal at any time: <a href="{{ links.portal }}">{{ links.portal }}</a></p>`,
        ),
      },
      zh: {
        subject: '欢迎选择 {{ company.name }}',
        content: email.zh(
          `<p>感谢您选择 {{ company.name }} 为您进口车辆。从选车到交车，我们会在付款、海运、清关、合规检查和交付的每一步及时通知您。</p>\n<p>您可以随时在客户门户查看进度：<a href="{{ links.portal }}">{{ links.portal }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          'Hi {{ customer.firstName }}, welcome to {{ company.name }}! We will text you at each step of your import. Questions: {{ company.phone }}',
      },
      zh: {
        content:
          '{{ customer.firstName }}您好，欢迎选择{{ company.name }}！进口的每一步我们都会短信通知您。咨询：{{ company.phone }}',
      },
    },
  ),
  ...scenario(
    'vehicle-selection',
    'Vehicle Selection',
    { category: 'transactional', triggerEvent: STAGE, triggerFilter: { toStage: ['VEHICLE_SELECTED'] } },
    {
      en: {
        subject: 'Your {{ vehicle.description }} is reserved',
        content: email.en(
          `<p>Great choice! We have reserved the {{ vehicle.description }}{% if vehicle.colour %} in {{ vehicle.colour }}{% endif %} for you.</p>\n<p>Next step: your deposit. We will send the invoice shortly; once it is paid we purchase the vehicle and prepare it for export.</p>\n<p>Vehicle details: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
      zh: {
        subject: '您的 {{ vehicle.description }} 已为您保留',
        content: email.zh(
          `<p>眼光不错！我们已为您保留 {{ vehicle.description }}{% if vehicle.colour %}（{{ vehicle.colour }}）{% endif %}。</p>\n<p>下一步是支付定金。我们会尽快发送发票，收到定金后即为您购车并准备出口。</p>\n<p>车辆详情：<a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: the {{ vehicle.description }} is reserved for you. Deposit invoice to follow. Details: {{ links.vehicle }}',
      },
      zh: {
        content:
          '{{ company.name }}：{{ vehicle.description }} 已为您保留，定金发票随后发送。详情：{{ links.vehicle }}',
      },
    },
  ),
  ...scenario(
    'payment-reminder',
    'Payment Reminder',
    { category: 'reminders', triggerEvent: 'payment-due.v1', dueDateOffsetDays: -3, channelFallback: true },
    {
      en: {
        subject: 'Payment of {{ event.amountDue | money }} due {{ event.dueDate | local_date }}',
        content: email.en(
          `<p>This is a reminder that {{ event.amountDue | money }} for your {{ vehicle.description }} is due on <strong>{{ event.dueDate | local_date }}</strong>{% if event.invoiceNumber %} (invoice {{ event.invoiceNumber }}){% endif %}.</p>\n{% if event.paymentUrl %}<p><a href="{{ event.paymentUrl }}">Pay securely online</a></p>{% endif %}\n<p>Already paid? Thank you, please ignore this message.</p>`,
        ),
      },
      zh: {
        subject: '{{ event.amountDue | money }} 将于 {{ event.dueDate | local_date }} 到期',
        content: email.zh(
          `<p>温馨提示：您的 {{ vehicle.description }} 有一笔 {{ event.amountDue | money }} 的款项将于 <strong>{{ event.dueDate | local_date }}</strong> 到期{% if event.invoiceNumber %}（发票号 {{ event.invoiceNumber }}）{% endif %}。</p>\n{% if event.paymentUrl %}<p><a href="{{ event.paymentUrl }}">在线安全付款</a></p>{% endif %}\n<p>如已付款，谢谢，请忽略本提醒。</p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: {{ event.amountDue | money }} for your {{ vehicle.make | default: "vehicle" }} is due {{ event.dueDate | local_date: "short" }}.{% if event.paymentUrl %} Pay: {{ event.paymentUrl }}{% endif %}',
      },
      zh: {
        content:
          '{{ company.name }}：您的 {{ vehicle.make | default: "车辆" }} 款项 {{ event.amountDue | money }} 将于 {{ event.dueDate | local_date: "short" }} 到期。{% if event.paymentUrl %}付款：{{ event.paymentUrl }}{% endif %}',
      },
    },
  ),
  ...scenario(
    'payment-overdue',
    'Payment Reminder: overdue',
    { category: 'reminders', triggerEvent: 'payment-due.v1', dueDateOffsetDays: 1, channelFallback: true },
    {
      en: {
        subject: 'Overdue: {{ event.amountDue | money }} for your {{ vehicle.description }}',
        content: email.en(
          `<p>We have not yet received {{ event.amountDue | money }} for your {{ vehicle.description }}, which was due on <strong>{{ event.dueDate | local_date }}</strong>{% if event.invoiceNumber %} (invoice {{ event.invoiceNumber }}){% endif %}.</p>\n{% if event.paymentUrl %}<p><a href="{{ event.paymentUrl }}">Pay securely online</a></p>{% endif %}\n<p>If you have paid in the last day or two, thank you: it may still be on its way to us. If something is holding you up, call us and we will work it out together.</p>`,
        ),
      },
      zh: {
        subject: '逾期提醒：{{ vehicle.description }} 款项 {{ event.amountDue | money }}',
        content: email.zh(
          `<p>我们尚未收到您 {{ vehicle.description }} 的 {{ event.amountDue | money }} 款项，该款项已于 <strong>{{ event.dueDate | local_date }}</strong> 到期{% if event.invoiceNumber %}（发票号 {{ event.invoiceNumber }}）{% endif %}。</p>\n{% if event.paymentUrl %}<p><a href="{{ event.paymentUrl }}">在线安全付款</a></p>{% endif %}\n<p>如您已在最近一两天内付款，谢谢，款项可能仍在途中。如有任何困难，请致电我们，我们会一起想办法。</p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: {{ event.amountDue | money }} for your {{ vehicle.make | default: "vehicle" }} was due {{ event.dueDate | local_date: "short" }} and is still open.{% if event.paymentUrl %} Pay: {{ event.paymentUrl }}{% endif %} Questions: {{ company.phone }}',
      },
      zh: {
        content:
          '{{ company.name }}：您的 {{ vehicle.make | default: "车辆" }} 款项 {{ event.amountDue | money }} 已于 {{ event.dueDate | local_date: "short" }} 到期，尚未收到。{% if event.paymentUrl %}付款：{{ event.paymentUrl }}{% endif %}',
      },
    },
  ),
  ...scenario(
    'status-update',
    'Status Update',
    { category: 'transactional', triggerEvent: STAGE, fallback: true },
    {
      en: {
        subject: 'Update on your {{ vehicle.description }}: {{ event.toStage | stage_label }}',
        content: email.en(
          `<p>Your {{ vehicle.description }} has moved to a new stage: <strong>{{ event.toStage | stage_label }}</strong>.</p>\n{% if event.stageData.holdReason %}<p>Reason: {{ event.stageData.holdReason }}</p>{% endif %}{% if event.stageData.note %}<p>{{ event.stageData.note }}</p>{% endif %}\n<p>Follow every step: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
      zh: {
        subject: '{{ vehicle.description }} 进度更新：{{ event.toStage | stage_label }}',
        content: email.zh(
          `<p>您的 {{ vehicle.description }} 已进入新阶段：<strong>{{ event.toStage | stage_label }}</strong>。</p>\n{% if event.stageData.holdReason %}<p>原因：{{ event.stageData.holdReason }}</p>{% endif %}{% if event.stageData.note %}<p>{{ event.stageData.note }}</p>{% endif %}\n<p>查看全部进度：<a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: your {{ vehicle.description }} is now at "{{ event.toStage | stage_label }}". Track it: {{ links.vehicle }}',
      },
      zh: {
        content:
          '{{ company.name }}：您的 {{ vehicle.description }} 当前进度为「{{ event.toStage | stage_label }}」。查看：{{ links.vehicle }}',
      },
    },
  ),
  ...scenario(
    'shipping-update',
    'Shipping Update',
    {
      category: 'transactional',
      triggerEvent: STAGE,
      triggerFilter: { toStage: ['SHIPPED', 'ARRIVED_AT_PORT'] },
    },
    {
      en: {
        subject:
          '{% if event.toStage == "SHIPPED" %}Your {{ vehicle.description }} is on its way{% else %}Your {{ vehicle.description }} has arrived at port{% endif %}',
        content: email.en(
          `{% if event.toStage == "SHIPPED" %}<p>Your {{ vehicle.description }} is at sea{% if event.stageData.vesselName %} aboard the <strong>{{ event.stageData.vesselName }}</strong>{% if event.stageData.voyageNumber %} (voyage {{ event.stageData.voyageNumber }}){% endif %}{% endif %}{% if event.stageData.portOfLoading %}, departed {{ event.stageData.portOfLoading }}{% endif %}.</p>\n{% if event.stageData.eta %}<p>Estimated arrival{% if event.stageData.portOfDischarge %} at {{ event.stageData.portOfDischarge }}{% endif %}: <strong>{{ event.stageData.eta | local_date }}</strong>. Shipping schedules can move by a few days; we will tell you if it changes.</p>{% endif %}{% else %}<p>Good news: your {{ vehicle.description }} has arrived{% if event.stageData.portOfDischarge %} at {{ event.stageData.portOfDischarge }}{% endif %}. Next it goes through customs clearance, which usually takes 3–10 business days.</p>{% endif %}\n<p>Track it: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
      zh: {
        subject:
          '{% if event.toStage == "SHIPPED" %}您的 {{ vehicle.description }} 已启运{% else %}您的 {{ vehicle.description }} 已到港{% endif %}',
        content: email.zh(
          `{% if event.toStage == "SHIPPED" %}<p>您的 {{ vehicle.description }} 已装船启运{% if event.stageData.vesselName %}，船名 <strong>{{ event.stageData.vesselName }}</strong>{% if event.stageData.voyageNumber %}（航次 {{ event.stageData.voyageNumber }}）{% endif %}{% endif %}{% if event.stageData.portOfLoading %}，自 {{ event.stageData.portOfLoading }} 出发{% endif %}。</p>\n{% if event.stageData.eta %}<p>预计{% if event.stageData.portOfDischarge %}抵达 {{ event.stageData.portOfDischarge }} {% endif %}时间：<strong>{{ event.stageData.eta | local_date }}</strong>。船期可能有几天浮动，如有变化我们会通知您。</p>{% endif %}{% else %}<p>好消息：您的 {{ vehicle.description }} 已{% if event.stageData.portOfDischarge %}抵达 {{ event.stageData.portOfDischarge }}{% else %}到港{% endif %}。接下来将办理清关，通常需要 3–10 个工作日。</p>{% endif %}\n<p>查看进度：<a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{% if event.toStage == "SHIPPED" %}{{ company.name }}: your {{ vehicle.description }} has shipped{% if event.stageData.vesselName %} on {{ event.stageData.vesselName }}{% endif %}.{% if event.stageData.eta %} ETA {{ event.stageData.eta | local_date }}.{% endif %}{% else %}{{ company.name }}: your {{ vehicle.description }} has arrived at port and goes to customs next.{% endif %} {{ links.vehicle }}',
      },
      zh: {
        content:
          '{% if event.toStage == "SHIPPED" %}{{ company.name }}：您的 {{ vehicle.description }} 已启运{% if event.stageData.vesselName %}（{{ event.stageData.vesselName }}）{% endif %}。{% if event.stageData.eta %}预计到港 {{ event.stageData.eta | local_date }}。{% endif %}{% else %}{{ company.name }}：您的 {{ vehicle.description }} 已到港，即将清关。{% endif %}{{ links.vehicle }}',
      },
    },
  ),
  ...scenario(
    'shipping-eta-update',
    'Shipping Update: new ETA',
    { category: 'transactional', triggerEvent: 'vessel-eta-updated.v1' },
    {
      en: {
        subject: 'New arrival date for your {{ vehicle.description }}',
        content: email.en(
          `<p>The {{ event.vesselName }} carrying your {{ vehicle.description }} has a new estimated arrival at {{ event.portOfDischarge }}: <strong>{{ event.eta | local_date }}</strong>{% if event.previousEta %} (previously {{ event.previousEta | local_date }}){% endif %}.</p>\n<p>No action is needed from you. Track it: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
      zh: {
        subject: '{{ vehicle.description }} 预计到港时间已更新',
        content: email.zh(
          `<p>运载您 {{ vehicle.description }} 的 {{ event.vesselName }} 预计抵达 {{ event.portOfDischarge }} 的时间更新为：<strong>{{ event.eta | local_date }}</strong>{% if event.previousEta %}（原为 {{ event.previousEta | local_date }}）{% endif %}。</p>\n<p>您无需任何操作。查看进度：<a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: new ETA for your {{ vehicle.description }} on {{ event.vesselName }}: {{ event.eta | local_date }}. {{ links.vehicle }}',
      },
      zh: {
        content:
          '{{ company.name }}：您的 {{ vehicle.description }}（{{ event.vesselName }}）预计到港时间更新为 {{ event.eta | local_date }}。{{ links.vehicle }}',
      },
    },
  ),
  ...scenario(
    'customs-update',
    'Customs Update',
    {
      category: 'transactional',
      triggerEvent: STAGE,
      triggerFilter: { toStage: ['CUSTOMS_CLEARANCE', 'CUSTOMS_CLEARED'] },
    },
    {
      en: {
        subject:
          '{% if event.toStage == "CUSTOMS_CLEARED" %}Your {{ vehicle.description }} has cleared customs{% else %}Your {{ vehicle.description }} is in customs clearance{% endif %}',
        content: email.en(
          `{% if event.toStage == "CUSTOMS_CLEARED" %}<p>Your {{ vehicle.description }} has cleared customs. Next come the compliance and registration checks before delivery.</p>{% else %}<p>Your {{ vehicle.description }} is now with customs{% if event.stageData.customsReference %} (reference {{ event.stageData.customsReference }}){% endif %}. We handle the paperwork; clearance usually takes 3–10 business days.</p>{% if event.stageData.customsStatus == "INSPECTION_REQUIRED" %}<p>Customs have asked to inspect the vehicle. This is routine and may add a few days.</p>{% endif %}{% if event.stageData.amountDue %}<p>Duty and taxes payable: <strong>{{ event.stageData.amountDue | money }}</strong>{% if event.stageData.dueDate %}, due {{ event.stageData.dueDate | local_date }}{% endif %}. We will send the invoice separately.</p>{% endif %}{% endif %}\n<p>Track it: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
      zh: {
        subject:
          '{% if event.toStage == "CUSTOMS_CLEARED" %}您的 {{ vehicle.description }} 已清关{% else %}您的 {{ vehicle.description }} 正在清关{% endif %}',
        content: email.zh(
          `{% if event.toStage == "CUSTOMS_CLEARED" %}<p>您的 {{ vehicle.description }} 已完成清关，接下来将进行交车前的合规和注册检查。</p>{% else %}<p>您的 {{ vehicle.description }} 正在办理清关{% if event.stageData.customsReference %}（编号 {{ event.stageData.customsReference }}）{% endif %}。相关手续由我们处理，通常需要 3–10 个工作日。</p>{% if event.stageData.customsStatus == "INSPECTION_REQUIRED" %}<p>海关要求查验车辆，这是常规程序，可能会多花几天。</p>{% endif %}{% if event.stageData.amountDue %}<p>应缴关税及税费：<strong>{{ event.stageData.amountDue | money }}</strong>{% if event.stageData.dueDate %}，{{ event.stageData.dueDate | local_date }} 前支付{% endif %}。发票将另行发送。</p>{% endif %}{% endif %}\n<p>查看进度：<a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{% if event.toStage == "CUSTOMS_CLEARED" %}{{ company.name }}: your {{ vehicle.description }} has cleared customs. Compliance checks next.{% else %}{{ company.name }}: your {{ vehicle.description }} is in customs clearance (usually 3-10 business days).{% endif %} {{ links.vehicle }}',
      },
      zh: {
        content:
          '{% if event.toStage == "CUSTOMS_CLEARED" %}{{ company.name }}：您的 {{ vehicle.description }} 已清关，接下来进行合规检查。{% else %}{{ company.name }}：您的 {{ vehicle.description }} 正在清关（通常 3-10 个工作日）。{% endif %}{{ links.vehicle }}',
      },
    },
  ),
  ...scenario(
    'delivery-ready',
    'Delivery Ready',
    { category: 'transactional', triggerEvent: STAGE, triggerFilter: { toStage: ['READY_FOR_DELIVERY'] } },
    {
      en: {
        subject: 'Your {{ vehicle.description }} is ready for delivery',
        content: email.en(
          `<p>The wait is over: your {{ vehicle.description }} has passed compliance and is ready for you{% if event.stageData.deliveryLocation %} at {{ event.stageData.deliveryLocation }}{% endif %}.</p>\n{% if event.stageData.deliveryDate %}<p>Planned handover: <strong>{{ event.stageData.deliveryDate | local_date }}</strong>.</p>{% else %}<p>Reply to this email or call {{ company.phone }} to book a handover time that suits you.</p>{% endif %}\n<p>Please bring your driver licence. Any balance still owing must be paid before handover.</p>`,
        ),
      },
      zh: {
        subject: '您的 {{ vehicle.description }} 可以交车了',
        content: email.zh(
          `<p>久等了！您的 {{ vehicle.description }} 已通过合规检查，可以交车{% if event.stageData.deliveryLocation %}，地点：{{ event.stageData.deliveryLocation }}{% endif %}。</p>\n{% if event.stageData.deliveryDate %}<p>计划交车日期：<strong>{{ event.stageData.deliveryDate | local_date }}</strong>。</p>{% else %}<p>请回复本邮件或致电 {{ company.phone }} 预约方便的交车时间。</p>{% endif %}\n<p>交车时请携带驾照。如有未结清款项，需在交车前付清。</p>`,
        ),
      },
    },
    {
      en: {
        content:
          '{{ company.name }}: your {{ vehicle.description }} is ready for delivery!{% if event.stageData.deliveryDate %} Handover {{ event.stageData.deliveryDate | local_date }}.{% else %} Call {{ company.phone }} to book a handover.{% endif %}',
      },
      zh: {
        content:
          '{{ company.name }}：您的 {{ vehicle.description }} 可以交车了！{% if event.stageData.deliveryDate %}交车日期 {{ event.stageData.deliveryDate | local_date }}。{% else %}请致电 {{ company.phone }} 预约交车。{% endif %}',
      },
    },
  ),
];
