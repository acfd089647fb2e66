// A FHIR OperationOutcome response: how the FHIR API routes refuse, never a stack trace.

export function operationOutcome(status: number, code: string, diagnostics: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] }), {
    status,
    headers: { 'Content-Type': 'application/fhir+json; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders },
  });
}
