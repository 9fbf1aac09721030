import { describe, expect, it } from '@jest/globals';
import type { AgreementSnapshot } from '@netsign/contracts';
import { printedNames } from '../src/modules/print-jobs/standard-names.js';

const snapshot = (
  graduate: Partial<AgreementSnapshot['graduate']>,
  employer: Partial<AgreementSnapshot['employer']>,
) =>
  ({
    graduate: { originPlace: '合肥', ...graduate },
    employer: { nature: '企业', industry: '软件', ...employer },
  }) as Pick<AgreementSnapshot, 'graduate' | 'employer'>;

describe('names printed for standard codes (issue 18)', () => {
  it("prints the table's names where the snapshot has codes", () => {
    expect(
      printedNames(
        snapshot({ originRegionCode: '340104' }, { natureCode: '31', industryCode: 'I' }),
      ),
    ).toEqual({
      originPlace: '安徽省合肥市蜀山区',
      nature: '国有企业',
      industry: '信息传输、软件和信息技术服务业',
    });
  });

  it('prints the text of snapshots without codes (signed before them) as it was', () => {
    expect(printedNames(snapshot({ originRegionCode: null }, {}))).toEqual({
      originPlace: '合肥',
      nature: '企业',
      industry: '软件',
    });
  });
});
