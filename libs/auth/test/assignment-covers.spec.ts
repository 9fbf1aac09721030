import { describe, expect, it } from '@jest/globals';
import { assignmentCovers } from '../src/index.js';

describe('assignmentCovers (a counsellor’s graduates and classes)', () => {
  const assignment = { schoolCode: 'S1', graduateIds: ['g1', 'g2'], classNames: ['CS2202'] };
  const g = (graduateId: string, className: string | null, schoolCode = 'S1') => ({
    schoolCode,
    graduateId,
    className,
  });

  it('covers graduates assigned by id, whatever their class', () => {
    expect(assignmentCovers(assignment, g('g1', 'CS2201'))).toBe(true);
    expect(assignmentCovers(assignment, g('g2', null))).toBe(true);
  });

  it('covers graduates of an assigned class', () => {
    expect(assignmentCovers(assignment, g('g9', 'CS2202'))).toBe(true);
  });

  it('does not cover the rest of the department or a graduate without a class', () => {
    expect(assignmentCovers(assignment, g('g3', 'CS2201'))).toBe(false);
    expect(assignmentCovers(assignment, g('g4', null))).toBe(false);
    expect(assignmentCovers({ ...assignment, classNames: [] }, g('g9', 'CS2202'))).toBe(false);
  });

  it('never covers another school, even for an assigned id or class name', () => {
    expect(assignmentCovers(assignment, g('g1', 'CS2201', 'S2'))).toBe(false);
    expect(assignmentCovers(assignment, g('g9', 'CS2202', 'S2'))).toBe(false);
  });
});
