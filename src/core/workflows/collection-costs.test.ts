import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  belgianConsumerDamages,
  collectionCosts,
  costRegime,
  dutchConsumerCosts,
  lawfulReminderFee,
} from './collection-costs.js';

const euros = (text: string) => Math.round(Number(text.replaceAll(',', '')) * 100);

describe('Dutch consumer collection costs follow the WIK scale in cents', () => {
  const table: [string, string][] = [
    ['0.01', '40.00'],
    ['100.00', '40.00'],
    ['266.66', '40.00'],
    ['266.67', '40.00'],
    ['266.74', '40.01'],
    ['1,000.00', '150.00'],
    ['1,234.57', '185.18'],
    ['2,500.00', '375.00'],
    ['2,500.01', '375.00'],
    ['2,500.10', '375.01'],
    ['3,000.00', '425.00'],
    ['5,000.00', '625.00'],
    ['5,000.20', '625.01'],
    ['10,000.00', '875.00'],
    ['10,001.00', '875.01'],
    ['200,000.00', '2,775.00'],
    ['200,002.00', '2,775.01'],
    ['999,999.99', '6,774.99'],
    ['1,000,000.00', '6,775.00'],
    ['1,000,000.01', '6,775.00'],
    ['5,000,000.00', '6,775.00'],
  ];
  for (const [principal, costs] of table) {
    test(`a principal of ${principal} costs ${costs}`, () => {
      assert.equal(dutchConsumerCosts(euros(principal)), euros(costs));
    });
  }

  test('nothing open means no costs at all, not the minimum', () => {
    assert.equal(dutchConsumerCosts(0), 0);
  });
});

describe('Belgian consumer damages follow Book XIX in cents', () => {
  const table: [string, string][] = [
    ['0.01', '20.00'],
    ['100.00', '20.00'],
    ['150.00', '20.00'],
    ['150.01', '30.00'],
    ['150.10', '30.01'],
    ['300.00', '45.00'],
    ['500.00', '65.00'],
    ['500.01', '65.00'],
    ['500.20', '65.01'],
    ['1,000.00', '90.00'],
    ['39,199.99', '1,999.99'],
    ['39,200.00', '2,000.00'],
    ['50,000.00', '2,000.00'],
  ];
  for (const [balance, damages] of table) {
    test(`a balance of ${balance} costs ${damages}`, () => {
      assert.equal(belgianConsumerDamages(euros(balance)), euros(damages));
    });
  }
});

describe('the regime follows the customer type and country', () => {
  test('a private customer in the Netherlands or Belgium falls under their law, elsewhere under none we know', () => {
    assert.equal(costRegime('P', 'NL'), 'nl_consumer');
    assert.equal(costRegime('P', 'be'), 'be_consumer');
    assert.equal(costRegime('P', 'DE'), 'consumer_unregulated');
    assert.equal(costRegime('B', 'NL'), 'business');
  });

  test('a business customer owes the fixed 40.00 whatever the amount, unless the merchant set another', () => {
    assert.equal(collectionCosts('business', 100), 4_000);
    assert.equal(collectionCosts('business', 1_000_000_00), 4_000);
    assert.equal(collectionCosts('business', 50_000, { businessCompensation: 2_500 }), 2_500);
  });

  test('a consumer outside the Netherlands and Belgium is charged no collection costs', () => {
    assert.equal(collectionCosts('consumer_unregulated', 300_000), 0);
  });

  test('collectionCosts applies each country scale', () => {
    assert.equal(collectionCosts('nl_consumer', 300_000), 42_500);
    assert.equal(collectionCosts('be_consumer', 30_000), 4_500);
  });
});

describe('reminder fees are capped by law', () => {
  test('a Dutch consumer never pays for a reminder', () => {
    assert.equal(lawfulReminderFee('nl_consumer', 2, 500), 0);
  });

  test('a Belgian consumer gets the first reminder free and pays at most 7.50 for each further one', () => {
    assert.equal(lawfulReminderFee('be_consumer', 1, 500), 0);
    assert.equal(lawfulReminderFee('be_consumer', 2, 500), 500);
    assert.equal(lawfulReminderFee('be_consumer', 2, 1_500), 750);
  });

  test('a business customer pays the fee the merchant configured', () => {
    assert.equal(lawfulReminderFee('business', 1, 1_500), 1_500);
  });
});
