import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, hostileResult, makeResult, makeRun } from './fixtures';
const n = Number(process.argv[2] ?? 42);
const items = [...estate(n - 2), { result: hostileResult('hostile.example.org'), tags: { 'Регион': 'Северо-Запад', 'Περιοχή': 'Αθήνα', 'المنطقة': 'الرياض', '部门': '销售部' } }, { result: makeResult('quiet.example.net', { posture: 'absent' }), tags: {} }];
const t = performance.now();
await writeEvidencePdfFrom(memorySource({ run: makeRun({ total: items.length, client: 'ООО «Ромашка» Ελληνική شركة الاتصالات 测试公司' }), items }), process.argv[3] ?? '/tmp/pk/a.pdf', { summaryOnly: process.argv[4] === 'summary', auditor: 'Jane Auditor', generatedAt: new Date('2026-03-03T10:00:00Z') });
console.log('ms', Math.round(performance.now() - t));
