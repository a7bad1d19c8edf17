/** IPv4 and IPv6 parsing for CIDR matching, as 128-bit numbers (IPv4 kept in its own family). */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let head = text;
  let embeddedV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    embeddedV4 = parseIpv4(text.slice(lastColon + 1));
    if (embeddedV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const missing = 8 - leftGroups.length - rightGroups.length;
  if (right === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [
    ...leftGroups,
    ...Array<string>(right === undefined ? 0 : missing).fill('0'),
    ...rightGroups,
  ];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  if (embeddedV4 !== undefined) value = (value & ~0xffffffffn) | embeddedV4;
  return value;
}

export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

export interface CidrBlock {
  family: 4 | 6;
  network: bigint;
  mask: bigint;
}

export function parseCidr(text: string): CidrBlock | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (
    address === undefined ||
    prefixText === undefined ||
    extra !== undefined ||
    !/^\d{1,3}$/.test(prefixText)
  ) {
    return undefined;
  }
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32n : 128n;
  const prefix = BigInt(Number(prefixText));
  if (prefix > bits) return undefined;
  const all = (1n << bits) - 1n;
  const mask = prefix === 0n ? 0n : (all << (bits - prefix)) & all;
  return { family: ip.family, network: ip.value & mask, mask };
}

export function cidrContains(block: CidrBlock, address: string): boolean {
  const ip = parseIp(address);
  return ip !== undefined && ip.family === block.family && (ip.value & block.mask) === block.network;
}
