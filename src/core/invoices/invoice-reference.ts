/** How the management calls name an invoice: the merchant's or Billink's number, and a workflow. */
export interface InvoiceReference {
  number?: string | undefined;
  workflowNumber?: string | undefined;
}

/** A workflow number, when sent, must be the invoice's own; otherwise the invoice is "unknown". */
export function workflowMatches(reference: InvoiceReference, workflowNumber: number): boolean {
  const given = reference.workflowNumber?.trim();
  return !given || given === String(workflowNumber);
}
