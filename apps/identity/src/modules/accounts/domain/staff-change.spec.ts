import { describe, expect, it } from '@jest/globals';
import { applyStaffChange, type StaffScope } from './staff-change.js';

const none: StaffScope = { departmentCode: null, graduateIds: [], classNames: [] };
const dept: StaffScope = { departmentCode: 'CS', graduateIds: [], classNames: [] };
const counsellor: StaffScope = {
  departmentCode: null,
  graduateIds: ['g1'],
  classNames: ['CS2201'],
};

describe('applyStaffChange: what a school admin may change on a staff account', () => {
  it('refuses an empty change', () => {
    expect(applyStaffChange('COUNSELLOR', counsellor, {})).toEqual({
      problem: { field: 'body', message: expect.any(String) },
    });
  });

  it('gives a school admin nothing to change (the whole school is their scope)', () => {
    expect(applyStaffChange('SCHOOL_ADMIN', none, { classNames: ['X'] })).toMatchObject({
      problem: { field: 'classNames' },
    });
    expect(applyStaffChange('SCHOOL_ADMIN', none, { departmentCode: 'CS' })).toMatchObject({
      problem: { field: 'departmentCode' },
    });
  });

  it('moves department staff to another department, and only that', () => {
    expect(applyStaffChange('DEPARTMENT_STAFF', dept, { departmentCode: 'LAW' })).toEqual({
      scope: { departmentCode: 'LAW', graduateIds: [], classNames: [] },
      changed: true,
      departmentChanged: true,
    });
    expect(applyStaffChange('DEPARTMENT_STAFF', dept, { departmentCode: 'CS' })).toMatchObject({
      changed: false,
      departmentChanged: false,
    });
    expect(
      applyStaffChange('DEPARTMENT_STAFF', dept, { departmentCode: 'LAW', graduateIds: ['g1'] }),
    ).toMatchObject({ problem: { field: 'graduateIds' } });
  });

  it('replaces a counsellor’s graduates or classes, keeping the part not sent, without duplicates', () => {
    expect(
      applyStaffChange('COUNSELLOR', counsellor, { classNames: ['CS2301', 'CS2301'] }),
    ).toEqual({
      scope: { departmentCode: null, graduateIds: ['g1'], classNames: ['CS2301'] },
      changed: true,
      departmentChanged: false,
    });
    expect(applyStaffChange('COUNSELLOR', counsellor, { graduateIds: [] })).toMatchObject({
      scope: { graduateIds: [], classNames: ['CS2201'] },
      changed: true,
    });
    // The same sets in another order: nothing changes.
    expect(
      applyStaffChange(
        'COUNSELLOR',
        { ...counsellor, classNames: ['A', 'B'] },
        { classNames: ['B', 'A'] },
      ),
    ).toMatchObject({ changed: false });
  });

  it('never leaves a counsellor responsible for no one, and never gives them a department', () => {
    const onlyClasses = { ...counsellor, graduateIds: [] };
    expect(applyStaffChange('COUNSELLOR', onlyClasses, { classNames: [] })).toMatchObject({
      problem: { field: 'classNames' },
    });
    expect(
      applyStaffChange('COUNSELLOR', counsellor, { graduateIds: [], classNames: [] }),
    ).toMatchObject({ problem: { field: 'graduateIds' } });
    expect(applyStaffChange('COUNSELLOR', counsellor, { departmentCode: 'CS' })).toMatchObject({
      problem: { field: 'departmentCode' },
    });
  });
});
