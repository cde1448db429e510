import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  breakdownsToCsv, createMemoryAdapter, CsvImportError, defaultPolicy, generateSchool, importCsv, liveStatuses, safeCell, statusesToCsv,
  type Breakdown, type CsvProgress,
} from '../packages/rules/src/index.js';

// A pupil export as an MIS writes it: its own headers, SEN codes, Y/N flags, UK dates.
const pupilsCsv = [
  'UPN,Forename,Surname,Year,Reg,SEN Status,PP,EAL,Gender,Attendance %',
  'A123,Amira,Khan,Year 4,4K,K,Y,N,F,93.5',
  'A124,"Ben, Jr",Okafor,4,4K,N,N,Y,M,97',
  '',
  'A125,Chloé,"Smith',
  'Jones",Y4,4K,E,N,N,F,88',
].join('\n');
const pupilMapping = {
  id: 'UPN', givenName: 'Forename', familyName: 'Surname', yearGroup: 'Year', classId: 'Reg',
  'attributes.send': 'SEN Status', 'attributes.pupilPremium': 'PP', 'attributes.eal': 'EAL', 'attributes.gender': 'Gender', 'attributes.attendance': 'Attendance %',
};

describe('importCsv', () => {
  it('imports pupils with attributes through a column mapping, MIS codes and quoted cells', async () => {
    const { records, problems, rows } = await importCsv(pupilsCsv, { kind: 'pupils', mapping: pupilMapping });
    assert.deepEqual(problems, []);
    assert.equal(rows, 3);
    assert.deepEqual(records[0], {
      id: 'A123', givenName: 'Amira', familyName: 'Khan', yearGroup: 'Y4', classId: '4K',
      attributes: { send: 'support', pupilPremium: true, eal: false, gender: 'F', attendance: 93.5 },
    });
    assert.equal(records[1]?.givenName, 'Ben, Jr');
    assert.equal(records[2]?.familyName, 'Smith\nJones');
    assert.equal(records[2].attributes.send, 'ehcp');
  });

  it('imports nothing from a file with bad rows, naming each by line and column', async () => {
    const bad = [
      'UPN,Forename,Surname,Year,Reg,SEN Status,PP,EAL,Gender,Attendance %',
      'A123,Amira,Khan,Year 4,4K,K,Y,N,F,93.5',
      'A124,Ben,Okafor,Year 14,4K,N,maybe,N,M,97',
      'A125,Cara,Lee,Y4,4K,N,N,N,F,140',
      'A123,Dup,Pupil,Y4,4K,N,N,N,F,90',
    ].join('\n');
    await assert.rejects(importCsv(bad, { kind: 'pupils', mapping: pupilMapping, source: 'pupils.csv' }), (error: unknown) => {
      assert.ok(error instanceof CsvImportError);
      const where = error.problems.map((p) => `${String(p.line)}:${p.column ?? ''}`);
      assert.deepEqual(where, ['3:PP', '4:Attendance %', '5:UPN']);
      assert.match(error.message, /pupils\.csv line 3, column "PP": must be yes or no/);
      assert.match(error.message, /line 5, column "UPN": pupil "A123" already appears on line 2/);
      return true;
    });
  });

  it('reports a bad year group against its column once the row is otherwise readable', async () => {
    const bad = 'UPN,Forename,Surname,Year,Reg\nA1,Ann,Lee,Year 14,4K\n';
    const result = await importCsv(bad, { kind: 'pupils', mapping: pupilMapping, allowPartial: true });
    assert.deepEqual(result.records, []);
    assert.equal(result.problems[0]?.line, 2);
    assert.equal(result.problems[0].column, 'Year');
  });

  it('imports the good rows and reports the bad when the caller accepts a partial import', async () => {
    const text = 'UPN,Forename,Surname,Year,Reg\nA1,Ann,Lee,Y3,3M\nA2,,Roe,Y3,3M\nA3,Cat,Poe,Y3,3M\n';
    const result = await importCsv(text, { kind: 'pupils', mapping: pupilMapping, allowPartial: true });
    assert.deepEqual(result.records.map((p) => p.id), ['A1', 'A3']);
    assert.deepEqual(result.problems.map((p) => [p.line, p.column]), [[3, 'Forename']]);
  });

  it('imports judgements with translated levels and UK dates, ready for a bulk write', async () => {
    const school = generateSchool({ seed: 3, pupils: 10 });
    const [a, b] = school.pupils;
    const text = `Pupil,Subject,Judgement,Date,Teacher,Comment\n${a!.id},maths,B,02/10/2026,t1,gaps\n${b!.id},reading,A,2026-10-03T09:15:00Z,t2,\n`;
    const { records } = await importCsv(text, {
      kind: 'judgements',
      mapping: { pupilId: 'Pupil', subjectId: 'Subject', status: 'Judgement', recordedAt: 'Date', recordedBy: 'Teacher', note: 'Comment' },
      values: { status: { B: 'below', O: 'on', A: 'above' } },
    });
    assert.deepEqual(records[0], { pupilId: a!.id, subjectId: 'maths', status: 'below', recordedAt: '2026-10-02T12:00:00Z', recordedBy: 't1', note: 'gaps' });
    const adapter = createMemoryAdapter(school);
    const stored = await adapter.recordJudgements(records);
    assert.equal(stored.length, 2);
  });

  it('imports assessments with numbers and dates', async () => {
    const { records } = await importCsv('pupilId,subjectId,kind,score,takenOn\np1,maths,standardised,82,01/10/2026\n', { kind: 'assessments' });
    assert.deepEqual(records, [{ pupilId: 'p1', subjectId: 'maths', kind: 'standardised', score: 82, takenOn: '2026-10-01' }]);
  });

  it('reads a large file row by row, telling the progress as it goes', async () => {
    const lines = ['UPN,Forename,Surname,Year,Reg'];
    for (let i = 0; i < 2000; i++) lines.push(`P${String(i)},Name${String(i)},Family,Y5,5S`);
    const seen: CsvProgress[] = [];
    const { records } = await importCsv(lines.join('\n'), { kind: 'pupils', mapping: pupilMapping, onProgress: (p) => seen.push(p) });
    assert.equal(records.length, 2000);
    assert.deepEqual(seen.map((p) => p.rows), [500, 1000, 1500, 2000, 2000]);
    assert.ok(seen.every((p, i) => i === 0 || p.read >= (seen[i - 1]?.read ?? 0)));
    assert.equal(seen.at(-1)?.read, seen.at(-1)?.total);
  });

  it('reads a Blob as well as a string', async () => {
    const { records } = await importCsv(new Blob([pupilsCsv]), { kind: 'pupils', mapping: pupilMapping });
    assert.equal(records.length, 3);
  });
});

