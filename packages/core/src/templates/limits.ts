/**
 * The bounds every template render runs within (ADR 0008), set here once for every place a template is rendered:
 * the editor's preview and save check, the trigger-service, manual sends and the sweeper. Each is far above what
 * a real template needs (the defaults use under 1 % of each; a test keeps them there) and low enough that one
 * template cannot stall the process that renders it: the runtime keeps answering while a hostile one is refused.
 */
export const TEMPLATE_LIMITS: Readonly<TemplateLimits> = {
  /** Characters of Liquid source in one part (subject or content): liquidjs `parseLimit`. */
  sourceCharacters: 100_000,
  /**
   * Wall time of one render: liquidjs `renderLimit`, checked between template nodes and loop iterations. Authoring
   * (previews, the save check) is held to the tighter bound, so the API answers everyone else meanwhile; a saved
   * version rendered for sending has twenty times that, so a pause of the machine never fails a real message.
   */
  renderMilliseconds: { authoring: 50, sending: 1_000 },
  /**
   * Units liquidjs charges while rendering (`memoryLimit`): each element of a `(a..b)` range — counted before the
   * range is built, so `(1..200000000)` is refused without allocating — and each character a string filter makes.
   */
  memoryUnits: 1_000_000,
  /** Characters a rendered part may emit, counted while it renders (so a loop cannot build a huge string). */
  output: {
    subject: 998,
    emailHtml: 200_000,
    /** Before trimming; the trimmed SMS must then fit SMS_CHARACTER_LIMIT before its segments are counted. */
    sms: 4_000,
  },
};

/** Why a template is rendered: an author's preview or check, or a message on its way to a customer. */
export type RenderPurpose = 'authoring' | 'sending';

export interface TemplateLimits {
  sourceCharacters: number;
  renderMilliseconds: Record<RenderPurpose, number>;
  memoryUnits: number;
  output: Record<OutputPart, number>;
}

export type OutputPart = 'subject' | 'emailHtml' | 'sms';

/** What no mail header may hold: CR and LF end it; other controls are refused by providers or hide text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
