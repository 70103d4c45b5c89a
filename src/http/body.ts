import type restify from "restify";

// Request bodies: JSON everywhere, Slack's form encoding on the two Slack routes that use it, and
// nothing else. The content type is checked before a byte of the body is read (multipart bodies
// are never written anywhere); JSON deeper than MAX_DEPTH is refused before it is parsed.

export const MAX_DEPTH = 64;

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

/** `formRoutes` also take Slack's form encoding; every other route takes JSON only. */
export function contentTypeGate(formRoutes: readonly string[]) {
  const form = new Set(formRoutes);
  return (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (req.method !== "POST" && req.method !== "PUT" && req.method !== "PATCH") return next();
    const type = mediaType(req.headers["content-type"]);
    const allowed = form.has(req.path()) ? [FORM_TYPE, JSON_TYPE] : [JSON_TYPE];
    if (!allowed.includes(type)) {
      res.setHeader("Connection", "close");
      res.send(415, { error: "unsupported content type" });
      return next(false);
    }
    return next();
  };
}

/** Runs after restify's bodyReader: parses the raw text, keeping it on req.rawBody for Slack's signature. */
export function parseBody(req: restify.Request, res: restify.Response, next: restify.Next) {
  const raw = Buffer.isBuffer(req.body)
    ? req.body.toString("utf8")
    : typeof req.body === "string"
      ? req.body
      : undefined;
  if (raw === undefined) return next();
  (req as restify.Request & { rawBody?: string }).rawBody = raw;
  const type = mediaType(req.headers["content-type"]);
  if (raw.length === 0) {
    req.body = undefined;
    return next();
  }
  if (type === FORM_TYPE) {
    req.body = Object.fromEntries(new URLSearchParams(raw));
    return next();
  }
  if (depthExceeds(raw, MAX_DEPTH)) {
    res.send(400, { error: "request body is nested too deeply" });
    return next(false);
  }
  try {
    req.body = JSON.parse(raw);
  } catch {
    res.send(400, { error: "request body is not valid JSON" });
    return next(false);
  }
  return next();
}

function mediaType(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return (v ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Bracket depth of a JSON text, ignoring brackets inside strings. */
export function depthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
