/**
 * The JSON Schema (draft 2020-12) of evidence.json, written into every bundle as schema/evidence.schema.json.
 * It fixes the envelope (format, schemaVersion, run, domains) and the fields every verdict is read from
 * (posture, findings, evidence); the rest of a result is described by shared/types.ts DomainResult and allowed
 * through, so a schema version only changes when the envelope or a verdict field changes meaning.
 */
import { POSTURES, SEVERITIES } from '../../../shared/findings';
import { EVIDENCE_FORMAT, EVIDENCE_VERSION } from '../report/evidence-json';

export const EVIDENCE_SCHEMA_ID = `https://mta-sts-auditor.invalid/schema/evidence/v${EVIDENCE_VERSION}.json`;

export function evidenceSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: EVIDENCE_SCHEMA_ID,
    title: 'MTA-STS Auditor evidence',
    description: 'Every result of one audit run with its raw evidence. One domain entry per line; a domain\'s evidence hash is the SHA-256 of its line without the trailing comma and line feed.',
    type: 'object',
    required: ['format', 'schemaVersion', 'run', 'domains'],
    properties: {
      format: { const: EVIDENCE_FORMAT },
      schemaVersion: { const: EVIDENCE_VERSION },
      run: {
        type: 'object',
        required: ['id', 'name', 'createdAt', 'state', 'toolVersion', 'resolver', 'total', 'settings'],
        properties: {
          id: { type: 'integer' }, name: { type: 'string' }, client: { type: ['string', 'null'] }, source: { type: ['string', 'null'] },
          createdAt: { type: 'string', format: 'date-time' }, finishedAt: { type: ['string', 'null'] }, state: { type: 'string' },
          toolVersion: { type: 'string' }, resolver: { type: 'string' }, total: { type: 'integer', minimum: 0 }, settings: { type: 'object' },
        },
      },
      domains: { type: 'array', items: { $ref: '#/$defs/entry' } },
    },
    $defs: {
      entry: {
        type: 'object',
        required: ['input', 'domain', 'tags', 'result'],
        additionalProperties: false,
        properties: {
          input: { type: 'string' },
          domain: { type: 'string' },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
          result: { $ref: '#/$defs/result' },
        },
      },
      result: {
        type: 'object',
        required: ['input', 'domain', 'posture', 'mxKind', 'mx', 'findings', 'evidence', 'startedAt', 'durationMs', 'toolVersion'],
        properties: {
          input: { type: 'string' },
          domain: { type: 'string' },
          posture: { enum: [...POSTURES] },
          mxKind: { type: 'string' },
          mx: { type: 'array', items: { type: 'object' } },
          findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
          evidence: {
            type: 'object',
            required: ['dns'],
            properties: { dns: { type: 'array', items: { type: 'object' } }, policyFetch: { type: 'object' } },
          },
          startedAt: { type: 'string', format: 'date-time' },
          durationMs: { type: 'number', minimum: 0 },
          toolVersion: { type: 'string' },
        },
      },
      finding: {
        type: 'object',
        required: ['code', 'severity'],
        properties: { code: { type: 'string' }, severity: { enum: [...SEVERITIES] } },
      },
    },
  };
}
