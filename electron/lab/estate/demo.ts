/** The estate the `demo` command audits: the engine estate plus the MX transport hosts. */
import { BASE_MX_HOSTS, ENGINE_DOMAINS } from './index';

/** Without the black-holed policy host: its black hole is held by a python3 helper a user's machine may lack. */
export const DEMO_DOMAINS = ENGINE_DOMAINS.filter((d) => !d.policyHostBlackhole);
export const DEMO_MX_HOSTS = BASE_MX_HOSTS;
