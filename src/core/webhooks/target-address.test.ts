import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyAddress, isLocalName, literalAddress } from './target-address.js';

describe('webhook target addresses', () => {
  test('loopback, private, link-local, CGNAT, multicast, unspecified, reserved and metadata IPv4 addresses are private', () => {
    for (const address of [
      '127.0.0.1', '127.255.255.254', '0.0.0.0', '0.1.2.3', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1',
      '169.254.169.254', '100.64.0.1', '100.100.100.200', '192.0.0.192', '224.0.0.1', '239.255.255.250', '240.0.0.1',
      '255.255.255.255', '198.18.0.1', '192.0.2.1', '168.63.129.16',
    ]) {
      assert.equal(classifyAddress(address), 'private', address);
    }
  });

  test('globally reachable IPv4 addresses next to those ranges are public', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '169.255.0.1', '11.0.0.1', '223.255.255.255', '168.63.129.17']) {
      assert.equal(classifyAddress(address), 'public', address);
    }
  });

  test('IPv6 loopback, unspecified, unique-local, link-local and multicast addresses are private', () => {
    for (const address of ['::1', '::', '0:0:0:0:0:0:0:1', 'fd00:ec2::254', 'fc00::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '2001:db8::1', '100::1', 'fec0::1']) {
      assert.equal(classifyAddress(address), 'private', address);
    }
  });

  test('IPv6 forms that carry an IPv4 address are judged by that address', () => {
    for (const address of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', '2002:c0a8:101::1', '::127.0.0.1']) {
      assert.equal(classifyAddress(address), 'private', address);
    }
    for (const address of ['::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808', '2002:808:808::1']) {
      assert.equal(classifyAddress(address), 'public', address);
    }
  });

  test('global IPv6 unicast addresses are public', () => {
    for (const address of ['2a00:1450:4001:81d::200e', '2606:4700:4700::1111', '2001:4860:4860::8888']) {
      assert.equal(classifyAddress(address), 'public', address);
    }
  });

  test('text that is no address is never public', () => {
    for (const text of ['', 'example.com', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1:2:3:4:5:6:7:8:9', '1::2::3', 'gggg::1']) {
      assert.equal(classifyAddress(text), 'private', text);
    }
  });

  test('URL hosts are recognised as literal addresses after the URL parser has normalised every spelling', () => {
    const cases: [string, string | undefined][] = [
      ['http://2130706433/', '127.0.0.1'],
      ['http://0x7f.1/', '127.0.0.1'],
      ['http://0177.0.0.1/', '127.0.0.1'],
      ['http://127.1/', '127.0.0.1'],
      ['http://0/', '0.0.0.0'],
      ['http://[::1]/', '::1'],
      ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
      ['http://hooks.example.com/', undefined],
    ];
    for (const [url, literal] of cases) {
      const address = literalAddress(new URL(url).hostname);
      assert.equal(address, literal, url);
      if (address !== undefined) assert.equal(classifyAddress(address), 'private', url);
    }
  });

  test('localhost and its subdomains are local names, with or without a trailing dot', () => {
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', 'shop.localhost']) assert.equal(isLocalName(name), true, name);
    for (const name of ['localhost.example.com', 'mylocalhost', 'example.com']) assert.equal(isLocalName(name), false, name);
  });
});
