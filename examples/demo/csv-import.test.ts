import { expect } from '@open-wc/testing';
import { CsvImportError, importCsv, type CsvProgress } from '@ontrack/rules';

// In a browser a File (a Blob) is read by papaparse in chunks, not all at once.
describe('importCsv with a File (in Chromium)', () => {
  const header = 'UPN,Forename,Surname,Year,Reg,PP';
  const mapping = { id: 'UPN', givenName: 'Forename', familyName: 'Surname', yearGroup: 'Year', classId: 'Reg', 'attributes.pupilPremium': 'PP' };

  it('streams a large file, telling the progress, and imports every pupil', async () => {
    const lines = [header];
    for (let i = 0; i < 3000; i++) lines.push(`P${String(i)},Name${String(i)},Family,Year 5,5S,${i % 4 === 0 ? 'Y' : 'N'}`);
    const file = new File([lines.join('\n')], 'pupils.csv', { type: 'text/csv' });
    const progress: CsvProgress[] = [];
    const { records } = await importCsv(file, { kind: 'pupils', mapping, onProgress: (p) => progress.push(p) });
    expect(records).to.have.length(3000);
    expect(records[4]).to.deep.equal({ id: 'P4', givenName: 'Name4', familyName: 'Family', yearGroup: 'Y5', classId: '5S', attributes: { pupilPremium: true } });
    expect(progress.at(-1)?.rows).to.equal(3000);
  });

  it('imports nothing from a file with a bad row, naming its line and column', async () => {
    const file = new File([`${header}\nP1,Ann,Lee,Y5,5S,Y\nP2,Bo,Poe,Y5,5S,perhaps\n`], 'pupils.csv');
    let error: unknown;
    try {
      await importCsv(file, { kind: 'pupils', mapping });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CsvImportError);
    expect((error as CsvImportError).problems.map((p) => [p.line, p.column])).to.deep.equal([[3, 'PP']]);
  });
});
