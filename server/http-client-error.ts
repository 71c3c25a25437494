/**
 * Node's HTTP parser answers some requests before the app sees them: a malformed request (400),
 * headers that take too long (408) or are too large (431). This gives those answers the API's
 * error shape (`shared/api/error.ts`) instead of Node's bare status line, then drops the socket.
 */
import type { Duplex } from "node:stream";
import type { ErrorBody } from "../shared/api/error.js";

const ANSWERS = {
  400: { reason: "Bad Request", code: "bad_request", message: "The request could not be read." },
  408: { reason: "Request Timeout", code: "request_timeout", message: "The request took too long to arrive." },
  431: {
    reason: "Request Header Fields Too Large",
    code: "headers_too_large",
    message: "The request's headers are too large.",
  },
} as const;

type Status = keyof typeof ANSWERS;

/** Which answer a parser error gets. */
export function clientErrorStatus(error: NodeJS.ErrnoException): Status {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_HEADERS_TIMEOUT") return 408;
  if (error.code === "HPE_HEADER_OVERFLOW" || error.code === "ERR_HTTP_HEADERS_TOO_LARGE") return 431;
  return 400;
}

/** The bytes of the whole answer: status line, headers, JSON body. */
export function clientErrorResponse(status: Status): string {
  const answer = ANSWERS[status];
  const body: ErrorBody = { error: { code: answer.code, message: answer.message } };
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${status} ${answer.reason}`,
    "Content-Type: application/json; charset=UTF-8",
    `Content-Length: ${Buffer.byteLength(json)}`,
    "Cache-Control: no-store",
    "Connection: close",
    "",
    json,
  ].join("\r\n");
}

/** The `clientError` listener: answer once, if the socket can still take it, then destroy it. */
export function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The peer is gone, or a response is already on its way: nothing may be written.
  const sent = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === "ECONNRESET" || !socket.writable || sent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(clientErrorStatus(error)), () => socket.destroy());
  // A peer that never reads cannot hold the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}
