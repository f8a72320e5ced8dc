/**
 * Answers in the shapes Billink itself sends (spec §2, recorded and client-sampled), served by a
 * loopback server standing in for Billink: the SDK reads them as it reads Achteraf's, so the base
 * URL really is the only switch.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Billink, BillinkApiError, BillinkProtocolError } from '@achteraf/billink';

const ANSWERS: Record<string, string> = {
  // Billink pretty-prints the status answer and writes a double-quoted declaration (spec §2).
  '/v1/client/status': `<?xml version="1.0" encoding="UTF-8"?>
<API>
  <RESULT>MSG</RESULT>
  <MSG>
    <CODE>200</CODE>
    <INVOICES>
      <INVOICE>
        <INVOICENUMBER>O2014.05.28.2443</INVOICENUMBER>
        <STATUS>2</STATUS>
        <DESCRIPTION>CIB ( Current step name )</DESCRIPTION>
        <PAIDOUT>0</PAIDOUT>
      </INVOICE>
    </INVOICES>
  </MSG>
</API>`,
  // The check UUID is a sibling of MSG (spec §2.1, recorded).
  '/v1/client/check': "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT><MSG><CODE>500</CODE><DESCRIPTION>Advies=1</DESCRIPTION></MSG><UUID>98ec1488-bb48-4b2b-9684-de924d5bdda8</UUID></API>",
  // Recorded 2014 error: the old number for a missing check UUID.
  '/v1/client/order': '<?xml version="1.0" encoding="UTF-8"?><API><RESULT>ERROR</RESULT><ERROR><CODE>441</CODE><DESCRIPTION>Missing CHECKUUID. Please use Check API to receive CHECKUUID for Product type 3 order.</DESCRIPTION></ERROR></API>',
  '/v1/client/message': '<!DOCTYPE API [<!ENTITY x "y">]><API><RESULT>MSG</RESULT><MSG><CODE>200</CODE><DESCRIPTION>&x;</DESCRIPTION></MSG></API>',
  // Billink's per-endpoint v2 pages show the error as an object beside result (spec §7.2).
  '/v2/client/order/info': '{"result":"error","error":{"code":"705","description":"No invoices"}}',
  '/v2/client/invoice/credit': '{"result":"MSG","statuses":[{"code":200,"invoiceNumber":"KRKND-0001","message":"Credit applied: 1.50 EURO.; step restarted."}]}',
};

describe('answers in Billink\'s own shapes', () => {
  let server: Server;
  let billink: Billink;
  before(async () => {
    server = createServer((request, response) => {
      request.resume();
      response.end(ANSWERS[request.url ?? ''] ?? '<html>not found</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    billink = new Billink({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, username: 'u', clientId: 'c' });
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a pretty-printed status answer with STATUS 2 and PAIDOUT 0 is read', async () => {
    assert.deepEqual((await billink.legacy.status({ invoices: ['O2014.05.28.2443'] })).invoices, [
      { invoiceNumber: 'O2014.05.28.2443', status: 2, description: 'CIB ( Current step name )', paidOut: false },
    ]);
  });

  test('the check UUID is read beside MSG', async () => {
    const check = await billink.legacy.check({ type: 'P', workflowNumber: 1, lastName: 'Doe', houseNumber: 1, postalCode: '1234AB', email: 'a@b.nl', orderAmount: '1.00' });
    assert.equal(check.uuid, '98ec1488-bb48-4b2b-9684-de924d5bdda8');
  });

  test('a recorded ERROR becomes a BillinkApiError with its code and text', async () => {
    await assert.rejects(
      billink.legacy.order({ type: 'P', workflowNumber: 3, lastName: 'Doe', houseNumber: 1, postalCode: '1234AB', email: 'a@b.nl', orderNumber: 'A', date: '28-05-2014', checkUuid: '', items: [] }),
      (error: unknown) => error instanceof BillinkApiError && error.code === '441' && error.description.startsWith('Missing CHECKUUID'),
    );
  });

  test('an answer with a DOCTYPE is refused, never expanded', async () => {
    await assert.rejects(billink.legacy.message({ invoiceNumber: 'A', message: 'm' }), BillinkProtocolError);
  });

  test('a v2 error given only as an error object, and a credit answer without a top-level code, are read', async () => {
    await assert.rejects(billink.v2.orderInfo({ invoices: [] }), { code: '705', description: 'No invoices' });
    const credit = await billink.v2.credit({ invoices: [{ invoiceNumber: 'KRKND-0001', amount: '1.50' }] });
    assert.deepEqual(credit.items, [{ invoiceNumber: 'KRKND-0001', code: 200, message: 'Credit applied: 1.50 EURO.; step restarted.', ok: true }]);
  });

  test('an HTML page where an answer should be is a protocol error', async () => {
    await assert.rejects(billink.legacy.file({ invoiceNumber: 'A' }), BillinkProtocolError);
  });
});
