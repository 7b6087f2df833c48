import { describe, expect, it } from 'vitest';
import { addressFilter, isGlobalAddress } from '../../../electron/engine/net/address-guard';

describe('isGlobalAddress', () => {
  it.each([
    ['8.8.8.8', true], ['2606:4700::1111', true], ['1.1.1.1', true],
    ['127.0.0.1', false], ['10.1.2.3', false], ['172.16.0.1', false], ['172.31.255.255', false], ['172.32.0.1', true],
    ['192.168.1.1', false], ['100.64.0.1', false], ['169.254.1.1', false], ['192.0.2.1', false], ['198.51.100.7', false],
    ['203.0.113.9', false], ['198.18.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['255.255.255.255', false],
    ['::1', false], ['::', false], ['fe80::1', false], ['fd00::1', false], ['2001:db8::1', false], ['::ffff:127.0.0.1', false],
    ['64:ff9b::808:808', true], ['64:ff9b::7f00:1', false], ['64:ff9b::a00:1', false], ['64:ff9b::c0a8:101', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, global) => {
    expect(isGlobalAddress(address)).toBe(global);
  });
});

describe('addressFilter', () => {
  it('allows only global addresses by default', () => {
    const f = addressFilter({ allowPrivate: false, privateAllowlist: [] });
    expect(['8.8.8.8', '127.0.0.1', '10.0.0.1'].filter(f)).toEqual(['8.8.8.8']);
  });
  it('allows listed private ranges only', () => {
    const f = addressFilter({ allowPrivate: false, privateAllowlist: ['127.0.0.0/8'] });
    expect(['8.8.8.8', '127.1.2.3', '10.0.0.1', '::1'].filter(f)).toEqual(['8.8.8.8', '127.1.2.3']);
  });
  it('allows every valid address with allowPrivate', () => {
    const f = addressFilter({ allowPrivate: true, privateAllowlist: [] });
    expect(['10.0.0.1', 'fd00::1', 'bogus'].filter(f)).toEqual(['10.0.0.1', 'fd00::1']);
  });
});