describe('CSV export', () => {
  it('prefixes a text cell that a spreadsheet would run as a formula', () => {
    assert.equal(safeCell('=HYPERLINK("http://evil")'), `'=HYPERLINK("http://evil")`);
    assert.equal(safeCell('+44'), `'+44`);
    assert.equal(safeCell('-1+2'), `'-1+2`);
    assert.equal(safeCell('@SUM(A1)'), `'@SUM(A1)`);
    assert.equal(safeCell('Amira'), 'Amira');
    assert.equal(safeCell(-3.5), '-3.5');
  });

  it('exports the grid’s statuses with names, labels and sources, injection-safe and quoted', () => {
    const school = generateSchool({ seed: 2, pupils: 3, through: '2026-11-16' });
    const pupils = school.pupils.map((p, i) => (i === 0 ? { ...p, givenName: '=cmd|"/c calc"!A1', familyName: 'Smith, Jr' } : p));
    const data = { ...school, pupils };
    const statuses = liveStatuses(data, defaultPolicy, '2026-11-16');
    const csv = statusesToCsv(statuses, data, defaultPolicy);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'pupilId,givenName,familyName,yearGroup,classId,subjectId,subject,status,statusLabel,source');
    assert.equal(lines.length, 1 + 3 * 4);
    assert.ok(lines[1]?.includes(`"'=cmd|""/c calc""!A1","Smith, Jr"`), lines[1]);
    assert.match(lines[1] ?? '', /,(below|on|above),[A-Z][a-z]+ track,(recorded|default)$/);
  });

  it('exports breakdowns with a count and percentage per level, blank when suppressed', () => {
    const shown: Breakdown = { filter: { yearGroup: 'Y4' }, label: 'Y4', date: '2026-11-16', pupils: 30, total: 120, untracked: 0, counts: { below: 12, on: 96, above: 12 }, percent: { below: 10, on: 80, above: 10 }, suppressed: false };
    const hidden: Breakdown = { ...shown, label: '-Y4 × EAL', pupils: 3, total: 12, counts: null, percent: null, suppressed: true };
    const csv = breakdownsToCsv([shown, hidden], defaultPolicy).trimEnd().split('\r\n');
    assert.equal(csv[0], 'cohort,date,pupils,total,untracked,suppressed,belowCount,belowPercent,onCount,onPercent,aboveCount,abovePercent');
    assert.equal(csv[1], 'Y4,2026-11-16,30,120,0,false,12,10,96,80,12,10');
    assert.equal(csv[2], `'-Y4 × EAL,2026-11-16,3,12,0,true,,,,,,`);
  });
});
