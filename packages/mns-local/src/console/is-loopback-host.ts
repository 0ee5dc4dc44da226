/**
 * Whether `host` (a listen address or a `Host` header's name, without port) names this machine's loopback
 * interface: `localhost` (and `*.localhost`), `127.0.0.0/8`, `::1`. Decides whether the console is on by default
 * and which `Host` headers a loopback-bound console accepts (a guard against DNS rebinding).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '[::1]' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
