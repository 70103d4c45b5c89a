import type restify from "restify";

// Security headers on every response, whatever route or error produced it. The server serves JSON
// to machines only: nothing may be framed, sniffed, cached or given a referrer.

const HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function securityHeaders(_req: restify.Request, res: restify.Response, next: restify.Next) {
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
  return next();
}
