/** The estate the `demo` command audits: the engine estate plus the MX transport hosts. */
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from './index';

export const DEMO_DOMAINS = ENGINE_DOMAINS;
export const DEMO_MX_HOSTS = BASE_MX_HOSTS;
