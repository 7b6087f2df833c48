/** The whole lab estate: every domain spec and the MX hosts they use. */
import type { DomainSpec, MxHostSpec } from './spec';
import { HEALTHY_DOMAINS, HOSTILE_HOST_DOMAINS, POLICY_CONTENT_DOMAINS, POLICY_HOST_DOMAINS, STS_RECORD_DOMAINS } from './mta-sts-domains';
import { COVERAGE_DOMAINS, MX_DOMAINS, TLSRPT_DOMAINS } from './tlsrpt-mx-domains';
import { TRANSPORT_DOMAINS, TRANSPORT_MX_HOSTS } from './transport-domains';

export const BASE_MX_HOSTS: MxHostSpec[] = [
  { name: 'mx1.provider.test', about: 'healthy provider MX, shared by most domains' },
  { name: 'mx2.provider.test', about: 'healthy provider backup MX' },
  { name: 'mx.other.test', about: 'healthy MX of another provider' },
  { name: 'badcert.provider.test', about: 'certificate for another name', cert: 'wrong-name' },
  { name: 'implicit-mx.test', about: 'the implicit MX of implicit-mx.test' },
  { name: 'mx-implicit.test', about: 'the implicit MX of mx-implicit.test' },
  ...TRANSPORT_MX_HOSTS,
];

export const ENGINE_DOMAINS: DomainSpec[] = [
  ...HEALTHY_DOMAINS, ...STS_RECORD_DOMAINS, ...POLICY_HOST_DOMAINS, ...HOSTILE_HOST_DOMAINS, ...POLICY_CONTENT_DOMAINS,
  ...TLSRPT_DOMAINS, ...MX_DOMAINS, ...COVERAGE_DOMAINS, ...TRANSPORT_DOMAINS,
];
