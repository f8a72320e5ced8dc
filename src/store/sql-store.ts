/** The core's Store on top of a Database: repositories bound to the pool or to one transaction. */
import type { Repositories, Store } from '../core/ports.js';
import type { NotificationBuilders } from '../core/webhooks/notifications.js';
import type { Database, Queryable } from './database.js';
import { SqlCheckRepository } from './check-repository.js';
import { SqlEventRepository, SqlLedgerRepository, SqlMessageRepository } from './entry-repositories.js';
import { SqlInvoiceRepository } from './invoice-repository.js';
import { SqlMerchantRepository } from './merchant-repository.js';
import { SqlMerchantAccountRepository } from './merchant-account-repository.js';
import { SqlInvoiceListRepository } from './invoice-list-repository.js';
import { SqlSessionRepository } from './session-repository.js';
import { SqlPspSaleRepository } from './psp-sale-repository.js';
import { SqlCustomerMailRepository } from './customer-mail-repository.js';
import { SqlPspCredentialRepository } from './buckaroo-repository.js';
import { SqlTestClockRepository } from './test-clock-repository.js';
import { SqlLifeCycleRepository } from './life-cycle-repository.js';
import { SqlDisputeRepository } from './dispute-repository.js';

export function repositoriesOn(db: Queryable, builders: NotificationBuilders): Repositories {
  return {
    checks: new SqlCheckRepository(db),
    invoices: new SqlInvoiceRepository(db),
    ledger: new SqlLedgerRepository(db),
    messages: new SqlMessageRepository(db),
    events: new SqlEventRepository(db, builders),
    merchantAccounts: new SqlMerchantAccountRepository(db),
    invoiceLists: new SqlInvoiceListRepository(db),
    sessions: new SqlSessionRepository(db),
    pspSales: new SqlPspSaleRepository(db),
    customerMails: new SqlCustomerMailRepository(db),
    pspCredentials: new SqlPspCredentialRepository(db),
    testClocks: new SqlTestClockRepository(db),
    lifeCycles: new SqlLifeCycleRepository(db, builders),
    disputes: new SqlDisputeRepository(db),
  };
}

export interface SqlStore extends Store {
  merchants: SqlMerchantRepository;
  db: Database;
}

/** `builders` are the contracts' notification builders (main.ts), by contract name. */
export function createSqlStore(db: Database, builders: NotificationBuilders): SqlStore {
  return {
    db,
    merchants: new SqlMerchantRepository(db),
    read: repositoriesOn(db, builders),
    transaction: (work) => db.transaction((tx) => work(repositoriesOn(tx, builders))),
  };
}
