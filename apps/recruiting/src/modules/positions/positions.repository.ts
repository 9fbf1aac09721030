import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PositionInput } from '@netsign/contracts';
import { hydrate } from '@netsign/persistence';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../paging.js';
import { PositionEntity } from './position.entity.js';

export type NewPosition = Pick<PositionEntity, 'id' | 'employerId'> & PositionInput;

/** Table `positions`: the only place that reads or writes it. */
@Injectable()
export class PositionsRepository {
  constructor(
    @InjectRepository(PositionEntity) private readonly positions: Repository<PositionEntity>,
  ) {}

  /** In `tx` when given, so writes join the transaction that also writes the outbox. */
  private on(tx?: EntityManager): Repository<PositionEntity> {
    return tx ? tx.getRepository(PositionEntity) : this.positions;
  }

  /** Inserts an OPEN position at revision 1; the database's defaults come back on the entity. */
  async insert(tx: EntityManager, fields: NewPosition): Promise<PositionEntity> {
    const position = this.on(tx).create(fields);
    await this.on(tx).insert(position);
    return position;
  }

  async findById(id: string, tx?: EntityManager): Promise<PositionEntity | null> {
    return this.on(tx).findOneBy({ id });
  }

  /** The employer's own position, locked for a change (another employer's: null). */
  async lockOwn(tx: EntityManager, id: string, employerId: string): Promise<PositionEntity | null> {
    return this.on(tx).findOne({ where: { id, employerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Applies the changes (and status), bumps the revision; returns the position as it now is. */
  async update(
    tx: EntityManager,
    id: string,
    changes: Partial<PositionInput> & Partial<Pick<PositionEntity, 'status'>>,
  ): Promise<PositionEntity> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const result = await this.on(tx)
      .createQueryBuilder()
      .update()
      .set({ ...set, revision: () => 'revision + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .returning('*')
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    return hydrate(tx, PositionEntity, rows[0]!);
  }

  /** Open positions, newest first, optionally of one employer and matching a search text. */
  async listOpen(
    filter: { employerId?: string; text?: string },
    page: Page,
  ): Promise<[PositionEntity[], number]> {
    const qb = this.positions.createQueryBuilder('p').where(`p.status = 'OPEN'`);
    if (filter.employerId) qb.andWhere('p.employerId = :employerId', filter);
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(p.title ILIKE :like OR p.location ILIKE :like OR p.description ILIKE :like)', {
        like,
      });
    }
    return qb
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getManyAndCount();
  }
}
