import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Message } from '../graphql/errors';

/*
 * SSRF guard: a webhook URL must not let a district system make this server call into its own
 * network (cloud metadata at 169.254.169.254, the database, admin ports on localhost). Checked when
 * a webhook is saved and again before every attempt, since a name can be re-pointed later.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 tunnels reach IPv4 addresses
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True when an address is private, loopback, link-local or otherwise not a public host. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the embedded IPv4 one.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded) return blocked.check(embedded, 'ipv4');
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return blocked.check(lower, 'ipv6');
}

/** Parses a webhook URL: http(s), a host, no credentials. Returns the URL or why it is refused. */
export function parseWebhookUrl(raw: string): URL | Message {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { en: 'url is not a valid URL', zh: 'url 不是有效的网址' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { en: 'url must use http or https', zh: 'url 必须使用 http 或 https' };
  }
  if (!url.hostname) return { en: 'url has no host', zh: 'url 缺少主机名' };
  if (url.username || url.password) {
    return {
      en: 'url must not contain credentials; authenticate with the signature',
      zh: 'url 不能包含用户名或密码，请以签名验证来源',
    };
  }
  return url;
}

/**
 * Resolves the URL's host and refuses it when any address is private (unless allowed). Returns
 * null when the target may be called, or why not.
 */
export async function checkWebhookTarget(url: URL, allowPrivate: boolean): Promise<Message | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return { en: `url host ${host} does not resolve`, zh: `无法解析 url 的主机 ${host}` };
    }
  }
  if (!addresses.length || addresses.some(isPrivateAddress)) {
    return {
      en: 'url points to a private, loopback or link-local address',
      zh: 'url 指向内网、回环或链路本地地址，已拒绝',
    };
  }
  return null;
}
